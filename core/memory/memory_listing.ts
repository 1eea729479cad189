/**
 * Reading a persona's memories as they are stored, with no ranking and no access counted: its
 * pages newest first, its newest, one by id, how many, and the statistics. Each read that a
 * chat's queued exchange could change passes the write-behind's barrier first
 * (`WriteBehind.after`), so `memory.list` or `memory.get_stats` right after a chat sees it.
 *
 * @module
 */
import type { Persona, PersonaService } from "../personas/mod.ts";
import type { MemoryBackend } from "./backend.ts";
import type { PageQuery } from "./backend_reads.ts";
import type { MemoryRecord } from "./schema.ts";
import type { PersonaMemoryStats, SharedStats } from "./stats.ts";
import { readPersonaStats, readSharedStats } from "./stats_reads.ts";
import type { WriteBehind } from "./write_behind.ts";

/** A page of a persona's memories, as `memory.list` answers it. */
export interface ListedPage {
  memories: MemoryRecord[];
  total: number;
  more: boolean;
  next?: string;
}

/** What {@linkcode MemoryListing} reads from. */
export interface MemoryListingDeps {
  backend: MemoryBackend;
  personas: PersonaService;
  /** The embedder whose embeddings the statistics count as current. */
  embedderId: string;
  /** The chats' exchanges stored after their replies, settled before a read. */
  behind: Pick<WriteBehind, "after" | "settle">;
}

/** Lists, counts and describes memories for the memory service. */
export class MemoryListing {
  readonly #deps: MemoryListingDeps;

  /** Reads through `deps.backend`, behind `deps.behind`'s barrier. */
  constructor(deps: MemoryListingDeps) {
    this.#deps = deps;
  }

  /** A persona's memories, newest first, a page at a time. */
  async list(persona: Persona, options: PageQuery): Promise<ListedPage> {
    await this.#deps.behind.settle(persona.id);
    const page = await this.#deps.backend.page(persona.id, options);
    return { memories: page.records, total: page.total, more: page.more, next: page.next };
  }

  /** The memory with `id`, if there is one. */
  find(id: string): Promise<MemoryRecord | undefined> {
    return this.#deps.backend.get(id);
  }

  /** The persona's newest memories, newest first. */
  async recent(persona: Persona, options: { limit: number }): Promise<MemoryRecord[]> {
    return (await this.#deps.backend.page(persona.id, { limit: options.limit, offset: 0 }))
      .records;
  }

  /** `memory.get_stats` for `persona`. */
  stats(persona: Persona): Promise<PersonaMemoryStats> {
    const { backend, embedderId } = this.#deps;
    return this.#deps.behind.after(
      persona.id,
      () => readPersonaStats(backend, persona.id, embedderId),
    );
  }

  /** How many memories `persona` has. */
  count(persona: Persona): Promise<number> {
    return this.#deps.behind.after(persona.id, () => this.#deps.backend.count(persona.id));
  }

  /** `memory.shared_stats`. */
  sharedStats(): Promise<SharedStats> {
    return readSharedStats(this.#deps);
  }
}
