/**
 * The Chroma backend's record writes (`chroma_backend.ts`): a collection per embedder opened or
 * made, memories added with their vectors and the analyser mark (`vector_remake.ts`), where
 * memories are stored now, and saves (a memory moved to its own embedder's collection, or
 * updated where it is). Importance and vector writes are `chroma_importance.ts`'s and
 * `chroma_vectors.ts`'s.
 *
 * @module
 */
import type { ChromaClient, Collection } from "chromadb";
import type { MemoryWrite } from "./backend.ts";
import type { ChromaLexicon } from "./chroma_lexicon.ts";
import { chromaCollections } from "./chroma_reads.ts";
import {
  collectionName,
  openVectorCollection,
  savedMetadata,
  toMetadata,
} from "./chroma_records.ts";
import { chunks } from "./chunks.ts";
import { VECTORS_MARK } from "./vector_remake.ts";

/** Most ids or records per Chroma request. */
export const CHROMA_BATCH = 500;

/** The collection of `embedder`'s vectors, made when missing. */
export function openMemoryCollection(client: ChromaClient, embedder: string): Promise<Collection> {
  return openVectorCollection(client, { name: collectionName(embedder), embedder });
}

/** Adds `writes` (each with its vector) to their embedders' collections. */
export async function addMemories(
  client: ChromaClient,
  writes: readonly MemoryWrite[],
): Promise<void> {
  const byEmbedder = Map.groupBy(writes, (write) => write.record.embedder);
  for (const [embedder, group] of byEmbedder) {
    const collection = await openMemoryCollection(client, embedder);
    for (const batch of chunks(group, CHROMA_BATCH)) {
      await collection.add({
        ids: batch.map((write) => write.record.id),
        embeddings: batch.map((write) => Array.from(write.vector!)),
        documents: batch.map((write) => write.record.content),
        metadatas: batch.map((write) => ({ ...toMetadata(write.record), ...VECTORS_MARK })),
      });
    }
  }
}

/** Where each of `ids` is stored now (its collection, by id); a missing one is not there. */
export async function locateMemories(
  client: ChromaClient,
  ids: readonly string[],
): Promise<Map<string, Collection>> {
  const found = new Map<string, Collection>();
  for (const collection of await chromaCollections(client)) {
    for (const batch of chunks(ids, CHROMA_BATCH)) {
      const result = await collection.get({ ids: batch, include: [] });
      for (const id of result.ids) found.set(id, collection);
    }
  }
  return found;
}

/**
 * Saves the memories of `writes` that still exist (as the SQLite and PostgreSQL backends do):
 * one found in no collection was deleted meanwhile (its persona purged, say) and is not brought
 * back, so a save racing a delete never leaves an orphan vector. One found in another embedder's
 * collection moves to its own. `lexicon` follows.
 */
export async function saveMemories(
  client: ChromaClient,
  { writes, lexicon }: { writes: readonly MemoryWrite[]; lexicon: ChromaLexicon },
): Promise<void> {
  const located = await locateMemories(client, writes.map((write) => write.record.id));
  const kept = writes.filter((write) => located.has(write.record.id));
  const moving = kept.filter((write) =>
    located.get(write.record.id)!.name !== collectionName(write.record.embedder)
  );
  // A reindex moves every memory of a batch: one delete per collection, not one per memory.
  for (const [from, group] of Map.groupBy(moving, (write) => located.get(write.record.id)!)) {
    for (const batch of chunks(group, CHROMA_BATCH)) {
      await from.delete({ ids: batch.map((write) => write.record.id) });
    }
  }
  await lexicon.remove(moving.map((write) => write.record.id));
  await addMemories(client, moving);
  const staying = kept.filter((write) => !moving.includes(write));
  for (const [collection, group] of Map.groupBy(staying, (w) => located.get(w.record.id)!)) {
    // Documents go only with their vectors: Chroma would embed a bare document itself.
    const [embedded, plain] = [group.filter((w) => w.vector), group.filter((w) => !w.vector)];
    for (const batch of chunks(plain, CHROMA_BATCH)) {
      await collection.update({
        ids: batch.map((write) => write.record.id),
        metadatas: batch.map((write) => savedMetadata(write.record)),
      });
    }
    for (const batch of chunks(embedded, CHROMA_BATCH)) {
      await collection.update({
        ids: batch.map((write) => write.record.id),
        embeddings: batch.map((write) => Array.from(write.vector!)),
        documents: batch.map((write) => write.record.content),
        metadatas: batch.map((write) => ({ ...savedMetadata(write.record), ...VECTORS_MARK })),
      });
    }
  }
  const embedded = new Set(kept.filter((write) => write.vector).map((w) => w.record.id));
  await lexicon.write(kept.map((write) => write.record), (r) => embedded.has(r.id));
}
