/**
 * Writes to long-term memory: stores (links to superseded and source memories checked per
 * persona, one insert, listeners told), corrections, deletions, added sources and re-embedding,
 * for the memory service.
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import { NotFound } from "../errors.ts";
import type { Persona } from "../personas/mod.ts";
import { InsertBatcher } from "./insert_batch.ts";
import type { MemoryBackend } from "./backend.ts";
import type { Embedder } from "./embedder.ts";
import type { StoredEvent, StoreListeners, StoreOptions } from "./events.ts";
import { MemoryLinks } from "./links.ts";
import { creationTime, newRecord } from "./records.ts";
import { reindexMemories, type ReindexOptions, type ReindexResult } from "./memory_reindex.ts";
import type { MemoryInput, MemoryPatch, MemoryRecord } from "./schema.ts";
import { embedTexts } from "./memory_embedding.ts";
import { PersonaWriteLocks } from "./persona_write_locks.ts";
import { refuseCycle } from "./supersede_cycles.ts";
import { echoedId } from "./echoed_id.ts";
import { type MemoryLinksToRestore, restoreLinks } from "./restore_links.ts";
import { prepareStored } from "./memory_prep.ts";
import { QuietPreparation } from "./quiet_prep.ts";
import { keepReferents, resolveReferents } from "./kept_referents.ts";
import { applyPatch, checkedPatch, refuseSelfSupersede } from "./memory_patch.ts";
import type { QuietWatch } from "../storage/quiet_moment.ts";

/** Most sources one memory lists. */
export const MAX_SOURCE_IDS = 32;

/** Stores, corrects and deletes memories. */
export class MemoryWriter {
  /** The embedder new memories use. */
  readonly embedderId: string;
  readonly #deps: { backend: MemoryBackend; embedder: Embedder; clock: Clock };
  readonly #inserts: InsertBatcher;
  readonly #links: MemoryLinks;
  readonly #listeners: StoreListeners;
  /** Link-changing updates, one at a time per persona. */
  readonly #linkWrites: PersonaWriteLocks;
  /** Stores whose preparation waits for a quiet moment (`StoreOptions.prepare`). */
  readonly #later: QuietPreparation;

