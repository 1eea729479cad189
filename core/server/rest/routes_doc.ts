/**
 * What each REST route does, for the generated route table. The routes themselves come from the
 * REST app; a test fails when a route has no entry here, when an entry names no route, and when
 * a route does not run the method its entry names.
 *
 * The entries live by area in `route_docs/`; this file joins them in one fixed order.
 *
 * @module
 */
import { CHARACTER_ROUTE_DOCS } from "./route_docs/characters.ts";
import { CORE_ROUTE_DOCS } from "./route_docs/core.ts";
import { LOREBOOK_ROUTE_DOCS } from "./route_docs/lorebooks.ts";
import { MEMORY_ROUTE_DOCS } from "./route_docs/memory.ts";
import { MIND_ROUTE_DOCS } from "./route_docs/mind.ts";
import { ROOM_ROUTE_DOCS } from "./route_docs/rooms.ts";
import { SIMULATION_ROUTE_DOCS } from "./route_docs/simulations.ts";
import type { RouteDoc } from "./route_docs/types.ts";

export type { RouteDoc, RouteExample } from "./route_docs/types.ts";

/** The core routes, keyed `"METHOD /path"` as the REST app lists them. */
export const REST_ROUTE_DOCS: Record<string, RouteDoc> = {
  ...CORE_ROUTE_DOCS,
  ...MEMORY_ROUTE_DOCS,
  ...SIMULATION_ROUTE_DOCS,
  ...CHARACTER_ROUTE_DOCS,
  ...LOREBOOK_ROUTE_DOCS,
  ...ROOM_ROUTE_DOCS,
  ...MIND_ROUTE_DOCS,
};
