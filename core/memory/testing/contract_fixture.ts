/**
 * Test support for the memory contract suite: a memory service over a given backend, with a
 * manual clock and two personas (Aria and Kira). Test code only (imported by `*_test.ts`).
 *
 * @module
 */
import { ManualClock } from "../../clock.ts";
import { createLogger } from "../../log.ts";
import {
  type Persona,
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../../personas/mod.ts";
import { type Database, SqliteDatabase, storageMigrations } from "../../storage/mod.ts";
import type { MemoryBackend } from "../backend.ts";
import { type Embedder, hashedFeatures, LocalEmbedder } from "../embedder.ts";
import { PurgeQueue } from "../purges.ts";
import { MemoryInput } from "../schema.ts";
import { MemoryService } from "../service.ts";
import type { MemoryServiceDeps, MemorySettings } from "../service_deps.ts";
import { memoryMigrationsFor } from "../mod.ts";

/** Another embedder for tests of embedder changes: hashed word features of `dimensions`. */
export class HashedTestEmbedder implements Embedder {
  readonly id: string;
  readonly #dimensions: number;

  constructor(dimensions: number) {
    this.#dimensions = dimensions;
    this.id = `hashed-test-${dimensions}`;
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((text) => hashedFeatures(text, this.#dimensions)));
  }
}

/** Makes the backend under test over the fixture's database. */
export type BackendFactory = (db: Database) => MemoryBackend | Promise<MemoryBackend>;

/**
 * Default settings of the suite. Floor, auto-pruning, threshold and target are the production
 * defaults; the decay mode is `linear` (production: `access_based`), whose formula the cases'
 * expected values follow, and the interval 1 h (production: 6 h; no case waits for the
 * schedule).
 */
export const CONTRACT_SETTINGS: MemorySettings = {
  decayMode: "linear",
  decayFloor: 0.1,
  decayIntervalMs: 3_600_000,
  autoPrune: true,
  pruneThreshold: 900,
  pruneTarget: 800,
};

/** What may differ in a reopened service. */
export interface ReopenOptions {
  embedder?: Embedder;
  settings?: Partial<MemorySettings>;
  /** The new service's backend (a wrapper of the fixture's, say); a new one by default. */
  backend?: MemoryBackend;
}

/** A memory service ready for one contract case. */
export interface MemoryFixture {
  db: Database;
  clock: ManualClock;
  personas: PersonaService;
  backend: MemoryBackend;
  memory: MemoryService;
  aria: Persona;
  kira: Persona;
  /** A new service and backend over the same storage (as after a restart), optionally changed. */
  reopen(options?: ReopenOptions): Promise<MemoryService>;
  /**
   * A new backend over the same storage, as after a restart (what the running one keeps for
   * later written first): for {@linkcode reopen}'s `backend`, when a case asks it directly.
   */
  restarted(): Promise<MemoryBackend>;
  close(): Promise<void>;
}

/**
 * Builds a fixture over `options.database` (closed with the fixture), else a SQLite database at
 * `options.path` (in memory by default).
 */
export async function memoryFixture(
  factory: BackendFactory,
  options: {
    settings?: Partial<MemorySettings>;
    path?: string;
    database?: Database;
    /** Adds pgvector's column (PostgreSQL databases). */
    pgvector?: boolean;
    /** The service's embedder (default the local one). */
    embedder?: Embedder;
    /** Finds the quiet moment of a chat's preparation (`quiet_prep.ts`; tests fire it). */
    whenQuiet?: MemoryServiceDeps["whenQuiet"];
  } = {},
): Promise<MemoryFixture> {
  const db = options.database ?? new SqliteDatabase(options.path ?? ":memory:");
  await db.migrate([
    ...storageMigrations,
    ...personaMigrations,
    ...memoryMigrationsFor({ MEMORY_BACKEND: options.pgvector ? "pgvector" : "sqlite" }),
  ]);
  const clock = new ManualClock(Date.UTC(2026, 5, 1));
  const personas = new PersonaService(new PersonaRepository(db), clock);
  const backend = await factory(db);
  const log = createLogger("error", { write: () => {} });
  const settings = { ...CONTRACT_SETTINGS, ...options.settings };
  const make = (over: ReopenOptions & { backend?: MemoryBackend } = {}) =>
    new MemoryService({
      backend: over.backend ?? backend,
      embedder: over.embedder ?? options.embedder ?? new LocalEmbedder(),
      personas,
      clock,
      log,
      purges: new PurgeQueue(db),
      settings: { ...settings, ...over.settings },
      whenQuiet: options.whenQuiet,
    });
  const restarted = async () => {
    // As at a restart: what the running backend keeps for later is written first.
    await backend.flush?.();
    return await factory(db);
  };
  const memory = make();
  personas.onDelete((persona) => memory.forgetPersona(persona.id));
  const aria = await personas.create(PersonaCreate.parse({
    name: "Aria",
    topic_preferences: { music: 95, magic: 80, politics: 5 },
  }));
  const kira = await personas.create(PersonaCreate.parse({ name: "Kira" }));
  return {
    db,
    clock,
    personas,
    backend,
    memory,
    aria,
    kira,
    reopen: async (over = {}) => make({ ...over, backend: over.backend ?? await restarted() }),
    restarted,
    async close() {
      await memory.close();
      await db.close();
    },
  };
}

/** Parses a memory input the way `memory.store` does (defaults filled in). */
export function input(fields: Record<string, unknown>): MemoryInput {
  return MemoryInput.parse(fields);
}

/** ISO time `days` before the fixture clock's now. */
export function daysAgo(clock: ManualClock, days: number): string {
  return new Date(clock.now() - days * 86_400_000).toISOString();
}

/** Remembers a chat exchange in which `user-1` tells the fixture's Aria `message` (no room). */
export function chatExchange(fixture: Pick<MemoryFixture, "memory" | "aria">, message: string) {
  return fixture.memory.rememberExchange({
    persona: fixture.aria,
    sender: "user-1",
    roomId: null,
    message,
    response: "How lovely!",
  });
}

/** Remembers a turn of dialogue `d1` (no topic) in which Aria says `content` and Kira hears it. */
export function dialogueTurn(
  fixture: Pick<MemoryFixture, "memory" | "aria" | "kira">,
  content: string,
) {
  return fixture.memory.rememberTurn({
    dialogueId: "d1",
    speaker: fixture.aria,
    listeners: [fixture.kira],
    content,
    topic: null,
    quality: 0.5,
  });
}
