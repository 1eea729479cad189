/**
 * The ChromaDB backend (`MEMORY_BACKEND=chroma`): a real Chroma server through `npm:chromadb`.
 * Connections go through `chroma_client.ts` (a fresh client and a deadline per operation);
 * reads across the collections are `chroma_reads.ts`'s, record writes `chroma_writes.ts`'s.
 *
 * @module
 */
import { type ChromaClient, ChromaNotFoundError, type Collection } from "chromadb";
import type {
  Candidate,
  CandidateQuery,
  ImportanceWrite,
  MemoryBackend,
  MemoryTotals,
  MemoryWrite,
  PersonaSummary,
  SlipAsk,
  StoreSlips,
  VectorWrite,
} from "./backend.ts";
import type { MemoryPage, PageQuery } from "./backend_reads.ts";
import { addCount } from "../numbers.ts";
import { ChromaConnection, type ChromaSettings } from "./chroma_client.ts";
import { writeChromaImportance } from "./chroma_importance.ts";
import { staleVectors, writeChromaVectors } from "./chroma_vectors.ts";
import {
  addMemories,
  CHROMA_BATCH,
  locateMemories,
  openMemoryCollection,
  saveMemories,
} from "./chroma_writes.ts";
import { ChromaLexicon } from "./chroma_lexicon.ts";
import { tiesOf } from "./kind_ties.ts";
import { byTimeThenId, pageOf } from "./records.ts";
import { chunks } from "./chunks.ts";
import { candidateFilter, collectionName } from "./chroma_records.ts";
import { type MemoryRecord, VISIBILITIES } from "./schema.ts";
import { totalsOf } from "./stats.ts";
import {
  allRecords,
  chainRecords,
  chromaCollections,
  countRecords,
  fetchCandidates,
  nearestCandidates,
  recordsByIds,
} from "./chroma_reads.ts";

export type { ChromaSettings };

/** Memories in a Chroma server, one collection per embedder. */
export class ChromaBackend implements MemoryBackend {
  readonly name = "chroma";
  readonly #chroma: ChromaConnection;
  readonly #lexicon = new ChromaLexicon();

  /** A backend for the server described by `settings` (nothing is contacted yet). */
  constructor(settings: ChromaSettings) {
    this.#chroma = new ChromaConnection(settings);
  }

