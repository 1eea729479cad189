/**
 * Vectors in a Chroma server for PostgreSQL storage (`STORAGE=postgres`, `MEMORY_BACKEND=chroma`):
 * one collection per embedder, each memory as its id, its vector and the fields a search filters
 * on (persona, visibility, importance, type). The memory itself lives in PostgreSQL, so Chroma
 * holds nothing a search returns but an id and a distance. The collections have a prefix of
 * their own (`persona-mcp-vectors-`), apart from the whole-memory collections of SQLite storage.
 *
 * @module
 */
import { withTiesAtCut } from "./nearest_ties.ts";
import { ChromaNotFoundError, type Collection, type Metadata, type Where } from "chromadb";
import type { ChromaClient } from "chromadb";
import { fnv1a } from "../numbers.ts";
import type { CandidateQuery, MemoryWrite } from "./backend.ts";
import { ChromaConnection, type ChromaSettings } from "./chroma_client.ts";
import { openVectorCollection } from "./chroma_records.ts";
import { dot } from "./embedder.ts";
import { chunks } from "./chunks.ts";
import type { MemoryRecord } from "./schema.ts";
import type { ImportanceRow, VectorHit, VectorStore } from "./vector_store.ts";

/** Prefix of the vector collections. */
export const VECTOR_COLLECTION_PREFIX = "persona-mcp-vectors-";

const BATCH = 500;

/** The collection of the vectors `embedder` made. */
export function vectorCollectionName(embedder: string): string {
  const slug = embedder.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
    .slice(0, 40);
  return `${VECTOR_COLLECTION_PREFIX}${slug}-${fnv1a(embedder).toString(16).padStart(8, "0")}`;
}

function filterFields(record: MemoryRecord): Metadata {
  return {
    persona_id: record.persona_id,
    visibility: record.visibility,
    importance: record.importance,
    memory_type: record.memory_type,
  };
}

function scope(query: CandidateQuery): Where {
  const others = query.othersVisibility.filter((visibility) => visibility !== "private");
  const who: Where = others.length > 0
    ? { $or: [{ persona_id: query.personaId }, { visibility: { $in: others } }] }
    : { persona_id: query.personaId };
  const clauses: Where[] = [who, { importance: { $gte: query.minImportance } }];
  if (query.memoryType) clauses.push({ memory_type: query.memoryType });
  return { $and: clauses };
}

/** Chroma behind the vector store seam. */
export class ChromaVectorStore implements VectorStore {
  readonly name = "chroma";
  readonly #chroma: ChromaConnection;
  /** Collection ids by embedder: a collection, once found, is not looked up again. */
  readonly #ids = new Map<string, string>();

  /** A store on the server `settings` describe (nothing is contacted yet). */
  constructor(settings: ChromaSettings) {
    this.#chroma = new ChromaConnection(settings);
  }

