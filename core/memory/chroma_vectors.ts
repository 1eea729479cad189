/**
 * The Chroma backend's reindex write (`MemoryBackend.writeVectors`): a memory's new vector, and
 * nothing else of it. Chroma has no conditional write, so each batch is read first and only the
 * memories whose document is still the content the vector was made from are written; one moving
 * to another embedder's collection is added there with the metadata just read (its importance,
 * links and access counts as stored, not as the reindex read them), one staying gets only its
 * embedding (and the mark of the analyser it was made with, `vector_remake.ts`). The persona write lock the reindex holds keeps this process's own writers out of
 * the short gap between the read and the write (Chroma storage has one node).
 *
 * @module
 */
import type { ChromaClient, Collection } from "chromadb";
import { chromaCollections } from "./chroma_reads.ts";
import type { VectorWrite } from "./backend.ts";
import { collectionName, fromChroma } from "./chroma_records.ts";
import { chunks } from "./chunks.ts";
import type { MemoryRecord } from "./schema.ts";
import { LOCAL_EMBEDDER_PREFIX, staleChromaVector, VECTORS_MARK } from "./vector_remake.ts";

const BATCH = 500;

/** Opens (or makes) the collection of `embedder`'s vectors. */
export type OpenCollection = (client: ChromaClient, embedder: string) => Promise<Collection>;

/**
 * Writes the vectors of `writes` whose memory is still stored in the collection of the embedder
 * it was read with, with the content it was read with; the memories written, as stored now.
 */
export async function writeChromaVectors(
  client: ChromaClient,
  options: { writes: readonly VectorWrite[]; open: OpenCollection },
): Promise<MemoryRecord[]> {
  const { writes, open } = options;
  const written: MemoryRecord[] = [];
  const collections = new Map((await chromaCollections(client)).map((c) => [c.name, c]));
  for (const [from, group] of Map.groupBy(writes, (write) => write.record.embedder)) {
    const source = collections.get(collectionName(from));
    if (!source) continue;
    for (const batch of chunks(group, BATCH)) {
      const stored = await source.get({
        ids: batch.map((write) => write.record.id),
        include: ["documents", "metadatas"],
      });
      const now = new Map(stored.ids.map((id, i) => [id, i]));
      const kept = batch.filter((write) => {
        const i = now.get(write.record.id);
        return i !== undefined && stored.documents[i] === write.record.content;
      });
      for (const [to, moving] of Map.groupBy(kept, (write) => write.embedder)) {
        const records = moving.map((write) => {
          const i = now.get(write.record.id)!;
          return fromChroma(write.record.id, stored.documents[i], stored.metadatas[i]);
        });
        if (to === from) {
          await source.update({
            ids: moving.map((write) => write.record.id),
            embeddings: moving.map((write) => Array.from(write.vector)),
            metadatas: moving.map(() => VECTORS_MARK),
          });
          written.push(...records);
          continue;
        }
        const target = collections.get(collectionName(to)) ?? await open(client, to);
        collections.set(target.name, target);
        // As a save's move: added there, then deleted here (a move cut off halfway leaves the
        // memory in both, which reads take once).
        await target.add({
          ids: moving.map((write) => write.record.id),
          embeddings: moving.map((write) => Array.from(write.vector)),
          documents: moving.map((write) => write.record.content),
          metadatas: moving.map((write) => ({
            ...stored.metadatas[now.get(write.record.id)!],
            embedder: to,
            ...VECTORS_MARK,
          })),
        });
        await source.delete({ ids: moving.map((write) => write.record.id) });
        written.push(...records.map((record) => ({ ...record, embedder: to })));
      }
    }
  }
  return written;
}

/** Records read per page. */
const PAGE = 1000;

/**
 * `personaId`'s memories in the local embedder's collections whose vector an older analyser's
 * words made (`vector_remake.ts`): what `memory.reindex` makes again.
 */
export async function staleVectors(
  client: ChromaClient,
  personaId: string,
): Promise<Array<{ id: string; embedder: string }>> {
  const stale: Array<{ id: string; embedder: string }> = [];
  for (const collection of await chromaCollections(client)) {
    const embedder = String(collection.metadata?.embedder ?? "");
    if (!embedder.startsWith(LOCAL_EMBEDDER_PREFIX)) continue;
    for (let offset = 0;; offset += PAGE) {
      const page = await collection.get({
        where: { persona_id: personaId },
        limit: PAGE,
        offset,
        include: ["documents", "metadatas"],
      });
      page.ids.forEach((id, i) => {
        if (staleChromaVector(embedder, page.documents[i] ?? "", page.metadatas[i])) {
          stale.push({ id, embedder });
        }
      });
      if (page.ids.length < PAGE) break;
    }
  }
  return stale;
}
