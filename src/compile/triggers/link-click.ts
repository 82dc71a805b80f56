// Just Links trigger (API type "linkClick"). File extensions, outbound and protocol shorthands
// become conditions on {{Click URL}}, written so import can read them back as plain conditions.
import { compileConditions, gtmCondition } from "../conditions.js";
import type { CompileContext } from "../context.js";
import type { GtmCondition } from "../desired-state.js";
import type { SpecOf, TriggerShape } from "./trigger-shape.js";
import { waitForTagsFields } from "./wait-for-tags.js";

export function fileExtensionPattern(exts: string[]): string {
  const alts = [
    ...new Set(exts.map((e) => e.replace(/^\./, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))),
  ].sort();
  return `\\.(${alts.join("|")})([?#]|$)`;
}

export function linkClickTrigger(t: SpecOf<"link_click">, ctx: CompileContext): TriggerShape {
  const clickUrl = ctx.builtIn("click_url");
  const filter: GtmCondition[] = compileConditions(t.conditions, ctx) ?? [];
  if (t.fileExtensions?.length) {
    filter.push(
      gtmCondition("matchRegex", clickUrl, fileExtensionPattern(t.fileExtensions), { ignoreCase: true }),
    );
  }
  if (t.outbound) {
    filter.push(gtmCondition("matchRegex", clickUrl, "^https?://", { ignoreCase: true }));
    filter.push(gtmCondition("contains", clickUrl, ctx.builtIn("page_hostname"), { negate: true }));
  }
  if (t.protocols?.length) {
    const protos = [...new Set(t.protocols)].sort();
    filter.push(gtmCondition("matchRegex", clickUrl, `^(${protos.join("|")}):`, { ignoreCase: true }));
  }
  return {
    type: "linkClick",
    filter: filter.length ? filter : undefined,
    ...waitForTagsFields(t.waitForTagsMs, t.checkValidation, ctx),
  };
}
