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
import type { MemoryBackend, PageQuery } from "./backend.ts";
import { DecayRunner, type DecaySettings, type PeriodClaim } from "./decay_runner.ts";
import type { Embedder } from "./embedder.ts";
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
import { type CrossPersonaHit, Searcher, type SearchHit } from "./search.ts";
import { type PersonaMemoryStats, personaStats, type SharedStats, sharedStats } from "./stats.ts";

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

  /** Wires the service; nothing runs until called (the decay schedule starts with `decay.start`). */
  constructor(deps: MemoryServiceDeps) {
    this.#deps = deps;
    this.backendName = deps.backend.name;
    this.embedderId = deps.embedder.id;
    this.#searcher = new Searcher(deps);
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

  /** Stores one memory of `persona`; importance is scored from the content when not given. */
  async store(persona: Persona, input: MemoryInput, signal?: AbortSignal): Promise<MemoryRecord> {
    const [record] = await this.#storeAll(persona, [input], signal, () => "created_at");
    return record!;
  }

  /** Stores many memories of `persona` at once (imports, benchmarks). */
  storeMany(
    persona: Persona,
    inputs: readonly MemoryInput[],
    signal?: AbortSignal,
  ): Promise<MemoryRecord[]> {
    return this.#storeAll(persona, inputs, signal, (i) => `memories.${i}.created_at`);
  }

  /** Stores `inputs`; `field` names input i's created_at in errors. */
  async #storeAll(
    persona: Persona,
    inputs: readonly MemoryInput[],
    signal: AbortSignal | undefined,
    field: (index: number) => string,
  ): Promise<MemoryRecord[]> {
    const now = this.#deps.clock.now();
    const records = inputs.map((input, i) => {
      const createdAt = creationTime(input, now, field(i));
      return newRecord(persona, input, { createdAt, embedder: this.embedderId });
    });
    const replaced = await this.#replaceable(persona.id, records.flatMap((r) => r.supersedes));
    const vectors = await this.#embed(records.map((record) => record.content), signal);
    await this.#deps.backend.insert(records.map((record, i) => ({ record, vector: vectors[i] })));
    await this.#markSuperseded(records, replaced);
    return records;
  }

  /** The memories `ids` names, checked: they exist and belong to `personaId`. */
  async #replaceable(personaId: string, ids: readonly string[]): Promise<MemoryRecord[]> {
    const found: MemoryRecord[] = [];
    for (const id of new Set(ids)) {
      const record = await this.#deps.backend.get(id);
      if (!record || record.persona_id !== personaId) {
        throw new InvalidInput(
          `Cannot supersede memory "${id}": the persona has no memory with this id`,
          [
            { field: "supersedes", message: `no memory "${id}" of this persona` },
          ],
        );
      }
      found.push(record);
    }
    return found;
  }

  /** Marks each of `replaced` as superseded by the record that lists it (the last one wins). */
  async #markSuperseded(records: readonly MemoryRecord[], replaced: readonly MemoryRecord[]) {
    if (replaced.length === 0) return;
    const replacer = new Map<string, string>();
    for (const record of records) for (const id of record.supersedes) replacer.set(id, record.id);
    await this.#deps.backend.save(replaced.map((old) => ({
      record: { ...old, superseded_by: replacer.get(old.id) ?? old.superseded_by },
    })));
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
      patch.visibility === undefined && patch.supersedes === undefined
    ) {
      throw new InvalidInput(`Cannot update memory "${id}": nothing to change`, [
        {
          field: "params",
          message: "give at least one of content, importance, visibility, supersedes",
        },
      ]);
    }
    const current = await this.get(id);
    if (patch.supersedes?.includes(id)) {
      throw new InvalidInput(`Cannot update memory "${id}": a memory cannot supersede itself`, [
        { field: "supersedes", message: "must not contain the memory's own id" },
      ]);
    }
    const replaced = await this.#replaceable(current.persona_id, patch.supersedes ?? []);
    const next: MemoryRecord = {
      ...current,
      visibility: patch.visibility ?? current.visibility,
      supersedes: [...new Set([...current.supersedes, ...patch.supersedes ?? []])],
    };
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
    await this.#markSuperseded([next], replaced);
    return next;
  }

  /**
   * Deletes a memory; returns it as it was. The memories it superseded are current again, and
   * the one that superseded it no longer lists it.
   */
  async delete(id: string): Promise<MemoryRecord> {
    const record = await this.get(id);
    await this.#deps.backend.delete([id]);
    const linked = await Promise.all(
      [...record.supersedes, ...record.superseded_by ? [record.superseded_by] : []]
        .map((other) => this.#deps.backend.get(other)),
    );
    const repaired = linked.filter((other) => other !== undefined).map((other) => ({
      record: {
        ...other,
        superseded_by: other.superseded_by === id ? null : other.superseded_by,
        supersedes: other.supersedes.filter((old) => old !== id),
      },
    }));
    if (repaired.length > 0) await this.#deps.backend.save(repaired);
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

  /** The persona's memories best matching the query; each hit counts as an access. */
  search(persona: Persona, params: SearchParams, signal?: AbortSignal): Promise<SearchHit[]> {
    return this.#timed("search", signal, async () => {
      const [vector] = await this.#embed([params.query], signal);
      return this.#searcher.search(persona, params, vector!);
    });
  }

  /** The persona's own memories plus other personas' shared/public ones; never others' private. */
  searchCrossPersona(
    persona: Persona,
    params: CrossPersonaParams,
    signal?: AbortSignal,
  ): Promise<CrossPersonaHit[]> {
    return this.#timed("cross_persona", signal, async () => {
      const [vector] = await this.#embed([params.query], signal);
      return this.#searcher.searchCrossPersona(persona, params, vector!);
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

  /** Memories relevant to `query` for the conversation prompt (each counts as an access). */
  async recall(
    persona: Persona,
    query: string,
    options: { limit: number; signal?: AbortSignal },
  ): Promise<RecalledMemory[]> {
    if (query.trim() === "") return [];
    const hits = await this.search(persona, {
      query: query.slice(0, 2000),
      n_results: options.limit,
      min_importance: 0,
    }, options.signal);
    return hits.map(recalled);
  }

  /** Stores one finished exchange as a private conversation memory of the persona. */
  async rememberExchange(exchange: ExchangeRecord): Promise<{ memory_id: string }> {
    const input = exchangeInput(exchange, await this.#deps.personas.list());
    const record = await this.store(exchange.persona, input);
    return { memory_id: record.id };
  }

  /** Stores a dialogue turn: the speaker remembers what it said, each listener what it heard. */
  async rememberTurn(turn: TurnRecord): Promise<void> {
    for (const { persona, input } of turnInputs(turn)) await this.store(persona, input);
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

  /** Stops the decay schedule, waits for a running cycle, releases the backend. */
  async close(): Promise<void> {
    await this.decay.close();
    await this.#deps.backend.close();
  }
}
