// Starts an emulator on an ephemeral port with the official clients pointed at it.
import { analyticsadmin } from "@googleapis/analyticsadmin";
import { tagmanager } from "@googleapis/tagmanager";
import { EmulatorControl } from "../../src/emulator/control-client.js";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator/server.js";

export const CONTAINER = "accounts/6000001/containers/9000001";
export const PROPERTY = "properties/400000001";

export async function start(options: EmulatorOptions = {}) {
  const emulator: Emulator = await startEmulator({ gtmQuota: false, ...options });
  const rootUrl = `${emulator.url}/`;
  return {
    emulator,
    tm: tagmanager({ version: "v2", rootUrl, retry: false }),
    admin: analyticsadmin({ version: "v1beta", rootUrl, retry: false }),
    control: new EmulatorControl(emulator.url),
  };
}

export type Fixture = Awaited<ReturnType<typeof start>>;

/** The error status and Google error body of a rejected client call. */
export async function failure(
  call: Promise<unknown>,
): Promise<{ status: number; message: string; reason: string }> {
  try {
    await call;
  } catch (err) {
    const e = err as {
      status?: number;
      response?: { status: number; data: { error: { message: string; errors: { reason: string }[] } } };
    };
    const data = e.response?.data.error;
    return {
      status: e.response?.status ?? e.status ?? 0,
      message: data?.message ?? "",
      reason: data?.errors[0].reason ?? "",
    };
  }
  throw new Error("expected the call to fail");
}

export const template = (key: string, value: string) => ({ type: "template", key, value });

export function customEventTrigger(name: string, event: string) {
  return {
    name,
    type: "customEvent",
    customEventFilter: [
      { type: "equals", parameter: [template("arg0", "{{_event}}"), template("arg1", event)] },
    ],
  };
}

export function ga4EventTag(name: string, event: string, triggerIds: string[]) {
  return { name, type: "gaawe", parameter: [template("eventName", event)], firingTriggerId: triggerIds };
}
