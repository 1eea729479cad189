/**
 * Long-term memory use cases: store (importance scored when not given), correct, delete,
 * search (ranked, see `ranking.ts`), cross-persona search, stats, reindex, and the chat
 * engine's seam ({@linkcode ChatMemory}). Decay and pruning hang off `decay` and
 * `pruning`. Whatever the backend, the behaviour is the same.
 *
 * @module
 */
import { type MemorySearchEvent, NO_TELEMETRY, type Telemetry, timed } from "../telemetry.ts";
import { type Clock, isoTime } from "../clock.ts";
import type {
  ChatMemory,
  ExchangeRecord,
  RecalledMemory,
  TurnRecord,
} from "../chat/memory_port.ts";
import { InvalidInput, MemoryUnavailable, NotFound } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Persona, PersonaService } from "../personas/mod.ts";
import { InsertBatcher } from "./insert_batch.ts";
import type { MemoryBackend, PageQuery } from "./backend.ts";
import { DecayRunner, type DecaySettings, type PeriodClaim } from "./decay_runner.ts";
import type { Embedder } from "./embedder.ts";
import {
  type SimilarMemory,
  type StoredListener,
  StoreListeners,
  type StoreOptions,
} from "./events.ts";
import { MemoryLinks } from "./links.ts";
import { Pruner, type PruneSettings } from "./pruner.ts";
import type { PurgeQueue } from "./purges.ts";
import { chunks, creationTime, exchangeInput, newRecord, recalled, turnInputs } from "./records.ts";
import type {
  CrossPersonaParams,
  MemoryInput,
  MemoryPatch,
  MemoryRecord,
  SearchParams,
} from "./schema.ts";
import { type CrossPersonaHit, hit, Searcher, type SearchHit } from "./search.ts";
import { type PersonaMemoryStats, personaStats, type SharedStats, sharedStats } from "./stats.ts";
import { prefetchLargest, warmUp } from "./warm_up.ts";

/** Settings of the memory service. */
export type MemorySettings = DecaySettings & PruneSettings;

/** What the memory service is built from. */
export interface MemoryServiceDeps {
  backend: MemoryBackend;
  embedder: Embedder;
  personas: PersonaService;
  clock: Clock;
  log: Logger;
  purges: PurgeQueue;
  settings: MemorySettings;
  /** Makes the decay schedule run once per period across processes sharing the database. */
  claims?: PeriodClaim;
  /** Where search timings go (none by default). */
  telemetry?: Telemetry;
}

/** Progress of `memory.reindex`. */
export interface ReindexProgress {
  done: number;
  total: number;
}

const EMBED_BATCH = 64;

/** Most sources one memory lists. */
export const MAX_SOURCE_IDS = 32;

/** Extra hits a prompt's recall asks for, so superseded ones can be left out. */
const RECALL_SPARE = 5;

/** The memory service; also the chat engine's {@linkcode ChatMemory}. */
export class MemoryService implements ChatMemory {
  /** `sqlite` or `chroma`. */
  readonly backendName: string;
  /** The embedder new memories and searches use. */
  readonly embedderId: string;
  /** Decay: force, schedule, statistics. */
  readonly decay: DecayRunner;
  /** Pruning: prune, recommendations, statistics. */
  readonly pruning: Pruner;
  readonly #deps: MemoryServiceDeps;
  readonly #searcher: Searcher;
  readonly #closing = new AbortController();
  #warming: Promise<string[]> | undefined;
  #prefetching: Promise<void> | undefined;
  readonly #inserts: InsertBatcher;
  readonly #listeners: StoreListeners;
  readonly #links: MemoryLinks;

