// One shape over the three GTM entity collections (variables, triggers, tags) so apply can treat
// them alike: create, update with fingerprint, delete, list, each a single paid call.
import type { ApiCaller } from "../google/caller.js";
import type { TagManager } from "../google/clients.js";
import { listAll } from "../google/paging.js";
import type { GtmKind } from "../plan/model.js";

export const ID_FIELD: Record<GtmKind, "variableId" | "triggerId" | "tagId"> = {
  variable: "variableId",
  trigger: "triggerId",
  tag: "tagId",
};

const COLLECTION: Record<GtmKind, "variables" | "triggers" | "tags"> = {
  variable: "variables",
  trigger: "triggers",
  tag: "tags",
};

type Raw = Record<string, unknown>;

export interface EntityApi {
  create(parent: string, body: Raw): Promise<Raw>;
  update(path: string, fingerprint: string, body: Raw): Promise<Raw>;
  remove(path: string): Promise<void>;
  get(path: string): Promise<Raw>;
  list(parent: string): Promise<Raw[]>;
}

export function entityApi(caller: ApiCaller, gtm: TagManager, kind: GtmKind): EntityApi {
  const collection = COLLECTION[kind];
  // The generated resources differ only in their schema types; treat them as one JSON shape.
  const res = gtm.accounts.containers.workspaces[collection] as unknown as {
    create(p: Raw, o: Raw): Promise<{ data: Raw }>;
    update(p: Raw, o: Raw): Promise<{ data: Raw }>;
    delete(p: Raw, o: Raw): Promise<unknown>;
    get(p: Raw, o: Raw): Promise<{ data: Raw }>;
    list(p: Raw, o: Raw): Promise<{ data: Raw }>;
  };
  const opts = () => ({});
  const listField = kind; // the list response field: "variable", "trigger", "tag"
  return {
    create: async (parent, body) => (await res.create({ parent, requestBody: body }, opts())).data,
    update: async (path, fingerprint, body) =>
      (await res.update({ path, fingerprint, requestBody: body }, opts())).data,
    remove: async (path) => {
      await res.delete({ path }, opts());
    },
    get: async (path) => (await res.get({ path }, opts())).data,
    list: (parent) =>
      listAll(caller, `${collection}.list`, async (pageToken) => {
        const r = await res.list({ parent, pageToken }, opts());
        return {
          items: r.data[listField] as Raw[] | undefined,
          next: r.data.nextPageToken as string | undefined,
        };
      }),
  };
}

export function collectionOf(kind: GtmKind): string {
  return COLLECTION[kind];
}
