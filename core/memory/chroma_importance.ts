/**
 * The Chroma backend's decay write (`MemoryBackend.writeImportance`): Chroma has no conditional
 * write, so each batch's importance fields are read first and only the memories whose fields are
 * still those the decay read get the new ones; the update sends those two keys alone, which
 * Chroma merges into the stored metadata (content, links, metadata and access counts stay). The
 * persona write lock the decay holds keeps this process's own writers out of the short gap
 * between the read and the update (Chroma storage has one node).
 *
 * @module
 */
import { type ChromaClient, ChromaNotFoundError, type Collection } from "chromadb";
import type { ImportanceWrite } from "./backend.ts";
import { collectionName, fromChroma } from "./chroma_records.ts";
import { chunks } from "./chunks.ts";
import type { MemoryRecord } from "./schema.ts";

const BATCH = 500;

/** Whether the stored `metadata` still has the importance fields of `record`. */
function unchanged(record: MemoryRecord, metadata: Record<string, unknown> | null | undefined) {
  return metadata?.importance === record.importance &&
    metadata?.base_importance === record.base_importance &&
    metadata?.importance_set_at === record.importance_set_at;
}

async function collectionOf(client: ChromaClient, embedder: string) {
  try {
    return await client.getCollection({ name: collectionName(embedder) });
  } catch (error) {
    if (error instanceof ChromaNotFoundError) return undefined;
    throw error;
  }
}

/** Writes one batch; the memories written, as stored now (their documents left out). */
async function writeBatch(collection: Collection, batch: readonly ImportanceWrite[]) {
  const stored = await collection.get({
    ids: batch.map((write) => write.record.id),
    include: ["metadatas"],
  });
  const now = new Map(stored.ids.map((id, i) => [id, stored.metadatas[i]]));
  const kept = batch.filter((write) => unchanged(write.record, now.get(write.record.id)));
  if (kept.length === 0) return [];
  const fields = (write: ImportanceWrite) => ({
    importance: write.importance,
    base_importance: write.base_importance,
  });
  await collection.update({
    ids: kept.map((write) => write.record.id),
    metadatas: kept.map(fields),
  });
  return kept.map((write) =>
    fromChroma(write.record.id, null, { ...now.get(write.record.id), ...fields(write) })
  );
}

/**
 * Writes the decayed importances of `writes` that are still as read (by the collection of the
 * embedder each was read with: one moved since is skipped); the memories written, without
 * their content (for the lexicon's fields).
 */
export async function writeChromaImportance(
  client: ChromaClient,
  writes: readonly ImportanceWrite[],
): Promise<MemoryRecord[]> {
  const written: MemoryRecord[] = [];
  for (const [embedder, group] of Map.groupBy(writes, (write) => write.record.embedder)) {
    const collection = await collectionOf(client, embedder);
    if (!collection) continue;
    for (const batch of chunks(group, BATCH)) written.push(...await writeBatch(collection, batch));
  }
  return written;
}