  /** Wires the service; nothing runs until called (the decay schedule starts with `decay.start`). */
  constructor(deps: MemoryServiceDeps) {
    this.#deps = deps;
    this.backendName = deps.backend.name;
    this.embedderId = deps.embedder.id;
    this.#searcher = new Searcher(deps);
    this.#inserts = new InsertBatcher(deps.backend);
    this.#links = new MemoryLinks(deps.backend);
    this.#listeners = new StoreListeners(deps.log);
    this.pruning = new Pruner(deps);
    this.decay = new DecayRunner({ ...deps, pruner: this.pruning, purge: (id) => this.#purge(id) });
  }

  /** Vectors of `texts` by the current embedder, in batches. */
  async #embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (const batch of chunks(texts, EMBED_BATCH)) {
      vectors.push(...await this.#deps.embedder.embed(batch, signal));
    }
    return vectors;
  }

  /** A search query's vector by the current embedder (`Embedder.embedQuery` when it has one). */
  async #embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    const { embedder } = this.#deps;
    return embedder.embedQuery
      ? await embedder.embedQuery(text)
      : (await this.#embed([text], signal))[0]!;
  }

  /** Tells `listener` about every store from now on (the mind queues its jobs this way). */
  onStored(listener: StoredListener): void {
    this.#listeners.add(listener);
  }

  /** Stores one memory of `persona`; importance is scored from the content when not given. */
  async store(
    persona: Persona,
    input: MemoryInput,
    options: StoreOptions = {},
  ): Promise<MemoryRecord> {
    const [record] = await this.#storeAll([{ persona, input }], {
      ...options,
      field: () => "created_at",
    });
    return record!;
  }

  /** Stores many memories of `persona` at once (imports, benchmarks). */
  storeMany(
    persona: Persona,
    inputs: readonly MemoryInput[],
    options: StoreOptions = {},
  ): Promise<MemoryRecord[]> {
    return this.#storeAll(inputs.map((input) => ({ persona, input })), {
      ...options,
      field: (i) => `memories.${i}.created_at`,
    });
  }

  /** Stores `items` (in one insert); `field` names item i's created_at in errors. */
  async #storeAll(
    items: ReadonlyArray<{ persona: Persona; input: MemoryInput }>,
    options: StoreOptions & { field: (index: number) => string },
  ): Promise<MemoryRecord[]> {
    const now = this.#deps.clock.now();
    const records = items.map(({ persona, input }, i) => {
      const createdAt = creationTime(input, now, options.field(i));
      return newRecord(persona, input, { createdAt, embedder: this.embedderId });
    });
    // A dialogue turn stores for several personas at once: links are checked per persona.
    const byPersona = new Map<string, { persona: Persona; records: MemoryRecord[] }>();
    records.forEach((record, i) => {
      const persona = items[i]!.persona;
      const group = byPersona.get(persona.id) ?? { persona, records: [] };
      group.records.push(record);
      byPersona.set(persona.id, group);
    });
    const replaced: MemoryRecord[] = [];
    for (const { persona, records: own } of byPersona.values()) {
      replaced.push(
        ...await this.#links.owned(persona.id, own.flatMap((r) => r.supersedes), {
          field: "supersedes",
          action: "supersede",
        }),
      );
      await this.#links.owned(persona.id, own.flatMap((r) => r.source_ids), {
        field: "source_ids",
        action: "cite",
      });
    }
    const vectors = await this.#embed(records.map((record) => record.content), options.signal);
    await this.#inserts.insert(records.map((record, i) => ({ record, vector: vectors[i] })));
    await this.#links.markSuperseded(records, replaced);
    for (const { persona, records: own } of byPersona.values()) {
      await this.#listeners.emit({
        persona,
        records: own,
        origin: options.origin ?? "client",
        sender: options.sender,
        thread: options.thread,
      });
    }
    return records;
  }

  /** The memory with `id`; throws {@linkcode NotFound}. */
  async get(id: string): Promise<MemoryRecord> {
    const record = await this.#deps.backend.get(id);
    if (!record) {
      throw new NotFound(`Cannot find memory "${id}": no memory has this id`, { memory_id: id });
    }
    return record;
  }

  /** Corrects a memory: new content is re-embedded; a new importance restarts its decay. */
  async update(id: string, patch: MemoryPatch, signal?: AbortSignal): Promise<MemoryRecord> {
    if (
      patch.content === undefined && patch.importance === undefined &&
      patch.visibility === undefined && patch.supersedes === undefined &&
      patch.superseded_by === undefined
    ) {
      throw new InvalidInput(`Cannot update memory "${id}": nothing to change`, [
        {
          field: "params",
          message:
            "give at least one of content, importance, visibility, supersedes, superseded_by",
        },
      ]);
    }
    const current = await this.get(id);
    if (patch.supersedes?.includes(id)) {
      throw new InvalidInput(`Cannot update memory "${id}": a memory cannot supersede itself`, [
        { field: "supersedes", message: "must not contain the memory's own id" },
      ]);
    }
    const replaced = await this.#links.owned(current.persona_id, patch.supersedes ?? [], {
      field: "supersedes",
      action: "supersede",
    });
    const next: MemoryRecord = {
      ...current,
      visibility: patch.visibility ?? current.visibility,
      supersedes: [...new Set([...current.supersedes, ...patch.supersedes ?? []])],
    };
    if (patch.superseded_by === null && current.superseded_by !== null) {
      await this.#links.restore(current);
      next.superseded_by = null;
    }
    let vector: Float32Array | undefined;
    if (patch.content !== undefined) {
      next.content = patch.content;
      next.embedder = this.embedderId;
      [vector] = await this.#embed([patch.content], signal);
    }
    if (patch.importance !== undefined) {
      next.importance = next.base_importance = patch.importance;
      next.importance_set_at = isoTime(this.#deps.clock.now());
    }
    await this.#deps.backend.save([{ record: next, vector }]);
    await this.#links.markSuperseded([next], replaced);
    return next;
  }

  /**
   * Deletes a memory; returns it as it was. The memories it superseded are current again, and
   * the one that superseded it no longer lists it.
   */
  async delete(id: string): Promise<MemoryRecord> {
    const record = await this.get(id);
    await this.#deps.backend.delete([id]);
    await this.#links.forget(record);
    return record;
  }

  /** A persona's memories, newest first, a page at a time. */
  async list(
    persona: Persona,
    options: PageQuery,
  ): Promise<{ memories: MemoryRecord[]; total: number }> {
    const page = await this.#deps.backend.page(persona.id, options);
    return { memories: page.records, total: page.total };
  }

  /** The memory with `id`, if there is one. */
  find(id: string): Promise<MemoryRecord | undefined> {
    return this.#deps.backend.get(id);
  }

  /**
   * The persona's own memories closest to `text`, best first, ranked as a search but without
   * counting an access (for background work; superseded ones included).
   */
  async similar(
    persona: Persona,
    text: string,
    options: { memoryType?: string; limit: number; signal?: AbortSignal },
  ): Promise<SimilarMemory[]> {
    const query = text.trim().slice(0, 2000);
    if (query === "") return [];
    const [vector] = await this.#embed([query], options.signal);
    const ranked = await this.#searcher.ranked(persona, {
      query,
      n_results: options.limit,
      min_importance: 0,
      memory_type: options.memoryType,
    }, { vector: vector!, touch: false });
    return ranked.map(({ record, relevance }) => ({ record, relevance }));
  }

  /** The persona's newest memories, newest first. */
  async recent(persona: Persona, options: { limit: number }): Promise<MemoryRecord[]> {
    return (await this.#deps.backend.page(persona.id, { limit: options.limit, offset: 0 }))
      .records;
  }

  /**
   * Adds `sourceIds` (memories of the same persona) to what memory `id` was drawn from; the
   * newest {@linkcode MAX_SOURCE_IDS} are kept.
   */
  async addSources(id: string, sourceIds: readonly string[]): Promise<MemoryRecord> {
    const current = await this.get(id);
    await this.#links.owned(current.persona_id, sourceIds, { field: "source_ids", action: "cite" });
    const merged = [...new Set([...current.source_ids, ...sourceIds])].slice(-MAX_SOURCE_IDS);
    const next = { ...current, source_ids: merged };
    await this.#deps.backend.save([{ record: next }]);
    return next;
  }

  /** The persona's memories best matching the query; each hit counts as an access. */
  search(persona: Persona, params: SearchParams, signal?: AbortSignal): Promise<SearchHit[]> {
    return this.#timed("search", signal, async () => {
      const vector = await this.#embedQuery(params.query, signal);
      return this.#searcher.search(persona, params, { vector });
    });
  }

  /** The persona's own memories plus other personas' shared/public ones; never others' private. */
  searchCrossPersona(
    persona: Persona,
    params: CrossPersonaParams,
    signal?: AbortSignal,
  ): Promise<CrossPersonaHit[]> {
    return this.#timed("cross_persona", signal, async () => {
      const vector = await this.#embedQuery(params.query, signal);
      return this.#searcher.searchCrossPersona(persona, params, vector);
    });
  }

  /** Runs a search, reporting its duration to the telemetry. */
  #timed<T>(
    kind: MemorySearchEvent["kind"],
    signal: AbortSignal | undefined,
    search: () => Promise<T>,
  ): Promise<T> {
    const telemetry = this.#deps.telemetry ?? NO_TELEMETRY;
    const backend = this.backendName;
    return timed(
      search,
      (outcome, seconds) => telemetry.memorySearch({ kind, backend, outcome, seconds }),
      signal,
    );
  }

  /** `memory.get_stats` for `persona`. */
  async stats(persona: Persona): Promise<PersonaMemoryStats> {
    const totals = await this.#deps.backend.totals(persona.id, this.embedderId);
    return personaStats(persona.id, totals, {
      embedder: this.embedderId,
      backend: this.backendName,
    });
  }

  /** How many memories `persona` has. */
  count(persona: Persona): Promise<number> {
    return this.#deps.backend.count(persona.id);
  }

  /** `memory.shared_stats`. */
  async sharedStats(): Promise<SharedStats> {
    const names = new Map(
      (await this.#deps.personas.list()).map((persona) => [persona.id, persona.name]),
    );
    const summaries = (await this.#deps.backend.summaries())
      .filter((summary) => names.has(summary.persona_id));
    return sharedStats(summaries, names);
  }

  /** Re-embeds the persona's memories made by another embedder; reports progress per batch. */
  async reindex(
    persona: Persona,
    options: { signal?: AbortSignal; onProgress?: (progress: ReindexProgress) => void } = {},
  ): Promise<{ total: number; reindexed: number; already_current: number }> {
    const all = await this.#deps.backend.list(persona.id);
    const stale = all.filter((record) => record.embedder !== this.embedderId);
    let done = 0;
    options.onProgress?.({ done, total: stale.length });
    for (const batch of chunks(stale, EMBED_BATCH)) {
      options.signal?.throwIfAborted();
      const vectors = await this.#embed(batch.map((record) => record.content), options.signal);
      await this.#deps.backend.save(batch.map((record, i) => ({
        record: { ...record, embedder: this.embedderId },
        vector: vectors[i],
      })));
      done += batch.length;
      options.onProgress?.({ done, total: stale.length });
    }
    return {
      total: all.length,
      reindexed: stale.length,
      already_current: all.length - stale.length,
    };
  }

  /**
   * Memories relevant to `query` for a prompt; each one the prompt gets counts as an access (the
   * spare hits it does not get count none). Superseded memories are left out: the prompt carries
   * what is current (the replacement is found in their place).
   */
  async recall(
    persona: Persona,
    query: string,
    options: { limit: number; signal?: AbortSignal },
  ): Promise<RecalledMemory[]> {
    if (query.trim() === "") return [];
    const params = {
      query: query.slice(0, 2000),
      n_results: options.limit + RECALL_SPARE,
      min_importance: 0,
    };
    const used = await this.#timed("search", options.signal, async () => {
      const vector = await this.#embedQuery(params.query, options.signal);
      // The message's "I" and "my" are its sender's: no preference for the persona's own voice.
      const ranked = await this.#searcher.ranked(persona, params, {
        vector,
        touch: false,
        voiced: false,
      });
      const current = ranked.filter((item) => !item.record.superseded_by);
      return current.slice(0, options.limit);
    });
    await this.#searcher.touch(used);
    return used.map((item) => recalled(hit(item)));
  }

  /** Stores one finished exchange as a private conversation memory of the persona. */
  async rememberExchange(exchange: ExchangeRecord): Promise<{ memory_id: string }> {
    const input = exchangeInput(exchange, await this.#deps.personas.list());
    const record = await this.store(exchange.persona, input, {
      origin: "chat",
      sender: exchange.sender,
    });
    return { memory_id: record.id };
  }

  /** Stores a dialogue turn: the speaker remembers what it said, each listener what it heard. */
  async rememberTurn(turn: TurnRecord): Promise<void> {
    // In one insert: the participants' memories share one commit.
    await this.#storeAll(turnInputs(turn), {
      origin: "dialogue",
      thread: turn.dialogueId,
      field: () => "created_at",
    });
  }

  /** Deletes a deleted persona's memories; if the store is down, queues them for later. */
  async forgetPersona(personaId: string): Promise<void> {
    try {
      await this.#purge(personaId);
    } catch (error) {
      if (!(error instanceof MemoryUnavailable)) throw error;
      await this.#deps.purges.add(personaId, isoTime(this.#deps.clock.now()));
      this.#deps.log.warn("Memories of a deleted persona will be purged when the store is back", {
        persona_id: personaId,
        reason: error.message,
      });
    }
  }

  async #purge(personaId: string): Promise<void> {
    await this.#deps.backend.deletePersona(personaId);
    await this.#deps.purges.done(personaId);
  }

  /**
   * Starts loading what the first searches need, in the background (`warm_up.ts`), once;
   * resolves to the personas whose indexes it loaded. A failure is logged, and searches then
   * load what they need themselves.
   */
  warm(): Promise<string[]> {
    this.#warming ??= warmUp(this.#deps, this.#closing.signal).catch((error) => {
      this.#deps.log.warn("Memory warm-up failed", { reason: String(error) });
      return [];
    });
    return this.#warming;
  }

  /**
   * Starts reading the largest persona's index rows off the event loop, once, ahead of
   * {@linkcode warm} (`warm_up.ts`'s `prefetchLargest`); resolves when they are there. A failure
   * is left to the warm-up's load, which then reads them itself.
   */
  prefetch(): Promise<void> {
    this.#prefetching ??= prefetchLargest(this.#deps).catch(() => {});
    return this.#prefetching;
  }

  /** The read ahead once started ({@linkcode prefetch}). */
  get prefetching(): Promise<void> | undefined {
    return this.#prefetching;
  }

  /** The warm-up once started: the ids of the personas whose indexes it loaded. */
  get warming(): Promise<string[]> | undefined {
    return this.#warming;
  }

  /** Stops the decay schedule and the warm-up, waits for them, releases the backend. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.#warming;
    await this.#prefetching;
    await this.decay.close();
    await this.#inserts.settled();
    await this.#deps.backend.close();
  }
}
