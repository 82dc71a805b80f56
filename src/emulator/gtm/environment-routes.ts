// GTM API v2 environments: list, get, create, update (?fingerprint=), delete, reauthorize. A
// container has two system environments GTM derives itself, Live (the published version) and
// Latest (the newest version), which cannot be changed; user environments (staging, QA) carry
// their own containerVersionId pointer, which "publish to environment" moves.
import { createHash } from "node:crypto";
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import { ApiError, type Route } from "../http/route.js";
import type { World } from "../world.js";
import { checkFingerprint, findContainer, findVersion, notFound } from "./locate.js";
import { containerPath } from "./render.js";
import type { GtmContainer, GtmEnvironment, JsonObject } from "./types.js";
import { latestVersion } from "./workspace-diff.js";

const C = "/tagmanager/v2/accounts/{account}/containers/{container}";
const UI = "https://tagmanager.google.com/#/container";
const LIVE_ID = "1";
const LATEST_ID = "2";
const FIRST_USER_ID = 3;

function invalid(message: string): ApiError {
  return new ApiError(400, "INVALID_ARGUMENT", message, "invalid");
}

function render(accountId: string, c: GtmContainer, e: JsonObject): JsonObject {
  const path = `${containerPath(accountId, c.containerId)}/environments/${String(e.environmentId)}`;
  return {
    path,
    accountId,
    containerId: c.containerId,
    ...e,
    tagManagerUrl: `${UI}/accounts/${accountId}/containers/${c.containerId}/environments/${String(e.environmentId)}?apiLink=environment`,
  };
}

/** Live and Latest as GTM lists them: no name of their own to edit, no authorization. */
function systemEnvironments(c: GtmContainer): JsonObject[] {
  const latest = latestVersion(c);
  return [
    {
      environmentId: LIVE_ID,
      type: "live",
      name: "Live",
      description: "",
      fingerprint: c.fingerprint,
      ...(c.liveVersionId ? { containerVersionId: c.liveVersionId } : {}),
    },
    {
      environmentId: LATEST_ID,
      type: "latest",
      name: "Latest",
      description: "",
      fingerprint: c.fingerprint,
      ...(latest ? { containerVersionId: latest.containerVersionId } : {}),
    },
  ];
}

function userView(e: GtmEnvironment): JsonObject {
  return { ...e, type: "user" };
}

function all(c: GtmContainer): JsonObject[] {
  return [...systemEnvironments(c), ...(c.environments ?? []).map(userView)];
}

function findUser(c: GtmContainer, id: string): GtmEnvironment {
  if (id === LIVE_ID || id === LATEST_ID)
    throw invalid("The Live and Latest environments are managed by Tag Manager and cannot be changed.");
  const e = (c.environments ?? []).find((x) => x.environmentId === id);
  if (!e) throw notFound();
  return e;
}

/** The editable fields of a create/update body, checked as GTM checks them. */
function editable(c: GtmContainer, body: JsonObject, selfId?: string) {
  const name = typeof body.name === "string" ? body.name.trim() : "";
  if (name === "") throw invalid("environment.name: The value must not be empty");
  if (body.type !== undefined && body.type !== "user")
    throw invalid(
      `Invalid value at 'environment.type': only user environments can be created, got "${String(body.type)}"`,
    );
  if (["live", "latest"].includes(name.toLowerCase()))
    throw invalid(`environment.name: "${name}" is reserved`);
  if ((c.environments ?? []).some((e) => e.name === name && e.environmentId !== selfId))
    throw invalid(`Found entity with duplicate name: an environment named "${name}" already exists.`);
  const versionId = body.containerVersionId === undefined ? "" : String(body.containerVersionId);
  if (versionId !== "") findVersion(c, versionId); // 404 for a version that does not exist
  if (body.url !== undefined && typeof body.url !== "string")
    throw invalid("environment.url: must be a string");
  return {
    name,
    description: typeof body.description === "string" ? body.description : "",
    url: typeof body.url === "string" ? body.url : "",
    enableDebug: body.enableDebug === true,
    containerVersionId: versionId,
  };
}

function authorization(
  world: World,
  c: GtmContainer,
  id: string,
): Pick<GtmEnvironment, "authorizationCode" | "authorizationTimestamp"> {
  const seed = `${c.containerId}/${id}/${world.fingerprint()}`;
  return {
    authorizationCode: createHash("sha256").update(seed).digest("base64url").slice(0, 22),
    authorizationTimestamp: new Date().toISOString(),
  };
}

export function environmentRoutes(world: World): Route[] {
  const one = `${C}/environments/{environment}`;
  return [
    defineRoute("gtm", "GET", `${C}/environments`, (req, params) => {
      const c = findContainer(world, params);
      const p = page(all(c), req.query.get("pageToken"), world.options.pageSize);
      return ok({
        environment: p.items.map((e) => render(params.account, c, e)),
        nextPageToken: p.nextPageToken,
      });
    }),
    defineRoute("gtm", "GET", one, (_req, params) => {
      const c = findContainer(world, params);
      const e = all(c).find((x) => x.environmentId === params.environment);
      if (!e) throw notFound();
      return ok(render(params.account, c, e));
    }),
    defineRoute("gtm", "POST", `${C}/environments`, (req, params) => {
      const c = findContainer(world, params);
      const fields = editable(c, (req.body ?? {}) as JsonObject);
      c.nextEnvironmentId ??= FIRST_USER_ID;
      const environmentId = String(c.nextEnvironmentId++);
      const created: GtmEnvironment = {
        environmentId,
        ...fields,
        ...authorization(world, c, environmentId),
        fingerprint: world.fingerprint(),
      };
      c.environments = [...(c.environments ?? []), created];
      world.changed();
      return ok(render(params.account, c, userView(created)));
    }),
    defineRoute("gtm", "PUT", one, (req, params) => {
      const c = findContainer(world, params);
      const current = findUser(c, params.environment);
      checkFingerprint(req.query.get("fingerprint"), current.fingerprint);
      const next: GtmEnvironment = {
        ...current,
        ...editable(c, (req.body ?? {}) as JsonObject, current.environmentId),
      };
      const changed = JSON.stringify(next) !== JSON.stringify(current);
      if (changed) next.fingerprint = world.fingerprint();
      c.environments = (c.environments ?? []).map((e) => (e === current ? next : e));
      if (changed) world.changed();
      return ok(render(params.account, c, userView(next)));
    }),
    defineRoute("gtm", "DELETE", one, (_req, params) => {
      const c = findContainer(world, params);
      const current = findUser(c, params.environment);
      c.environments = (c.environments ?? []).filter((e) => e !== current);
      world.changed();
      return ok();
    }),
    defineRoute("gtm", "POST", `${one}:reauthorize`, (_req, params) => {
      const c = findContainer(world, params);
      const current = findUser(c, params.environment);
      Object.assign(current, authorization(world, c, current.environmentId), {
        fingerprint: world.fingerprint(),
      });
      world.changed();
      return ok(render(params.account, c, userView(current)));
    }),
  ];
}