  /** A writer to `deps.backend`, telling `deps.listeners` of stores. */
  constructor(
    deps: {
      backend: MemoryBackend;
      embedder: Embedder;
      clock: Clock;
      listeners: StoreListeners;
      /** Finds the quiet moment of `StoreOptions.prepare: "quiet"` (`quiet_prep.ts`). */
      whenQuiet?: (watch: QuietWatch) => () => void;
    },
  ) {
    this.#deps = deps;
    this.#later = new QuietPreparation({
      words: () => deps.embedder.wordVectors?.(),
      activity: () => deps.backend.activity ?? 0,
      whenQuiet: deps.whenQuiet,
    });
    this.embedderId = deps.embedder.id;
    this.#inserts = new InsertBatcher(deps.backend);
    this.#links = new MemoryLinks(deps.backend);
    this.#linkWrites = new PersonaWriteLocks(deps.backend);
    this.#listeners = deps.listeners;
  }

  #embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return embedTexts(this.#deps.embedder, texts, signal);
  }

  /** Stores `items` (in one insert); `field` names item i's created_at in errors. */
  async storeAll(
    items: ReadonlyArray<{ persona: Persona; input: MemoryInput; sender?: string | null }>,
    options: StoreOptions & { field: (index: number) => string },
  ): Promise<MemoryRecord[]> {
    const now = this.#deps.clock.now();
    const records = items.map(({ persona, input }, i) => {
      const createdAt = creationTime(input, now, options.field(i));
      // A given id is one memory's (`store`): several stored at once get new ones.
      const id = items.length === 1 ? options.id : undefined;
      return newRecord(persona, input, { createdAt, embedder: this.embedderId, id });
    });
    // A dialogue turn stores for several personas at once: links are checked per persona.
    const byPersona = new Map<string, { persona: Persona; records: MemoryRecord[] }>();
    records.forEach((record, i) => {
      const persona = items[i]!.persona;
      const group = byPersona.get(persona.id) ?? { persona, records: [] };
      group.records.push(record);
      byPersona.set(persona.id, group);
    });
    const superseding: string[] = [];
    for (const { persona, records: own } of byPersona.values()) {
      const replaces = own.flatMap((r) => r.supersedes);
      // Checked before the embedding (a model call) so that a bad link costs nothing.
      await this.#links.owned(persona.id, replaces, { field: "supersedes", action: "supersede" });
      if (replaces.length > 0) superseding.push(persona.id);
      await this.#links.owned(persona.id, own.flatMap((r) => r.source_ids), {
        field: "source_ids",
        action: "cite",
      });
    }
    // Read before the insert: the memory before each is then one stored before it.
    const referents = await resolveReferents(this.#deps.backend, records);
    const vectors = await this.#embed(records.map((record) => record.content), options.signal);
    const rows = records.map((record, i) => ({ record, vector: vectors[i] }));
    if (superseding.length === 0) await this.#inserts.insert(rows);
    else {
      // Marking the replaced memories rewrites them: under their persona's lock, read afresh,
      // so that an update or a delete of one meanwhile is neither undone nor brought back.
      await this.#underLocks(superseding, async () => {
        const replaced: MemoryRecord[] = [];
        for (const personaId of superseding) {
          const replaces = byPersona.get(personaId)!.records.flatMap((r) => r.supersedes);
          replaced.push(
            ...await this.#links.owned(personaId, replaces, {
              field: "supersedes",
              action: "supersede",
            }),
          );
        }
        await this.#inserts.insert(rows);
        await this.#links.markSuperseded(records, replaced);
      });
    }
    await keepReferents(this.#deps.backend, referents);
    if (options.prepare === "quiet") this.#later.add(records);
    else await this.#prepare(records);
    // Told per persona; an item with a sender of its own (one of several chats' exchanges
    // stored at once) alone, as its chat's own store told it: the mind counts a chat an event.
    const told = new Map<string, StoredEvent & { records: MemoryRecord[] }>();
    records.forEach((record, i) => {
      const { persona, sender = options.sender } = items[i]!;
      const key = items[i]!.sender === undefined ? persona.id : `\n${i}`;
      const { origin = "client", thread } = options;
      if (!told.has(key)) told.set(key, { persona, records: [], origin, sender, thread });
      told.get(key)!.records.push(record);
    });
    for (const event of told.values()) await this.#listeners.emit(event);
    return records;
  }

  /**
   * Works out what every search asks of a candidate's text for `records`, just written
   * (`memory_prep.ts`), which a search soon after would do for each it finds. The facts are
   * remembered by text: a write that keeps a memory's text leaves them true. A failure is
   * dropped: the write is done, and a search meets the same failure and answers for it.
   */
  async #prepare(records: readonly MemoryRecord[]): Promise<void> {
    try {
      prepareStored(records, await this.#deps.embedder.wordVectors?.());
    } catch { /* see above */ }
  }

  /** Runs `work` holding the write locks of `personaIds` (`persona_write_locks.ts`). */
  #underLocks<T>(personaIds: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.#linkWrites.run(personaIds, work);
  }

  /** The memory with `id`; throws {@linkcode NotFound}. */
  async get(id: string): Promise<MemoryRecord> {
    const record = await this.#deps.backend.get(id);
    if (!record) {
      throw new NotFound(`Cannot find memory "${echoedId(id)}": no memory has this id`, {
        memory_id: echoedId(id),
      });
    }
    return record;
  }

  /** Corrects a memory: new content is re-embedded; a new importance restarts its decay. */
  async update(id: string, patch: MemoryPatch, signal?: AbortSignal): Promise<MemoryRecord> {
    patch = checkedPatch(id, patch);
    const current = await this.get(id);
    refuseSelfSupersede(id, patch);
    // New content is embedded first (a model call): no lock is held while the model works.
    const vector = patch.content === undefined
      ? undefined
      : (await this.#embed([patch.content], signal))[0];
    // One persona's writes that read and rewrite whole records (updates, link changes,
    // deletes, sources) one at a time, each reading what the one before wrote: two at once
    // could each pass the cycle check and together close a cycle ("c supersedes d" and "d
    // supersedes c"), or one save a record read before the other's link or content change
    // (on PostgreSQL storage, across nodes too: the backend's lock).
    const updated = await this.#underLocks([current.persona_id], async () => {
      const fresh = await this.get(id);
      if (patch.supersedes === undefined && patch.superseded_by === undefined) {
        return await this.#apply(fresh, patch, [], vector);
      }
      const replaced = await this.#links.owned(fresh.persona_id, patch.supersedes ?? [], {
        field: "supersedes",
        action: "supersede",
      });
      // A memory made current again is superseded by nothing: no cycle can go through it.
      if (patch.superseded_by !== null) await refuseCycle(this.#deps.backend, fresh, replaced);
      return await this.#apply(fresh, patch, replaced, vector);
    });
    // Outside the lock: the persona's next write need not wait for it.
    if (patch.content !== undefined) await this.#prepare([updated]);
    return updated;
  }

  /** Writes `patch` to `current` (`vector`: its new content's), which then supersedes `replaced` too. */
  #apply(
    current: MemoryRecord,
    patch: MemoryPatch,
    replaced: MemoryRecord[],
    vector: Float32Array | undefined,
  ): Promise<MemoryRecord> {
    const { backend, clock } = this.#deps;
    const targets = { backend, clock, links: this.#links, embedderId: this.embedderId };
    return applyPatch({ ...targets, get: (id) => this.get(id) }, {
      current,
      patch,
      replaced,
      vector,
    });
  }

  /**
   * Deletes a memory; returns it as it was. The memories it superseded are current again, and
   * the one that superseded it no longer lists it.
   */
  async delete(id: string): Promise<MemoryRecord> {
    const { persona_id } = await this.get(id);
    return await this.#underLocks([persona_id], async () => {
      const record = await this.get(id);
      await this.#deps.backend.delete([id]);
      await this.#links.forget(record);
      return record;
    });
  }

  /**
   * Adds `sourceIds` (memories of the same persona) to what memory `id` was drawn from; the
   * newest {@linkcode MAX_SOURCE_IDS} are kept.
   */
  async addSources(id: string, sourceIds: readonly string[]): Promise<MemoryRecord> {
    const { persona_id } = await this.get(id);
    return await this.#underLocks([persona_id], async () => {
      const current = await this.get(id);
      await this.#links.owned(persona_id, sourceIds, { field: "source_ids", action: "cite" });
      const merged = [...new Set([...current.source_ids, ...sourceIds])].slice(-MAX_SOURCE_IDS);
      const next = { ...current, source_ids: merged };
      await this.#deps.backend.save([{ record: next }]);
      return next;
    });
  }

  /**
   * Adds already checked links between memories of `personaId` (a bundle's) in chunks, a
   * macrotask between them (`restore_links.ts`); returns how many memories were saved.
   */
  restoreLinks(personaId: string, links: readonly MemoryLinksToRestore[]): Promise<number> {
    return restoreLinks(
      {
        backend: this.#deps.backend,
        underLocks: (personaIds, work) => this.#underLocks(personaIds, work),
        maxSources: MAX_SOURCE_IDS,
      },
      personaId,
      links,
    );
  }

  /** Re-embeds the persona's memories made by another embedder (`memory_reindex.ts`). */
  reindex(persona: Persona, options: ReindexOptions = {}): Promise<ReindexResult> {
    return reindexMemories(
      {
        backend: this.#deps.backend,
        embedderId: this.embedderId,
        embed: (texts, signal) => this.#embed(texts, signal),
        underLocks: (personaIds, work) => this.#underLocks(personaIds, work),
      },
      persona,
      options,
    );
  }

  /** Resolves when the inserts under way are written. */
  settled(): Promise<void> {
    return this.#inserts.settled();
  }

  /** Stops the preparation waiting for a quiet moment (what waits is left to the searches). */
  close(): Promise<void> {
    return this.#later.close();
  }
}
