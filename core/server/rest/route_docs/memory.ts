/**
 * Long-term memories: list, store, stats, decay, prune, correct, delete.
 *
 * Part of the REST route table that `../routes_doc.ts` joins; keyed `"METHOD /path"`.
 *
 * @module
 */
import { ARIA, PERSONA } from "./params.ts";
import type { RouteDoc } from "./types.ts";

/** Long-term memories: list, store, stats, decay, prune, correct, delete. */
export const MEMORY_ROUTE_DOCS: Record<string, RouteDoc> = {
  "GET /api/personas/:id/memories": {
    calls: ["memory.search", "memory.list"],
    text: "`memory.search` with `?query=` (and `n_results`, `min_importance`, `memory_type`); " +
      "without `query`, `memory.list` (`limit`, `cursor` or `offset`, `memory_type`)",
    path: PERSONA,
    input: "query",
    query: [
      "query",
      "n_results",
      "min_importance",
      "memory_type",
      "explain",
      "limit",
      "cursor",
      "offset",
    ],
    example: { ...ARIA, query: { query: "songs for sailors" } },
  },
  "POST /api/personas/:id/memories": {
    calls: ["memory.store"],
    status: 201,
    path: PERSONA,
    example: {
      ...ARIA,
      body: { content: "Kira promised to lend me her star atlas", memory_type: "relationship" },
    },
  },
  "GET /api/personas/:id/memories/stats": {
    calls: ["memory.get_stats"],
    path: PERSONA,
    example: ARIA,
  },
  "POST /api/personas/:id/memories/decay": {
    calls: ["memory.decay_force"],
    text: "Decays this persona's memories now (body `{decay_factor?}`)",
    path: PERSONA,
    example: { ...ARIA, body: { decay_factor: 0.99 } },
  },
  "POST /api/personas/:id/memories/prune": {
    calls: ["memory.prune"],
    text: "Body `{force?}`",
    path: PERSONA,
    example: { ...ARIA, body: { force: false } },
  },
  "PATCH /api/memories/:id": {
    calls: ["memory.update"],
    path: { id: "memory_id" },
    example: { path: { id: "{memory_id}" }, body: { importance: 0.9 } },
  },
  "DELETE /api/memories/:id": {
    calls: ["memory.delete"],
    path: { id: "memory_id" },
    example: { path: { id: "{memory_id}" } },
  },
};