  /**
   * The collection of `embedder`, created when `create` and missing; undefined when missing.
   * Its id is remembered, so later operations skip the lookup (a round trip to Chroma each).
   */
  async #collection(
    client: ChromaClient,
    embedder: string,
    create: boolean,
  ): Promise<Collection | undefined> {
    const id = this.#ids.get(embedder);
    if (id) return client.collection(id);
    const found = create
      ? await this.#open(client, embedder)
      : await this.#existing(client, embedder);
    if (found) this.#ids.set(embedder, found.id);
    return found;
  }

  /**
   * Runs `work` on the collection of `embedder`. A remembered id that Chroma no longer knows (the
   * collection was deleted and made again, e.g. by another node) is looked up again, once.
   */
  async #on<T>(
    client: ChromaClient,
    options: { embedder: string; create: boolean; missing: T },
    work: (collection: Collection) => Promise<T>,
  ): Promise<T> {
    const { embedder, create, missing } = options;
    const remembered = this.#ids.has(embedder);
    try {
      const collection = await this.#collection(client, embedder, create);
      return collection ? await work(collection) : missing;
    } catch (error) {
      if (!remembered || !(error instanceof ChromaNotFoundError)) throw error;
      this.#ids.delete(embedder);
      const collection = await this.#collection(client, embedder, create);
      return collection ? await work(collection) : missing;
    }
  }

  #open(client: ChromaClient, embedder: string): Promise<Collection> {
    return openVectorCollection(client, { name: vectorCollectionName(embedder), embedder });
  }

  async #existing(client: ChromaClient, embedder: string): Promise<Collection | undefined> {
    try {
      return await client.getCollection({ name: vectorCollectionName(embedder) });
    } catch (error) {
      if (error instanceof ChromaNotFoundError) return undefined;
      throw error;
    }
  }

  async #collections(client: ChromaClient): Promise<Collection[]> {
    const all = await client.listCollections({ limit: 1000 });
    return all.filter((collection) => collection.name.startsWith(VECTOR_COLLECTION_PREFIX));
  }

  write(writes: readonly MemoryWrite[], previous: ReadonlyMap<string, string>): Promise<void> {
    return this.#chroma.run("store memory vectors", async (client) => {
      for (const [embedder, ids] of Map.groupBy(previous.keys(), (id) => previous.get(id)!)) {
        await this.#on(
          client,
          { embedder, create: false, missing: undefined },
          (collection) => collection.delete({ ids }),
        );
      }
      for (const [embedder, group] of Map.groupBy(writes, (write) => write.record.embedder)) {
        const withVector = group.filter((write) => write.vector);
        const fieldsOnly = group.filter((write) => !write.vector);
        await this.#on(
          client,
          { embedder, create: true, missing: undefined },
          async (collection) => {
            for (const batch of chunks(withVector, BATCH)) {
              await collection.upsert({
                ids: batch.map((write) => write.record.id),
                embeddings: batch.map((write) => Array.from(write.vector!)),
                metadatas: batch.map((write) => filterFields(write.record)),
              });
            }
            for (const batch of chunks(fieldsOnly, BATCH)) {
              await collection.update({
                ids: batch.map((write) => write.record.id),
                metadatas: batch.map((write) => filterFields(write.record)),
              });
            }
          },
        );
      }
    });
  }

  /** Merges the new importance into each vector's filter fields (the others stay as they are). */
  writeImportance(rows: readonly ImportanceRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return this.#chroma.run("store memory importance", async (client) => {
      for (const [embedder, group] of Map.groupBy(rows, (row) => row.embedder)) {
        await this.#on(
          client,
          { embedder, create: false, missing: undefined },
          async (collection) => {
            for (const batch of chunks(group, BATCH)) {
              await collection.update({
                ids: batch.map((row) => row.id),
                metadatas: batch.map((row) => ({ importance: row.importance })),
              });
            }
          },
        );
      }
    });
  }

  nearest(query: CandidateQuery): Promise<VectorHit[]> {
    if (query.limit <= 0) return Promise.resolve([]);
    return this.#chroma.run("search memory vectors", async (client) => {
      const on = { embedder: query.embedder, create: false, missing: [] };
      return await this.#on(client, on, (collection) =>
        // Every memory tied with the last kept comes too: PostgreSQL keeps the newer of them.
        withTiesAtCut(query.limit, async (n) => {
          const result = await collection.query({
            queryEmbeddings: [Array.from(query.vector)],
            nResults: n,
            where: scope(query),
            include: ["distances"],
          });
          const [ids = [], distances = []] = [result.ids[0], result.distances[0]];
          // Cosine distance is 1 - cosine similarity.
          return ids.map((id, i) => ({ id, similarity: 1 - (distances[i] ?? 1) }));
        }, (hit) => hit.similarity));
    });
  }

  similarities(query: CandidateQuery, ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return Promise.resolve(new Map());
    return this.#chroma.run("read memory vectors", async (client) => {
      const on = { embedder: query.embedder, create: false, missing: new Map<string, number>() };
      return await this.#on(client, on, async (collection) => {
        const found = new Map<string, number>();
        const result = await collection.get({ ids: [...ids], include: ["embeddings"] });
        result.ids.forEach((id, i) => {
          const embedding = result.embeddings[i];
          if (embedding) found.set(id, dot(query.vector, Float32Array.from(embedding)));
        });
        return found;
      });
    });
  }

  remove(embedders: ReadonlyMap<string, string>): Promise<void> {
    if (embedders.size === 0) return Promise.resolve();
    return this.#chroma.run("delete memory vectors", async (client) => {
      for (const [embedder, ids] of Map.groupBy(embedders.keys(), (id) => embedders.get(id)!)) {
        await this.#on(
          client,
          { embedder, create: false, missing: undefined },
          async (collection) => {
            for (const batch of chunks(ids, BATCH)) await collection.delete({ ids: batch });
          },
        );
      }
    });
  }

  removePersona(personaId: string): Promise<void> {
    return this.#chroma.run("delete a persona's memory vectors", async (client) => {
      for (const collection of await this.#collections(client)) {
        await collection.delete({ where: { persona_id: personaId } });
      }
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
