// Stored entities → API resources: adds ids of the enclosing account/container/workspace, `path`
// and `tagManagerUrl`, in a stable key order.

import { ALL_KINDS, KINDS } from "./kinds.js";
import type {
  GtmAccount,
  GtmContainer,
  GtmEntityKind,
  GtmVersion,
  GtmWorkspace,
  StoredEntity,
} from "./types.js";

const UI = "https://tagmanager.google.com/#/container";

export interface Scope {
  accountId: string;
  containerId: string;
  /** Workspace id, or undefined when rendering inside a container version. */
  workspaceId?: string;
}

export function accountPath(a: string): string {
  return `accounts/${a}`;
}

export function containerPath(a: string, c: string): string {
  return `accounts/${a}/containers/${c}`;
}

export function workspacePath(a: string, c: string, w: string): string {
  return `${containerPath(a, c)}/workspaces/${w}`;
}

export function renderAccount(a: GtmAccount): unknown {
  return {
    path: accountPath(a.accountId),
    accountId: a.accountId,
    name: a.name,
    shareData: false,
    fingerprint: a.fingerprint,
    tagManagerUrl: `${UI}/accounts/${a.accountId}?apiLink=account`,
  };
}

export function renderContainer(accountId: string, c: GtmContainer): unknown {
  return {
    path: containerPath(accountId, c.containerId),
    accountId,
    containerId: c.containerId,
    name: c.name,
    publicId: c.publicId,
    usageContext: c.usageContext,
    fingerprint: c.fingerprint,
    tagManagerUrl: `${UI}/accounts/${accountId}/containers/${c.containerId}?apiLink=container`,
  };
}

export function renderWorkspace(accountId: string, containerId: string, w: GtmWorkspace): unknown {
  return {
    path: workspacePath(accountId, containerId, w.workspaceId),
    accountId,
    containerId,
    workspaceId: w.workspaceId,
    name: w.name,
    ...(w.description ? { description: w.description } : {}),
    fingerprint: w.fingerprint,
    tagManagerUrl: `${UI}/accounts/${accountId}/containers/${containerId}/workspaces/${w.workspaceId}?apiLink=workspace`,
  };
}

export function renderEntity(kind: GtmEntityKind, scope: Scope, e: StoredEntity): Record<string, unknown> {
  const { accountId, containerId, workspaceId } = scope;
  const base = workspaceId
    ? workspacePath(accountId, containerId, workspaceId)
    : containerPath(accountId, containerId);
  const ids = { accountId, containerId, ...(workspaceId ? { workspaceId } : {}) };
  if (kind === "builtInVariable") {
    return { ...ids, ...e, path: `${base}/built_in_variables?type=${e.type}` };
  }
  const { collection, idField } = KINDS[kind];
  const id = String(e[idField]);
  const where = workspaceId ? `/workspaces/${workspaceId}` : "";
  return {
    ...ids,
    ...e,
    path: `${base}/${collection}/${id}`,
    tagManagerUrl: `${UI}/accounts/${accountId}/containers/${containerId}${where}/${collection}/${id}?apiLink=${KINDS[kind].label}`,
  };
}

export function renderVersion(accountId: string, container: GtmContainer, v: GtmVersion): unknown {
  const scope: Scope = { accountId, containerId: container.containerId };
  const out: Record<string, unknown> = {
    path: `${containerPath(accountId, container.containerId)}/versions/${v.containerVersionId}`,
    accountId,
    containerId: container.containerId,
    containerVersionId: v.containerVersionId,
    name: v.name,
    description: v.description,
    fingerprint: v.fingerprint,
    container: renderContainer(accountId, container),
    tagManagerUrl: `${UI}/accounts/${accountId}/containers/${container.containerId}/versions/${v.containerVersionId}?apiLink=version`,
  };
  if (v.deleted) out.deleted = true;
  for (const kind of ALL_KINDS) {
    if (v.entities[kind].length > 0) out[kind] = v.entities[kind].map((e) => renderEntity(kind, scope, e));
  }
  return out;
}

export function renderVersionHeader(accountId: string, containerId: string, v: GtmVersion): unknown {
  return {
    path: `${containerPath(accountId, containerId)}/versions/${v.containerVersionId}`,
    accountId,
    containerId,
    containerVersionId: v.containerVersionId,
    name: v.name,
    ...(v.deleted ? { deleted: true } : {}),
    numTags: String(v.entities.tag.length),
    numTriggers: String(v.entities.trigger.length),
    numVariables: String(v.entities.variable.length),
  };
}
