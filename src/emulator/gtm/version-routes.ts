// versions (get, live, publish, set_latest) and version_headers (list, latest).
import { defineRoute, ok } from "../http/define-route.js";
import { page } from "../http/paging.js";
import type { Route } from "../http/route.js";
import type { World } from "../world.js";
import { checkFingerprint, findContainer, findVersion, notFound } from "./locate.js";
import { renderVersion, renderVersionHeader } from "./render.js";
import { latestVersion } from "./workspace-diff.js";

const C = "/tagmanager/v2/accounts/{account}/containers/{container}";

export function versionRoutes(world: World): Route[] {
  return [
    defineRoute("gtm", "GET", `${C}/versions:live`, (_req, params) => {
      const container = findContainer(world, params);
      if (!container.liveVersionId) throw notFound("Not found: this container has no published version.");
      return ok(renderVersion(params.account, container, findVersion(container, container.liveVersionId)));
    }),
    defineRoute("gtm", "GET", `${C}/versions/{version}`, (_req, params) => {
      const container = findContainer(world, params);
      return ok(renderVersion(params.account, container, findVersion(container, params.version)));
    }),
    defineRoute("gtm", "POST", `${C}/versions/{version}:publish`, (req, params) => {
      const container = findContainer(world, params);
      const version = findVersion(container, params.version);
      checkFingerprint(req.query.get("fingerprint"), version.fingerprint);
      container.liveVersionId = version.containerVersionId;
      container.fingerprint = world.fingerprint();
      world.changed();
      return ok({
        containerVersion: renderVersion(params.account, container, version),
        compilerError: false,
      });
    }),
    defineRoute("gtm", "POST", `${C}/versions/{version}:set_latest`, (_req, params) => {
      const container = findContainer(world, params);
      const version = findVersion(container, params.version);
      // Latest = last in creation order; moving it to the end makes it the sync target.
      container.versions = [...container.versions.filter((v) => v !== version), version];
      world.changed();
      return ok(renderVersion(params.account, container, version));
    }),
    defineRoute("gtm", "GET", `${C}/version_headers`, (req, params) => {
      const container = findContainer(world, params);
      const includeDeleted = req.query.get("includeDeleted") === "true";
      const versions = container.versions.filter((v) => includeDeleted || !v.deleted);
      const p = page(versions, req.query.get("pageToken"), world.options.pageSize);
      return ok({
        containerVersionHeader: p.items.map((v) => renderVersionHeader(params.account, params.container, v)),
        nextPageToken: p.nextPageToken,
      });
    }),
    defineRoute("gtm", "GET", `${C}/version_headers:latest`, (_req, params) => {
      const container = findContainer(world, params);
      const latest = latestVersion(container);
      if (!latest) throw notFound("Not found: this container has no versions.");
      return ok(renderVersionHeader(params.account, params.container, latest));
    }),
  ];
}
