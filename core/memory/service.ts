/**
 * Long-term memory use cases: store (importance scored when not given), correct, delete,
 * search (ranked, see `ranking.ts`), cross-persona search, stats, reindex, and the chat
 * engine's seam ({@linkcode ChatMemory}). Writes are `memory_writer.ts`'s, searches and recall
 * `memory_reads.ts`'s, pages, counts and statistics `memory_listing.ts`'s, and `service_parts.ts`
 * wires them. Decay and pruning hang off `decay` and `pruning`. Whatever the backend, the
 * behaviour is the same.
 *
 * @module
 */
import type {
  ChatMemory,
  ExchangeRecord,
  RecalledMemory,
  RecallOptions,
  TurnRecord,
} from "../chat/memory_port.ts";
import type { Persona } from "../personas/mod.ts";
import type { PageQuery } from "./backend_reads.ts";
import type { MemoryLinksToRestore } from "./restore_links.ts";
import type { DecayRunner } from "./decay_runner.ts";
import type { SimilarMemory, SimilarOptions, StoredListener, StoreOptions } from "./events.ts";
import type { Pruner } from "./pruner.ts";
import { storeExchange, storeExchanges, storeTurn } from "./chat_stores.ts";
import type {
  CrossPersonaParams,
  MemoryInput,
  MemoryPatch,
  MemoryRecord,
  SearchParams,
} from "./schema.ts";
import type { CrossPersonaHit, SearchHit } from "./search.ts";
import type { MemoryServiceDeps } from "./service_deps.ts";
import type { PersonaMemoryStats, SharedStats } from "./stats.ts";
import type { ListedPage } from "./memory_listing.ts";
import { forgetPersona, purgeAgain } from "./persona_purge.ts";
import type { VectorRemaker } from "./vector_remaker.ts";
import type { ReindexOptions, ReindexResult } from "./memory_reindex.ts";
import type { SearchOptions } from "./hit_budget.ts";
import { type ServiceParts, serviceParts } from "./service_parts.ts";

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
  /** Remakes queued stale local vectors in the background (`vector_remaker.ts`, `start`). */
  readonly remaker: VectorRemaker;
  readonly #deps: MemoryServiceDeps;
  /** Its collaborators (`service_parts.ts`). */
  readonly #parts: ServiceParts;

  /** Wires the service; nothing runs until called (the decay schedule starts with `decay.start`). */
  constructor(deps: MemoryServiceDeps) {
    this.#deps = deps;
    this.backendName = deps.backend.name;
    this.embedderId = deps.embedder.id;
    this.#parts = serviceParts(deps, (exchanges) => this.rememberExchanges(exchanges));
    this.pruning = this.#parts.pruning;
    this.decay = this.#parts.decay;
    this.remaker = this.#parts.remaker;
  }

  /** Tells `listener` about every store from now on (the mind queues its jobs this way). */
  onStored(listener: StoredListener): void {
    this.#parts.listeners.add(listener);
  }

  /** Stores one memory of `persona`; importance is scored from the content when not given. */
  async store(
    persona: Persona,
    input: MemoryInput,
    options: StoreOptions = {},
  ): Promise<MemoryRecord> {
    await this.#parts.behind.settle(persona.id);
    const [record] = await this.#parts.writer.storeAll([{ persona, input }], {
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
    return this.#parts.behind.after(
      persona.id,
      () =>
        this.#parts.writer.storeAll(inputs.map((input) => ({ persona, input })), {
          ...options,
          field: (i) => `memories.${i}.created_at`,
        }),
    );
  }

  /** The memory with `id`; throws `NotFound`. */
  get(id: string): Promise<MemoryRecord> {
    // No barrier: a queued exchange has no id yet (made when stored), so no caller can name it.
    return this.#parts.writer.get(id);
  }

  /** Corrects a memory: new content is re-embedded; a new importance restarts its decay. */
  update(id: string, patch: MemoryPatch, signal?: AbortSignal): Promise<MemoryRecord> {
    return this.#parts.writer.update(id, patch, signal);
  }

  /**
   * Deletes a memory; returns it as it was. The memories it superseded are current again, and
   * the one that superseded it no longer lists it.
   */
  delete(id: string): Promise<MemoryRecord> {
    return this.#parts.writer.delete(id);
  }

  /** A persona's memories, newest first, a page at a time. */
  list(persona: Persona, options: PageQuery): Promise<ListedPage> {
    return this.#parts.listing.list(persona, options);
  }

  /** The memory with `id`, if there is one. */
  find(id: string): Promise<MemoryRecord | undefined> {
    return this.#parts.listing.find(id);
  }

  /**
   * The persona's own memories closest to `text`, best first, ranked as a search but without
   * counting an access (for background work; superseded ones included).
   */
  similar(persona: Persona, text: string, options: SimilarOptions): Promise<SimilarMemory[]> {
    return this.#parts.reads.similar(persona, text, options);
  }

  /** The persona's newest memories, newest first. */
  recent(persona: Persona, options: { limit: number }): Promise<MemoryRecord[]> {
    return this.#parts.listing.recent(persona, options);
  }

  /**
   * Adds `sourceIds` (memories of the same persona) to what memory `id` was drawn from; the
   * newest `MAX_SOURCE_IDS` (`memory_writer.ts`) are kept.
   */
  addSources(id: string, sourceIds: readonly string[]): Promise<MemoryRecord> {
    return this.#parts.writer.addSources(id, sourceIds);
  }

  /**
   * Adds already checked links between memories of `personaId` (a bundle's import) in chunks,
   * serving other requests between them; returns how many memories were saved.
   */
  restoreLinks(personaId: string, links: readonly MemoryLinksToRestore[]): Promise<number> {
    return this.#parts.writer.restoreLinks(personaId, links);
  }

  /** The persona's memories best matching the query; each hit sent counts as an access. */
  search(persona: Persona, params: SearchParams, options?: SearchOptions): Promise<SearchHit[]> {
    return this.#parts.behind.after(
      persona.id,
      () => this.#parts.reads.search(persona, params, options),
    );
  }

  /** The persona's own memories plus other personas' shared/public ones; never others' private. */
  searchCrossPersona(
    persona: Persona,
    params: CrossPersonaParams,
    options?: SearchOptions,
  ): Promise<CrossPersonaHit[]> {
    // Exchanges are private: only the asker's own can be among the hits.
    return this.#parts.behind.after(
      persona.id,
      () => this.#parts.reads.searchCrossPersona(persona, params, options),
    );
  }

  /** `memory.get_stats` for `persona`. */
  stats(persona: Persona): Promise<PersonaMemoryStats> {
    return this.#parts.listing.stats(persona);
  }

  /** How many memories `persona` has. */
  count(persona: Persona): Promise<number> {
    return this.#parts.listing.count(persona);
  }

  /** `memory.shared_stats`. */
  sharedStats(): Promise<SharedStats> {
    return this.#parts.listing.sharedStats();
  }

  /**
   * Re-embeds the persona's memories made by another embedder, and those queued to be made again
   * after an analyser change (the background {@linkcode remaker} leaves the persona to it);
   * reports progress per batch.
   */
  reindex(persona: Persona, options: ReindexOptions = {}): Promise<ReindexResult> {
    const reindex = () =>
      this.remaker.during(persona.id, () => this.#parts.writer.reindex(persona, options));
    return this.#parts.behind.after(persona.id, reindex);
  }

  /**
   * Memories relevant to `query` for a prompt; each one the prompt gets counts as an access (the
   * spare hits it does not get count none). Superseded memories are left out.
   */
  recall(persona: Persona, query: string, options: RecallOptions): Promise<RecalledMemory[]> {
    return this.#parts.reads.recall(persona, query, options);
  }

  /** Stores one finished exchange as a private conversation memory of the persona. */
  async rememberExchange(exchange: ExchangeRecord): Promise<{ memory_id: string }> {
    const stored = await storeExchange(this.#parts.chat, exchange);
    this.#parts.behind.working();
    return stored;
  }

  /** Stores chats' exchanges queued after their replies, in one insert (`write_behind.ts`). */
  async rememberExchanges(exchanges: readonly ExchangeRecord[]): Promise<void> {
    await storeExchanges(this.#parts.chat, exchanges);
    this.#parts.behind.working();
  }

  /** Queues an exchange to be stored after the chat's reply (`write_behind.ts`). */
  keepExchange(exchange: ExchangeRecord, context: { sessionId: string }): boolean {
    return this.#parts.behind.add({ exchange, sessionId: context.sessionId });
  }

  /** Stores every exchange queued by {@linkcode keepExchange} now; resolves once all were tried. */
  settleExchanges(): Promise<void> {
    return this.#parts.behind.drain();
  }

  /** Stores a dialogue turn: the speaker remembers what it said, each listener what it heard. */
  rememberTurn(turn: TurnRecord): Promise<void> {
    return storeTurn(this.#parts.chat, turn);
  }

  /** Deletes a deleted persona's memories; if the store is down, queues them for later. */
  async forgetPersona(personaId: string): Promise<void> {
    await this.#parts.behind.forget(personaId);
    return await forgetPersona(this.#deps, personaId);
  }

  /** Queues `personaId`'s memories to be deleted again on the next decay cycle (`purgeAgain`). */
  purgeAgain(personaId: string): Promise<void> {
    return purgeAgain(this.#deps, personaId);
  }

  /**
   * Starts loading what the first searches need, in the background (`warm_up.ts`), once;
   * resolves to the personas whose indexes it loaded. A failure is logged, and searches then
   * load what they need themselves.
   */
  warm(): Promise<string[]> {
    return this.#parts.warmer.warm();
  }

  /**
   * Starts reading the word data and the largest persona's index rows off the event loop, once,
   * ahead of {@linkcode warm} (`warmer.ts`, `warm_up.ts`'s `prefetchLargest`); resolves when the
   * rows are there. A failure is left to the warm-up's load, which then reads them itself.
   */
  prefetch(): Promise<void> {
    return this.#parts.warmer.prefetch();
  }

  /** The read ahead once started ({@linkcode prefetch}). */
  get prefetching(): Promise<void> | undefined {
    return this.#parts.warmer.prefetching;
  }

  /** The warm-up once started: the ids of the personas whose indexes it loaded. */
  get warming(): Promise<string[]> | undefined {
    return this.#parts.warmer.warming;
  }

  /** Stops the decay schedule, the remaking and the warm-up, waits for them, releases the backend. */
  async close(): Promise<void> {
    await this.remaker.close();
    await this.#parts.warmer.close();
    await this.decay.close();
    await this.#parts.behind.close();
    await this.#parts.writer.settled();
    await this.#parts.writer.close();
    await this.#deps.backend.close();
  }
}
