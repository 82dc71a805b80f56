// Every GA4 Admin API v1beta route the emulator serves.
import type { Route } from "../http/route.js";
import type { World } from "../world.js";
import { audienceRoutes } from "./audience-routes.js";
import { customDimensionRoutes } from "./custom-dimension-routes.js";
import { keyEventRoutes } from "./key-event-routes.js";
import { propertyRoutes } from "./property-routes.js";

export function adminRoutes(world: World): Route[] {
  return [
    ...propertyRoutes(world),
    ...keyEventRoutes(world),
    ...customDimensionRoutes(world),
    ...audienceRoutes(world),
  ];
}
