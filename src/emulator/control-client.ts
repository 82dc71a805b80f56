// A tiny typed client for the control API (/__emulator/), for tests, benches and the demo.
import type { FaultConfig, QueuedFault } from "./faults/fault-config.js";
import type { GtmWindowInfo } from "./quota/quota-policy.js";
import type { RequestCountsSnapshot } from "./request-counts.js";
import type { EmulatorState } from "./state.js";

type Collection = "tags" | "triggers" | "variables" | "folders";

export class EmulatorControl {
  constructor(private readonly url: string) {}

  state(): Promise<EmulatorState> {
    return this.call("GET", "/state");
  }

  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }

  requestCounts(): Promise<RequestCountsSnapshot> {
    return this.call("GET", "/requests");
  }

  async resetRequestCounts(): Promise<void> {
    await this.call("DELETE", "/requests");
  }

  /** The GTM quota window: which one it is and how long it lasts (null when the quota is off). */
  async gtmQuotaWindow(): Promise<GtmWindowInfo | null> {
    return (await this.call<{ gtmWindow: GtmWindowInfo | null }>("GET", "/quota")).gtmWindow;
  }

  async resetQuota(): Promise<void> {
    await this.call("DELETE", "/quota");
  }

  setFaults(config: FaultConfig): Promise<FaultConfig> {
    return this.call("PUT", "/faults", config);
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }

  /** The next `fault.count` matching requests get `fault.kind`. */
  queueFault(fault: QueuedFault): Promise<FaultConfig> {
    return this.call("POST", "/faults/queue", fault);
  }

  /** The next `count` create_version calls answer compilerError: true. */
  async failNextCompile(count = 1): Promise<void> {
    await this.call("POST", "/gtm/compiler-error", { count });
  }

  addContainer(
    accountId: string,
    name: string,
    containerId?: string,
  ): Promise<{ containerId: string; workspaceId: string }> {
    return this.call("POST", "/gtm/containers", { accountId, name, containerId });
  }

  async addProperty(propertyId: string, displayName?: string): Promise<void> {
    await this.call("POST", "/ga4/properties", { propertyId, displayName });
  }

  /** Create an entity as a person in the GTM UI would (no validation). `workspace` is its API path. */
  uiCreate(
    workspace: string,
    collection: Collection,
    body: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    return this.call("POST", `/gtm/${workspace}/${collection}`, body);
  }

  /** Shallow-merge fields into an entity (by API path); bumps its fingerprint when content changes. */
  uiEdit(entityPath: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.call("PATCH", `/gtm/${entityPath}`, fields);
  }

  async uiDelete(entityPath: string): Promise<void> {
    await this.call("DELETE", `/gtm/${entityPath}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control API ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
