/**
 * The shapes of the composition root: the services every handler and route shares
 * ({@linkcode Services}) and the options they are built with ({@linkcode ServiceOptions}), apart
 * from `services.ts` so that file reads as the wiring.
 *
 * @module
 */
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { ChatEngine, HistoryRepository } from "./chat/mod.ts";
import type { DialogueService } from "./dialogue/mod.ts";
import type { EmotionService } from "./emotions/mod.ts";
import type { LlmClient } from "./llm/mod.ts";
import type { Telemetry } from "./telemetry.ts";
import type { RelationshipService } from "./relationships/mod.ts";
import type { JobRunner } from "./jobs/mod.ts";
import type { QuietWork } from "./jobs/quiet_work.ts";
import type { Logger } from "./log.ts";
import type { MemoryService } from "./memory/mod.ts";
import type { BlockService, Mind } from "./mind/mod.ts";
import type { CharacterService } from "./characters/mod.ts";
import type { BundleService } from "./bundles/mod.ts";
import type { LoreService } from "./lore/mod.ts";
import type { RoomService } from "./rooms/mod.ts";
import type { PersonaService } from "./personas/mod.ts";
import type { SavedSessionStore, SessionRegistry } from "./sessions/mod.ts";
import type { Database } from "./storage/mod.ts";
import type { ReadCache } from "./storage/read_cache.ts";

/** Shared services. Handlers see them through their context. */
export interface Services {
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  readonly db: Database;
  /** Values read from the database, kept until it is written (read-mostly figures). */
  readonly readCache: ReadCache;
  readonly personas: PersonaService;
  readonly sessions: SessionRegistry;
  readonly savedSessions: SavedSessionStore;
  /** The language model (Ollama or an OpenAI-compatible server, per LLM_PROVIDER). */
  readonly llm: LlmClient;
  /** Chat history. */
  readonly history: HistoryRepository;
  /** Chats: a user (or client) talking to a persona. */
  readonly chat: ChatEngine;
  /** Relationships between personas. */
  readonly relationships: RelationshipService;
  /** Emotional and interaction state of personas. */
  readonly emotions: EmotionService;
  /** Dialogues: personas talking to each other (the wire's `conversation.*` methods). */
  readonly dialogues: DialogueService;
  /** Long-term memory (also what chats and dialogues remember through, `ChatMemory`). */
  readonly memory: MemoryService;
  /** Background jobs (fact extraction, reflection); started with the server. */
  readonly jobs: JobRunner;
  /** Follow-up work of replies (the mind's reactions), run while no chat is preparing one. */
  readonly quiet: QuietWork;
  /** Core memory blocks, always in a persona's prompt. */
  readonly blocks: BlockService;
  /** A persona's mind: queues fact extraction and reflection as memories are stored. */
  readonly mind: Mind;
  /** Character Cards in and out. */
  readonly characters: CharacterService;
  /** Lorebooks. */
  readonly lore: LoreService;
  /** Group chats of the user with personas. */
  readonly rooms: RoomService;
  /** Persona bundles (export and import). */
  readonly bundles: BundleService;
  readonly version: string;
  /** Aborted when the server stops: every request in flight is cancelled with it. */
  readonly lifetime: AbortController;
  /** Epoch ms when the services started. */
  readonly startedAt: number;
  /** This node's name among the nodes sharing the database (NODE_ID, or a random one). */
  readonly node: string;
  /** Names of the enabled plugins. */
  readonly plugins: readonly string[];
}

/** Options for {@linkcode createServices}. */
export interface ServiceOptions {
  log?: Logger;
  clock?: Clock;
  /** SQLite file path; by default `DATA_DIR/persona.db` (`:memory:` for unit tests). */
  databasePath?: string;
  /** An open database to use instead of the one the settings name (tests on PostgreSQL). */
  database?: Database;
  /**
   * No other process will ever write the SQLite file (a simulation's private temporary
   * database): other connections' commits are never looked for (`SqliteOptions.soleWriter`).
   */
  soleWriter?: boolean;
  /** The language model; by default the client the settings ask for (the simulation passes
   * its scripted model here). */
  llm?: LlmClient;
  /** Where the model's and memory search's timings go (the server's metrics); none by default. */
  telemetry?: Telemetry;
  /**
   * Start reading the largest persona's search indexes off the event loop as soon as the memory
   * service exists (`MemoryService.prefetch`): for a server, whose warm-up loads them once it
   * listens; not for a stdio instance, which does not warm up.
   */
  prefetchIndexes?: boolean;
}
