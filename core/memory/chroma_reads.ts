/**
 * Reads from a Chroma server's memory collections (one per embedder): the collections, every
 * record matching a filter page by page, counts, and candidates by id or nearest vector.
 *
 * @module
 */
import { cutNewerFirst, tiedAtCut, withTiesAtCut } from "./nearest_ties.ts";
import type { ChromaClient, Collection, Where } from "chromadb";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { walkChains } from "./chain_walk.ts";
import { dot } from "./embedder.ts";
import { COLLECTION_PREFIX, collectionName, fromChroma } from "./chroma_records.ts";
import type { MemoryRecord } from "./schema.ts";

/** Records read per page (Chroma has no cursor). */
const PAGE = 1000;

/** This server's collections (one per embedder ever used). */
export async function chromaCollections(client: ChromaClient): Promise<Collection[]> {
  const all = await client.listCollections({ limit: 1000 });
  return all.filter((collection) => collection.name.startsWith(COLLECTION_PREFIX));
}

/** Every record matching `where` in every collection, page by page. */
export async function allRecords(client: ChromaClient, where?: Where): Promise<MemoryRecord[]> {
  const records: MemoryRecord[] = [];
  for (const collection of await chromaCollections(client)) {
    for (let offset = 0;; offset += PAGE) {
      const page = await collection.get({
        where,
        limit: PAGE,
        offset,
        include: ["documents", "metadatas"],
      });
      page.ids.forEach((id, i) =>
        records.push(fromChroma(id, page.documents[i], page.metadatas[i]))
      );
      if (page.ids.length < PAGE) break;
    }
  }
  return records;
}

/** Ids per `get` by ids (Chroma's requests stay small). */
const IDS_PER_GET = 500;

/**
 * The records of `ids` that exist, wherever stored: one `get` per collection (and per
 * {@linkcode IDS_PER_GET} ids), not a request per id. An id stored in two collections (a move
 * left half done) comes once, from the first collection, as `ChromaBackend.get` reads it.
 * `collections` saves listing them again (a walk reading many times).
 */
export async function recordsByIds(
  client: ChromaClient,
  ids: readonly string[],
  collections?: readonly Collection[],
): Promise<MemoryRecord[]> {
  const wanted = [...new Set(ids)];
  const records = new Map<string, MemoryRecord>();
  if (wanted.length === 0) return [];
  for (const collection of collections ?? await chromaCollections(client)) {
    for (let start = 0; start < wanted.length; start += IDS_PER_GET) {
      const result = await collection.get({
        ids: wanted.slice(start, start + IDS_PER_GET),
        include: ["documents", "metadatas"],
      });
      result.ids.forEach((id, i) => {
        if (!records.has(id)) {
          records.set(id, fromChroma(id, result.documents[i], result.metadatas[i]));
        }
      });
    }
  }
  return [...records.values()];
}

/**
 * The records of `ids` and those their `superseded_by` links lead to ({@linkcode walkChains}:
 * a level of every chain per read, the collections listed once; a chain still going on after a
 * few levels is followed to its head with its persona's superseded memories read at once).
 */
export async function chainRecords(
  client: ChromaClient,
  ids: readonly string[],
): Promise<MemoryRecord[]> {
  if (ids.length === 0) return [];
  const collections = await chromaCollections(client);
  return await walkChains(
    ids,
    (pending) => recordsByIds(client, pending, collections),
    (personaIds, limit) => supersededRecords(collections, { personaIds, limit }),
  );
}

/**
 * The memories of `personaIds` that another supersedes (`superseded_by` set), page by page in
 * every collection, at most `limit` (an id in two collections once, from the first).
 */
async function supersededRecords(
  collections: readonly Collection[],
  options: { personaIds: readonly string[]; limit: number },
): Promise<MemoryRecord[]> {
  const where: Where = {
    $and: [{ persona_id: { $in: [...options.personaIds] } }, { superseded_by: { $ne: "" } }],
  };
  const records = new Map<string, MemoryRecord>();
  for (const collection of collections) {
    for (let offset = 0; records.size < options.limit; offset += PAGE) {
      const page = await collection.get({
        where,
        limit: Math.min(PAGE, options.limit - records.size),
        offset,
        include: ["documents", "metadatas"],
      });
      page.ids.forEach((id, i) => {
        if (!records.has(id)) records.set(id, fromChroma(id, page.documents[i], page.metadatas[i]));
      });
      if (page.ids.length < PAGE) break;
    }
  }
  return [...records.values()];
}

/**
 * The memories `ids` (wherever stored) as candidates: their cosine with the query when the
 * query's embedder made their vector, else 0 (vectors of other embedders are never compared).
 */
export async function fetchCandidates(
  client: ChromaClient,
  query: CandidateQuery,
  ids: readonly string[],
): Promise<Candidate[]> {
  if (ids.length === 0) return [];
  const candidates: Candidate[] = [];
  for (const collection of await chromaCollections(client)) {
    const same = collection.name === collectionName(query.embedder);
    const result = await collection.get({
      ids: [...ids],
      include: same ? ["documents", "metadatas", "embeddings"] : ["documents", "metadatas"],
    });
    result.ids.forEach((id, i) => {
      const embedding = same ? result.embeddings[i] : undefined;
      candidates.push({
        record: fromChroma(id, result.documents[i], result.metadatas[i]),
        similarity: embedding ? dot(query.vector, Float32Array.from(embedding)) : 0,
        lexical: 0,
      });
    });
  }
  return candidates;
}

/**
 * The memories nearest `query.vector` in `collection` that match `where`, as candidates: the
 * best `query.limit`, equal similarities cut newer first (`nearest_ties.ts`), as on SQLite.
 */
export async function nearestCandidates(
  collection: Collection,
  query: CandidateQuery,
  where: Where,
): Promise<Candidate[]> {
  const nearest = await withTiesAtCut(query.limit, async (n) => {
    const result = await collection.query({
      queryEmbeddings: [Array.from(query.vector)],
      nResults: n,
      where,
      include: ["documents", "metadatas", "distances"],
    });
    // One query embedding: one row of each.
    const [ids = [], documents = [], metadatas = [], distances = []] = [
      result.ids[0],
      result.documents[0],
      result.metadatas[0],
      result.distances[0],
    ];
    return ids.map((id, i) => ({
      record: fromChroma(id, documents[i], metadatas[i]),
      // Cosine distance is 1 - cosine similarity.
      similarity: 1 - (distances[i] ?? 1),
      lexical: 0,
    }));
  }, (hit) => hit.similarity);
  if (!tiedAtCut(nearest, query.limit, (hit) => hit.similarity)) {
    return nearest.slice(0, query.limit);
  }
  // Chroma keeps no storing order: the creation time stands for it.
  return cutNewerFirst(nearest, query.limit, {
    similarity: (hit) => hit.similarity,
    newer: (a, b) => b.record.created_at.localeCompare(a.record.created_at),
  });
}

/** How many memories `personaId` has, in every collection. */
export async function countRecords(client: ChromaClient, personaId: string): Promise<number> {
  let total = 0;
  for (const collection of await chromaCollections(client)) {
    for (let offset = 0;; offset += PAGE) {
      const page = await collection.get({
        where: { persona_id: personaId },
        limit: PAGE,
        offset,
        include: [],
      });
      total += page.ids.length;
      if (page.ids.length < PAGE) break;
    }
  }
  return total;
}
