/**
 * Memory shapes: the stored record, the wire form and the zod schemas of the `memory.*` params.
 *
 * @module
 */
import { z } from "zod";
import { jsonLengthAtMost } from "../json_keys.ts";

/** Who may see a memory: only its persona, or other personas too (cross-persona search). */
export const VISIBILITIES = ["private", "shared", "public"] as const;
/** One visibility. */
export type Visibility = typeof VISIBILITIES[number];

/** A memory as stored by every backend. */
export interface MemoryRecord {
  id: string;
  persona_id: string;
  content: string;
  /** A short kind: conversation, observation, reflection, manual, ... */
  memory_type: string;
  /** Current importance 0..1 (after decay). */
  importance: number;
  /** Importance as scored or last set; decay is computed from it, so cycles never compound. */
  base_importance: number;
  /** When `base_importance` was set (the created_at of a new or imported memory). */
  importance_set_at: string;
  emotional_valence: number;
  related_personas: string[];
  visibility: Visibility;
  metadata: Record<string, unknown>;
  created_at: string;
  last_accessed: string | null;
  accessed_count: number;
  /** Id of the embedder that made this memory's vector. */
  embedder: string;
  /** The newer memory that replaces this one (it then ranks below it), or null. */
  superseded_by: string | null;
  /** Older memories this one replaces. */
  supersedes: string[];
  /**
   * Memories of the same persona this one was drawn from: a fact's exchange, a reflection's
   * evidence.
   */
  source_ids: string[];
}

/** A memory on the wire (`memory.search`, `memory.update`, ...): the record less bookkeeping. */
export type MemoryView = Omit<MemoryRecord, "base_importance" | "importance_set_at" | "embedder">;

/** The wire form of `record`. */
export function toView(record: MemoryRecord): MemoryView {
  const { base_importance: _base, importance_set_at: _set, embedder: _embedder, ...view } = record;
  return view;
}

/**
 * The longest content a memory may have (characters); a memory is also cut where its folded form
 * passes it (`folded_cut.ts`).
 */
export const CONTENT_LIMIT = 10_000;

/** The longest search query (characters); a query is also cut where its folded form passes it. */
export const QUERY_LIMIT = 2_000;

const unit = z.number().min(0).max(1);
const metadataLimit = 8192;
const tooLong = `must be at most ${metadataLimit} characters as JSON`;
/** A memory's metadata: an object of JSON values, at most `metadataLimit` characters as JSON. */
const metadataShape = z.record(z.string(), z.json()).refine(
  (value) => JSON.stringify(value).length <= metadataLimit,
  { message: tooLong },
);

/**
 * `schema` behind a bounded measure of the metadata: `z.json()` visits every value before the
 * size refine runs, and 340,000 empty objects in one request blocked the server for seconds
 * (attack28 F3); a walk that stops past the limit refuses them first. (A default goes inside:
 * outside it, the JSON Schema of the docs loses it.)
 */
function measuredFirst<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (!jsonLengthAtMost(value, metadataLimit)) ctx.addIssue({ code: "custom", message: tooLong });
    return value;
  }, schema);
}

/** The validated fields of a memory as a client gives them. */
export const memoryFields = {
  content: z.string().trim().min(1).max(CONTENT_LIMIT),
  memory_type: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, {
    message: "must be 1-32 of a-z, 0-9, _ and -, starting with a letter",
  }),
  importance: unit,
  emotional_valence: z.number().min(-1).max(1),
  related_personas: z.array(z.string().trim().min(1).max(128)).max(32),
  visibility: z.enum(VISIBILITIES),
  metadata: measuredFirst(metadataShape),
  created_at: z.iso.datetime({ offset: true }),
};

/** The longest memory id a param may name (`memory_id`, `supersedes`, `source_ids`). */
export const MAX_MEMORY_ID = 128;

/** Ids of older memories of the same persona that a memory replaces (they are kept, ranked below). */
const supersedes = z.array(z.string().trim().min(1).max(MAX_MEMORY_ID)).max(32);

/** Ids of memories of the same persona a memory was drawn from. */
const sourceIds = z.array(z.string().trim().min(1).max(MAX_MEMORY_ID)).max(32);

/** Input of a new memory (`memory.store` without `persona_id`). */
export const MemoryInput = z.strictObject({
  content: memoryFields.content,
  memory_type: memoryFields.memory_type.default("conversation"),
  /** Scored from the content when not given. */
  importance: memoryFields.importance.optional(),
  emotional_valence: memoryFields.emotional_valence.default(0),
  related_personas: memoryFields.related_personas.default([]),
  visibility: memoryFields.visibility.default("private"),
  metadata: measuredFirst(metadataShape.default({})),
  /** ISO time, not in the future; lets a client import history. Defaults to now. */
  created_at: memoryFields.created_at.optional(),
  /** Older memories of the same persona this one replaces. */
  supersedes: supersedes.optional(),
  /** Memories of the same persona it was drawn from (an exchange, evidence). */
  source_ids: sourceIds.optional(),
});
/** Validated input of a new memory. */
export type MemoryInput = z.output<typeof MemoryInput>;

/** A correction of a memory; at least one field. */
export const MemoryPatch = z.strictObject({
  content: memoryFields.content.optional(),
  importance: memoryFields.importance.optional(),
  visibility: memoryFields.visibility.optional(),
  /** More older memories this one replaces (added to those it already replaces). */
  supersedes: supersedes.optional(),
  /**
   * `null` makes the memory current again: a wrong supersession undone (the newer memory no
   * longer lists it).
   */
  superseded_by: z.null().optional(),
});
/** Validated correction. */
export type MemoryPatch = z.output<typeof MemoryPatch>;

/** Fields both searches share: the query, the persona (default: the session's) and a floor. */
const searchFields = {
  query: z.string().trim().min(1).max(QUERY_LIMIT),
  persona_id: z.string().min(1).optional(),
  min_importance: unit.default(0),
};

/** Params of `memory.search` (and `GET /api/personas/:id/memories?query=`). */
export const SearchParams = z.strictObject({
  query: searchFields.query,
  persona_id: searchFields.persona_id,
  n_results: z.number().int().min(1).max(100).default(5),
  min_importance: searchFields.min_importance,
  memory_type: memoryFields.memory_type.optional(),
  /** `true`: each hit also carries `score_parts`, the parts its score is made of (default false). */
  explain: z.boolean().optional(),
});
/** Validated search params. */
export type SearchParams = z.output<typeof SearchParams>;

/** Params of `memory.search_cross_persona`. */
export const CrossPersonaParams = z.strictObject({
  query: searchFields.query,
  persona_id: searchFields.persona_id,
  n_results: z.number().int().min(1).max(50).default(10),
  min_importance: searchFields.min_importance,
  include_shared: z.boolean().default(true),
  include_public: z.boolean().default(true),
});
/** Validated cross-persona search params. */
export type CrossPersonaParams = z.output<typeof CrossPersonaParams>;