  /** Runs `work` with a fresh client whose requests abort at the deadline. */
  #run<T>(action: string, work: (client: ChromaClient) => Promise<T>): Promise<T> {
    return this.#chroma.run(action, work);
  }

  insert(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#run("store memories", async (client) => {
      await addMemories(client, writes);
      await this.#lexicon.write(writes.map((write) => write.record), () => true);
    });
  }

  /**
   * Saves the memories that still exist (`chroma_writes.ts`): one deleted meanwhile is not
   * brought back; one found in another embedder's collection moves to its own.
   */
  save(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#run(
      "update memories",
      (client) => saveMemories(client, { writes, lexicon: this.#lexicon }),
    );
  }

  writeImportance(writes: readonly ImportanceWrite[]): Promise<string[]> {
    return this.#run("update memory importance", async (client) => {
      const written = await writeChromaImportance(client, writes);
      await this.#lexicon.write(written, () => false);
      return written.map((record) => record.id);
    });
  }

  writeVectors(writes: readonly VectorWrite[]): Promise<string[]> {
    return this.#run("update memory vectors", async (client) => {
      const written = await writeChromaVectors(client, { writes, open: openMemoryCollection });
      await this.#lexicon.write(written, () => false);
      return written.map((record) => record.id);
    });
  }

  remakeQueue(personaId: string): Promise<Array<{ id: string; embedder: string }>> {
    return this.#run("list memories", (client) => staleVectors(client, personaId));
  }

  touch(records: readonly MemoryRecord[], at: string): Promise<void> {
    return this.#run("record memory accesses", async (client) => {
      for (const [embedder, group] of Map.groupBy(records, (record) => record.embedder)) {
        const collection = await client.getCollection({ name: collectionName(embedder) });
        await collection.update({
          ids: group.map((record) => record.id),
          metadatas: group.map((record) => ({
            accessed_count: addCount(record.accessed_count),
            last_accessed: at,
          })),
        });
      }
    });
  }

  get(id: string): Promise<MemoryRecord | undefined> {
    return this.#run("read a memory", async (client) => (await recordsByIds(client, [id]))[0]);
  }

  getMany(ids: readonly string[]): Promise<MemoryRecord[]> {
    return this.#run("read memories", (client) => recordsByIds(client, ids));
  }

  chainFrom(ids: readonly string[]): Promise<MemoryRecord[]> {
    return this.#run("read memories", (client) => chainRecords(client, ids));
  }

  list(personaId: string): Promise<MemoryRecord[]> {
    return this.#run("list memories", async (client) => {
      // Chroma keeps no storing order: equal times go by id, the order pages are keyed by.
      const records = await allRecords(client, { persona_id: personaId });
      return records.sort(byTimeThenId);
    });
  }

  // Chroma neither sorts nor aggregates: pages and totals come from the whole list.
  async page(personaId: string, query: PageQuery): Promise<MemoryPage> {
    return pageOf(await this.list(personaId), query);
  }

  async totals(personaId: string, embedder: string): Promise<MemoryTotals> {
    return totalsOf(await this.list(personaId), embedder);
  }

  count(personaId: string): Promise<number> {
    return this.#run("count memories", (client) => countRecords(client, personaId));
  }

  candidates(query: CandidateQuery): Promise<Candidate[]> {
    return this.#run("search memories", async (client) => {
      let collection: Collection | undefined;
      try {
        collection = await client.getCollection({ name: collectionName(query.embedder) });
      } catch (error) {
        if (!(error instanceof ChromaNotFoundError)) throw error;
      }
      // Full-text hits only (`lexicalOnly`): no nearest-vector search, as on every backend.
      const nearest = collection && !query.lexicalOnly
        ? await nearestCandidates(collection, query, candidateFilter(query))
        : [];
      // The BM25 path (in this process: Chroma keeps no term statistics) finds the persona's
      // memories that hold query terms, whatever the vectors say (even before a reindex);
      // others' memories found by vector are scored with their own persona's statistics.
      const own = await this.#lexiconOf(client, query.personaId);
      const filter = {
        minImportance: query.minImportance,
        memoryType: query.memoryType,
        visibilities: VISIBILITIES,
      };
      const lexical = new Map(
        own.search(query, query.limit, filter).map((hit) => [hit.id, hit.lexical]),
      );
      const found = new Set(nearest.map((candidate) => candidate.record.id));
      const missing = [...lexical.keys()].filter((id) => !found.has(id));
      const candidates = [...nearest, ...await fetchCandidates(client, query, missing)];
      for (const candidate of candidates) {
        const { id, persona_id } = candidate.record;
        const index = persona_id === query.personaId
          ? own
          : await this.#lexiconOf(client, persona_id);
        candidate.lexical = lexical.get(id) ?? index.lexical(id, query);
      }
      return candidates;
    });
  }

  termWeights(query: CandidateQuery): Promise<number[]> {
    return this.#run("search memories", async (client) => {
      return (await this.#lexiconOf(client, query.personaId)).weights(query);
    });
  }

  slips(query: CandidateQuery, words: readonly string[], ask?: SlipAsk): Promise<StoreSlips> {
    return this.#run("search memories", async (client) => {
      return (await this.#lexiconOf(client, query.personaId)).slips(words, ask);
    });
  }

  tiedKinds(
    query: CandidateQuery,
    keys: readonly string[],
  ): Promise<ReadonlySet<string> | undefined> {
    return this.#run("search memories", async (client) => {
      const index = await this.#lexiconOf(client, query.personaId);
      // Kept, complete, with every index the lexicon builds (`chroma_lexicon.ts`); were they not,
      // "not known" makes `kindBridges` look every asked word up, as before the ties.
      return tiesOf(index)?.tied(keys);
    });
  }

  /** The BM25 index of a persona's memories (all collections), built on first use. */
  #lexiconOf(client: ChromaClient, personaId: string) {
    return this.#lexicon.index(personaId, () => allRecords(client, { persona_id: personaId }));
  }

  delete(ids: readonly string[]): Promise<number> {
    return this.#run("delete memories", async (client) => {
      const located = await locateMemories(client, ids);
      for (const [collection, group] of Map.groupBy(located, ([, where]) => where)) {
        for (const batch of chunks(group.map(([id]) => id), CHROMA_BATCH)) {
          await collection.delete({ ids: batch });
        }
      }
      await this.#lexicon.remove([...located.keys()]);
      return located.size;
    });
  }

  deletePersona(personaId: string): Promise<number> {
    this.#lexicon.dropPersona(personaId);
    return this.#run("delete a persona's memories", async (client) => {
      let deleted = 0;
      for (const collection of await chromaCollections(client)) {
        const where = { persona_id: personaId };
        deleted += (await collection.get({ where, include: [] })).ids.length;
        await collection.delete({ where });
      }
      return deleted;
    });
  }

  summaries(): Promise<PersonaSummary[]> {
    return this.#run("count memories", async (client) => {
      const byPersona = new Map<string, PersonaSummary>();
      for (const record of await allRecords(client)) {
        let summary = byPersona.get(record.persona_id);
        if (!summary) {
          summary = {
            persona_id: record.persona_id,
            total: 0,
            private: 0,
            shared: 0,
            public: 0,
            cross_references: 0,
          };
          byPersona.set(record.persona_id, summary);
        }
        summary.total++;
        summary[record.visibility]++;
        if (record.related_personas.length > 0) summary.cross_references++;
      }
      return [...byPersona.values()].sort((a, b) => a.persona_id.localeCompare(b.persona_id));
    });
  }

  close(): Promise<void> {
    this.#lexicon.clear();
    return Promise.resolve();
  }
}
