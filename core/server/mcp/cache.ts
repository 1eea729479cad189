/**
 * Cache hints of the modern era (2026-07-28 `CacheableResult`: `ttlMs` and `cacheScope` on
 * `server/discover`, `tools/list`, `prompts/list`, `resources/list`, `resources/templates/list` and
 * `resources/read`). Legacy results stay as they were.
 *
 * @module
 */
import type { HandlerContext } from "../define_handler.ts";
import { isModernMeta } from "./modern.ts";

/** A `CacheableResult`'s fields. */
export interface CacheHint {
  /** How long the client may consider the result fresh, in ms (≥ 0). */
  ttlMs: number;
  /** `public`: the same for every caller; `private`: persona data, never shared across callers. */
  cacheScope: "public" | "private";
}

const HOUR = 3_600_000;

/**
 * The hints per result. What never changes while the server runs (its identity, tools and
 * templates) is fresh for an hour. Persona-derived lists change when personas come and go:
 * fresh for 30 s, and `subscriptions/listen` tells of changes at once. Personas and the memories
 * and transcripts they keep are the deployment's data, so they are private.
 */
export const CACHE_HINTS = {
  discover: { ttlMs: HOUR, cacheScope: "public" },
  tools: { ttlMs: HOUR, cacheScope: "public" },
  resourceTemplates: { ttlMs: HOUR, cacheScope: "public" },
  resources: { ttlMs: 30_000, cacheScope: "private" },
  prompts: { ttlMs: 30_000, cacheScope: "private" },
} as const satisfies Record<string, CacheHint>;

/** `hint` for a modern-era request, nothing for a legacy one (its results stay unchanged). */
export function cacheHint(ctx: Pick<HandlerContext, "meta">, hint: CacheHint): CacheHint | object {
  return isModernMeta(ctx.meta) ? { ttlMs: hint.ttlMs, cacheScope: hint.cacheScope } : {};
}
