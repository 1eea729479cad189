/**
 * How a memory is laid out in Chroma: the content as the document, every other field as flat
 * metadata (Chroma takes scalars only, so lists and objects travel as JSON text), one collection
 * per embedder (a collection has one vector dimension).
 *
 * @module
 */
import type { ChromaClient, Collection, Metadata, Where } from "chromadb";
import { fnv1a } from "../numbers.ts";
import type { CandidateQuery } from "./backend.ts";
import type { MemoryRecord, Visibility } from "./schema.ts";

/** Prefix of every collection this server owns. */
export const COLLECTION_PREFIX = "persona-mcp-memories-";

/** The collection holding the vectors of `embedder`: readable slug plus a short hash. */
export function collectionName(embedder: string): string {
  const slug = embedder.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(
    0,
    40,
  );
  const hash = fnv1a(embedder).toString(16).padStart(8, "0");
  return `${COLLECTION_PREFIX}${slug}-${hash}`;
}

/** The Chroma metadata of `record` (all but id and content). */
export function toMetadata(record: MemoryRecord): Metadata {
  return {
    persona_id: record.persona_id,
    memory_type: record.memory_type,
    importance: record.importance,
    base_importance: record.base_importance,
    importance_set_at: record.importance_set_at,
    emotional_valence: record.emotional_valence,
    related_personas: JSON.stringify(record.related_personas),
    visibility: record.visibility,
    metadata: JSON.stringify(record.metadata),
    created_at: record.created_at,
    // Chroma has no null metadata values everywhere; "" stands for "never".
    last_accessed: record.last_accessed ?? "",
    accessed_count: record.accessed_count,
    embedder: record.embedder,
    superseded_by: record.superseded_by ?? "",
    supersedes: JSON.stringify(record.supersedes),
    source_ids: JSON.stringify(record.source_ids),
  };
}

/** The metadata `save` writes: all but the access counters, which only `touch` moves. */
export function savedMetadata(record: MemoryRecord): Metadata {
  const { accessed_count: _count, last_accessed: _last, ...rest } = toMetadata(record);
  return rest;
}

/** The record stored as `id` with `document` and `metadata`. */
export function fromChroma(
  id: string,
  document: string | null | undefined,
  metadata: Metadata | null | undefined,
): MemoryRecord {
  const meta = metadata ?? {};
  const text = (key: string) => String(meta[key] ?? "");
  const number = (key: string) => Number(meta[key] ?? 0);
  return {
    id,
    persona_id: text("persona_id"),
    content: document ?? "",
    memory_type: text("memory_type"),
    importance: number("importance"),
    base_importance: number("base_importance"),
    importance_set_at: text("importance_set_at"),
    emotional_valence: number("emotional_valence"),
    related_personas: JSON.parse(text("related_personas") || "[]"),
    visibility: text("visibility") as Visibility,
    metadata: JSON.parse(text("metadata") || "{}"),
    created_at: text("created_at"),
    last_accessed: text("last_accessed") || null,
    accessed_count: number("accessed_count"),
    embedder: text("embedder"),
    superseded_by: text("superseded_by") || null,
    supersedes: JSON.parse(text("supersedes") || "[]"),
    source_ids: JSON.parse(text("source_ids") || "[]"),
  };
}

/** The metadata filter of a candidate query: scope (own, or others' allowed), importance, type. */
export function candidateFilter(query: CandidateQuery): Where {
  const scope: Where = query.othersVisibility.length > 0
    ? {
      $or: [{ persona_id: query.personaId }, { visibility: { $in: [...query.othersVisibility] } }],
    }
    : { persona_id: query.personaId };
  const clauses: Where[] = [scope, { importance: { $gte: query.minImportance } }];
  if (query.memoryType) clauses.push({ memory_type: query.memoryType });
  return { $and: clauses };
}

/**
 * The collection `name` of `embedder`'s vectors, made when missing. A wider graph search than the
 * default: HNSW can otherwise miss a lone memory among many near-duplicates (seen in the contract
 * suite), which is what a rare name often is.
 */
export function openVectorCollection(
  client: ChromaClient,
  collection: { name: string; embedder: string },
): Promise<Collection> {
  return client.getOrCreateCollection({
    name: collection.name,
    embeddingFunction: null,
    metadata: { embedder: collection.embedder },
    configuration: {
      hnsw: { space: "cosine", ef_search: 200, ef_construction: 200, max_neighbors: 32 },
    },
  });
}
