// Creating, replacing and deleting workspace entities. Shared by the GTM API routes (validated)
// and the control API (a person in the web UI: unvalidated, never quota-charged).
import type { World } from "../world.js";
import { withConsentDefault } from "./consent-settings.js";
import { KINDS } from "./kinds.js";
import { notFound } from "./locate.js";
import type { GtmContainer, GtmKind, GtmWorkspace, JsonObject, StoredEntity } from "./types.js";
import { validateEntity } from "./validate.js";
import { sameContent } from "./workspace-diff.js";

const SERVER_FIELDS = ["accountId", "containerId", "workspaceId", "path", "tagManagerUrl", "fingerprint"];

/** The client's body minus every field the server owns. */
export function clientFields(kind: GtmKind, body: unknown): JsonObject {
  const out: JsonObject = { ...((body ?? {}) as JsonObject) };
  for (const f of [...SERVER_FIELDS, KINDS[kind].idField]) delete out[f];
  return out;
}

/** What the API stores: the client's fields with GTM's defaults filled in. */
function storedFields(kind: GtmKind, body: unknown, viaApi: boolean): JsonObject {
  const fields = clientFields(kind, body);
  return viaApi && kind === "tag" ? withConsentDefault(fields) : fields;
}

export function findEntity(ws: GtmWorkspace, kind: GtmKind, id: string): StoredEntity {
  const entity = ws.entities[kind].find((e) => String(e[KINDS[kind].idField]) === id);
  if (!entity) throw notFound();
  return entity;
}

export function createEntity(
  world: World,
  container: GtmContainer,
  ws: GtmWorkspace,
  kind: GtmKind,
  body: unknown,
  validate = true,
): StoredEntity {
  const fields = storedFields(kind, body, validate);
  if (validate) validateEntity(kind, fields, ws);
  const id = String(container.nextEntityId++);
  const entity: StoredEntity = { [KINDS[kind].idField]: id, ...fields, fingerprint: world.fingerprint() };
  ws.entities[kind].push(entity);
  ws.fingerprint = world.fingerprint();
  world.changed();
  return entity;
}

/** Full replacement (GTM update semantics); the fingerprint moves only when content changed. */
export function replaceEntity(
  world: World,
  ws: GtmWorkspace,
  kind: GtmKind,
  id: string,
  body: unknown,
  validate = true,
): StoredEntity {
  const list = ws.entities[kind];
  const index = list.findIndex((e) => String(e[KINDS[kind].idField]) === id);
  if (index < 0) throw notFound();
  const fields = storedFields(kind, body, validate);
  if (validate) validateEntity(kind, fields, ws, id);
  const next: StoredEntity = { [KINDS[kind].idField]: id, ...fields, fingerprint: list[index].fingerprint };
  if (sameContent(next, list[index])) return list[index];
  next.fingerprint = world.fingerprint();
  list[index] = next;
  ws.fingerprint = world.fingerprint();
  world.changed();
  return next;
}

export function deleteEntity(world: World, ws: GtmWorkspace, kind: GtmKind, id: string): void {
  const list = ws.entities[kind];
  const index = list.findIndex((e) => String(e[KINDS[kind].idField]) === id);
  if (index < 0) throw notFound();
  list.splice(index, 1);
  if (kind === "folder") {
    // Deleting a folder keeps its members, now unfiled.
    for (const k of ["tag", "trigger", "variable"] as const) {
      for (const e of ws.entities[k]) {
        if (e.parentFolderId === id) {
          delete e.parentFolderId;
          e.fingerprint = world.fingerprint();
        }
      }
    }
  }
  ws.fingerprint = world.fingerprint();
  world.changed();
}
