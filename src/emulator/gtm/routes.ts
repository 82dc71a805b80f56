// Every GTM API v2 route the emulator serves.
import type { Route } from "../http/route.js";
import type { World } from "../world.js";
import { accountRoutes } from "./account-routes.js";
import { builtInVariableRoutes } from "./built-in-variable-routes.js";
import { entityRoutes } from "./entity-routes.js";
import { environmentRoutes } from "./environment-routes.js";
import { versionRoutes } from "./version-routes.js";
import { workspaceRoutes } from "./workspace-routes.js";

export function gtmRoutes(world: World): Route[] {
  return [
    ...accountRoutes(world),
    ...workspaceRoutes(world),
    ...entityRoutes(world),
    ...builtInVariableRoutes(world),
    ...versionRoutes(world),
    ...environmentRoutes(world),
  ];
}
