/**
 * A persona's mind: core memory blocks and background jobs.
 *
 * Part of the REST route table that `../routes_doc.ts` joins; keyed `"METHOD /path"`.
 *
 * @module
 */
import { ARIA, BLOCK, PERSONA } from "./params.ts";
import type { RouteDoc } from "./types.ts";

/** A persona's mind: core memory blocks and background jobs. */
export const MIND_ROUTE_DOCS: Record<string, RouteDoc> = {
  "GET /api/personas/:id/blocks": {
    calls: ["memory.block_list"],
    text: "Query `?limit=&cursor=` (all blocks unless they would pass MAX_REPLY_BYTES)",
    path: PERSONA,
    input: "query",
    query: ["limit", "cursor"],
    example: ARIA,
  },
  "GET /api/personas/:id/blocks/:label": {
    calls: ["memory.block_get"],
    text: "Query `?changes=` (how many recent changes); labels like `user:Tam` go as they are",
    path: BLOCK,
    input: "query",
    query: ["changes"],
    example: { path: { id: "{persona_id}", label: "{block_label}" }, query: { changes: "5" } },
  },
  "PUT /api/personas/:id/blocks/:label": {
    calls: ["memory.block_set"],
    text: "Body `{content?, limit?, read_only?, description?}`",
    path: BLOCK,
    example: {
      path: { id: "{persona_id}", label: "world" },
      body: { content: "The harbour town of Vell, late autumn", limit: 500 },
    },
  },
  "POST /api/personas/:id/blocks/:label/append": {
    calls: ["memory.block_append"],
    text: "Body `{content}`",
    path: BLOCK,
    example: {
      path: { id: "{persona_id}", label: "{block_label}" },
      body: { content: "Fog rolls in at dusk." },
    },
  },
  "DELETE /api/personas/:id/blocks/:label": {
    calls: ["memory.block_delete"],
    path: BLOCK,
    example: { path: { id: "{persona_id}", label: "{block_label}" } },
  },
  "GET /api/jobs": {
    calls: ["memory.jobs"],
    text: "Query `?persona_id=&state=&kind=&limit=&offset=`",
    input: "query",
    query: ["persona_id", "state", "kind", "limit", "offset"],
    example: { query: { state: "failed", limit: "20" } },
  },
  "POST /api/jobs/retry": {
    calls: ["memory.job_retry"],
    text: "Body `{job_ids?}`",
    example: { body: {} },
  },
};
