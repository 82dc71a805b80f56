// A trigger body before naming and marking: what each trigger-kind compiler returns. Triggers with
// equal shapes are one trigger in GTM, shared by every goal that uses it.
import type { TriggerSpec } from "../../project/model.js";
import type { GtmTriggerBody } from "../desired-state.js";

export type TriggerShape = Omit<GtmTriggerBody, "name" | "notes">;
export type SpecOf<K extends TriggerSpec["kind"]> = Extract<TriggerSpec, { kind: K }>;
