/**
 * The persona bundle: one JSON document with everything that makes a persona, to move it to
 * another server. Other personas are referred to by id *and* name (`personas`), so an import
 * maps them to the personas of the same name there (new ids, relations remapped).
 *
 * @module
 */
import { z } from "zod";
import { LORE_LIMITS } from "../lore/mod.ts";
import { memoryFields } from "../memory/schema.ts";
import { PERSONA_LIMITS } from "../personas/mod.ts";
import { RELATIONSHIP_LIMITS, RELATIONSHIP_TYPES } from "../relationships/mod.ts";

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

/**
 * A memory: its fields are held to `memory.store`'s rules (`memoryFields`: content length,
 * type, metadata size, related personas, an ISO `created_at`), so that an import cannot store
 * what no other method can.
 */
export const BundleMemory = z.object({
  content: memoryFields.content,
  memory_type: memoryFields.memory_type,
  importance: memoryFields.importance,
  emotional_valence: memoryFields.emotional_valence,
  related_personas: memoryFields.related_personas,
  visibility: memoryFields.visibility,
  metadata: memoryFields.metadata,
  created_at: memoryFields.created_at,
  /** The memory's id where it was exported, so the links below survive the trip. */
  id: z.string().optional(),
  /** Older memories of the bundle this one replaces (by their exported ids). */
  supersedes: z.array(z.string()).default([]),
  /** Memories of the bundle this one was drawn from (a fact's exchange, a reflection's evidence). */
  source_ids: z.array(z.string()).default([]),
});

/**
 * Another persona's id as a bundle names it: as long as a related persona's id in a memory
 * (`memory.store`'s `related_personas`, 128).
 */
export const BUNDLE_ID_MAX = 128;
const personaId = z.string().max(BUNDLE_ID_MAX);
/** Most other personas a bundle names (`personas`). */
export const BUNDLE_PERSONAS_MAX = 10_000;

/** -1..1: affinity, trust and respect (`core/relationships/schema.ts`). */
const signed = z.number().min(-1).max(1);
/** An ISO time, or null. */
const timeOrNull = z.iso.datetime({ offset: true }).nullable();

/**
 * A relationship with another persona (named in `personas`): values in the ranges relationships
 * keep everywhere (affinity, trust, respect -1..1; intimacy 0..1; the count and the minutes at
 * most `RELATIONSHIP_LIMITS`, 10^9), a declared type among `relationship.update`'s.
 */
export const BundleRelationship = z.object({
  other_id: personaId,
  affinity: signed,
  trust: signed,
  respect: signed,
  intimacy: memoryFields.importance,
  declared_type: z.enum(RELATIONSHIP_TYPES).nullable(),
  interaction_count: z.number().int().min(0).max(RELATIONSHIP_LIMITS.interactions),
  total_interaction_minutes: z.number().min(0).max(RELATIONSHIP_LIMITS.minutes),
  first_meeting: timeOrNull,
  last_interaction: timeOrNull,
});

/** A whole bundle. */
export const Bundle = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exported_at: z.string(),
  server_version: z.string().optional(),
  /** The persona as `persona.get` shows it (read-only fields are ignored on import). */
  persona: json,
  /**
   * Every other persona referred to (related memories, relationships), by id and name (a name as
   * long as a persona's may be, 64).
   */
  personas: z.array(z.object({ id: personaId, name: z.string().max(PERSONA_LIMITS.name) }))
    .max(BUNDLE_PERSONAS_MAX).default([]),
  assets: z.array(BundleAsset).max(256).default([]),
  lorebooks: z.array(BundleLorebook).max(64).default([]),
  memories: z.array(BundleMemory).max(100_000).default([]),
  relationships: z.array(BundleRelationship).max(10_000).default([]),
  /** Core memory blocks: the seam a later issue fills (see `blocks_port.ts`). */
  blocks: z.array(json).max(LORE_LIMITS.entries).nullable().default(null),
});
/** A validated bundle. */
export type Bundle = z.output<typeof Bundle>;
