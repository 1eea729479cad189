/**
 * The persona bundle: one JSON document with everything that makes a persona, to move it to
 * another server. Other personas are referred to by id *and* name (`personas`), so an import
 * maps them to the personas of the same name there (new ids, relations remapped).
 *
 * @module
 */
import { z } from "zod";
import { LORE_LIMITS } from "../lore/mod.ts";

/** The bundle format's name and version. */
export const BUNDLE_FORMAT = "persona-mcp/bundle";
/** The version this server writes and reads. */
export const BUNDLE_VERSION = 1;

/** What a bundle may include besides the persona itself. */
export const BUNDLE_PARTS = ["memories", "relationships", "lorebooks", "blocks"] as const;
/** One optional part of a bundle. */
export type BundlePart = typeof BUNDLE_PARTS[number];

const json = z.record(z.string(), z.unknown());

/** An asset with its bytes in base64. */
export const BundleAsset = z.object({
  type: z.string().max(64),
  name: z.string().max(500),
  ext: z.string().max(16),
  data: z.string().optional(),
  uri: z.string().optional(),
  extra: json.optional(),
});

/** A lorebook: the persona's own (its card's) or one attached to it. */
export const BundleLorebook = z.object({
  id: z.string(),
  name: z.string().max(200),
  own: z.boolean(),
  book: json,
});

/** A memory. */
export const BundleMemory = z.object({
  content: z.string().min(1),
  memory_type: z.string().min(1).max(64),
  importance: z.number().min(0).max(1),
  emotional_valence: z.number().min(-1).max(1),
  related_personas: z.array(z.string()),
  visibility: z.enum(["private", "shared", "public"]),
  metadata: json,
  created_at: z.string(),
});

/** A relationship with another persona (named in `personas`). */
export const BundleRelationship = z.object({
  other_id: z.string(),
  affinity: z.number(),
  trust: z.number(),
  respect: z.number(),
  intimacy: z.number(),
  declared_type: z.string().nullable(),
  interaction_count: z.number().int().min(0),
  total_interaction_minutes: z.number().min(0),
  first_meeting: z.string().nullable(),
  last_interaction: z.string().nullable(),
});

/** A whole bundle. */
export const Bundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exported_at: z.string(),
  server_version: z.string().optional(),
  /** The persona as `persona.get` shows it (read-only fields are ignored on import). */
  persona: json,
  /** Every other persona referred to (related memories, relationships), by id and name. */
  personas: z.array(z.object({ id: z.string(), name: z.string() })).max(10_000).default([]),
  assets: z.array(BundleAsset).max(256).default([]),
  lorebooks: z.array(BundleLorebook).max(64).default([]),
  memories: z.array(BundleMemory).max(100_000).default([]),
  relationships: z.array(BundleRelationship).max(10_000).default([]),
  /** Core memory blocks: the seam a later issue fills (see `blocks_port.ts`). */
  blocks: z.array(json).max(LORE_LIMITS.entries).nullable().default(null),
});
/** A validated bundle. */
export type Bundle = z.output<typeof Bundle>;
