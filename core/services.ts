/**
 * The services every handler and route shares, built once per server.
 *
 * @module
 */
import denoConfig from "../deno.json" with { type: "json" };
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { ChatEngine, chatSettings, HistoryRepository } from "./chat/mod.ts";
import { socialContributor } from "./chat/social_sections.ts";
import { DialogueRepository, DialogueService, dialogueSettings } from "./dialogue/mod.ts";
import { EmotionRepository, EmotionService } from "./emotions/mod.ts";
import { createLlmClient, type LlmClient, loadProviders } from "./llm/mod.ts";
import { timedLlmClient } from "./llm/timed.ts";
import { NO_TELEMETRY, type Telemetry } from "./telemetry.ts";
import { RelationshipRepository, RelationshipService } from "./relationships/mod.ts";
import { JobRunner, runnerSettings, SqlJobRepository } from "./jobs/mod.ts";
import { QuietWork } from "./jobs/quiet_work.ts";
import { createLogger, type Logger } from "./log.ts";
import { createMemoryService, type MemoryService } from "./memory/mod.ts";
import {
  BlockService,
  Mind,
  mindSettings,
  SqlBlockRepository,
  SqlReflectionCounters,
  waitReason,
} from "./mind/mod.ts";
import {
  AssetRepository,
  CharacterService,
  characterSettings,
  type RelationshipSummary,
} from "./characters/mod.ts";
import { BundleService } from "./bundles/mod.ts";
import { LorebookRepository, loreDefaults, LoreService } from "./lore/mod.ts";
import { RoomRepository, RoomService, roomSettings } from "./rooms/mod.ts";
import { type Persona, PersonaRepository, PersonaService, seedPersonas } from "./personas/mod.ts";
import { SavedSessionStore, SessionRegistry, SharedSessionStore } from "./sessions/mod.ts";
import { type Database, openDatabase } from "./storage/mod.ts";
import { type ReadCache, readCacheOver } from "./storage/read_cache.ts";
import { migrationsFor } from "./migrations.ts";

export { MIGRATIONS, migrationsFor } from "./migrations.ts";

/** The server's version, from `deno.json`. */
export const VERSION: string = denoConfig.version;

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

export { databasePath } from "./storage/mod.ts";

/** A persona's relationships, named, as a card export summarises them. */
async function relationshipSummary(
  deps: { relationships: RelationshipService; personas: PersonaService },
  persona: Persona,
): Promise<RelationshipSummary[]> {
  const { relationships, personas } = deps;
  const summaries: RelationshipSummary[] = [];
  for (const r of await relationships.listFor(persona.id)) {
    const other = await personas.find(r.persona1_id === persona.id ? r.persona2_id : r.persona1_id);
    if (!other) continue;
    summaries.push({
      name: other.name,
      relationship_type: r.relationship_type,
      strength: r.strength,
      trust: r.trust,
      affinity: r.affinity,
    });
  }
  return summaries;
}

/** Opens storage, applies migrations, seeds a fresh database and wires the services. */
export async function createServices(
  config: Config,
  options: ServiceOptions = {},
): Promise<Services> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const db = options.database ?? openDatabase(config, { path: options.databasePath });
  try {
    await db.migrate(migrationsFor(config));
  } catch (error) {
    await db.close();
    throw error;
  }
  const personaRepository = new PersonaRepository(db);
  const personas = new PersonaService(personaRepository, clock);
  // With PostgreSQL, REST and Streamable HTTP sessions live in the database: any node resumes them.
  const sessions = new SessionRegistry(() => clock.now(), {
    maxDetached: config.MAX_SESSIONS,
    shared: db.dialect === "postgres" ? new SharedSessionStore(db) : undefined,
  });
  personas.onDelete((persona) => sessions.forgetPersona(persona.id));
  if (config.SEED_PERSONAS) await seedPersonas(personas, personaRepository);
  const telemetry = options.telemetry ?? NO_TELEMETRY;
  if (!options.llm) await loadProviders(config);
  const llm = timedLlmClient(options.llm ?? createLlmClient(config), telemetry);
  const node = config.NODE_ID || crypto.randomUUID().slice(0, 8);
  const memory = createMemoryService({ config, db, clock, log, llm, personas, telemetry, node });
  if (options.prefetchIndexes) void memory.prefetch();
  personas.onDelete((persona) => memory.forgetPersona(persona.id));
  const history = new HistoryRepository(db);
  const quiet = new QuietWork({ log });
  const jobs = new JobRunner({
    repository: new SqlJobRepository(db),
    clock,
    log,
    settings: runnerSettings(config),
    waitReason,
    holdOff: () => Math.max(0, config.LLM_BACKGROUND_QUIET_MS - (llm.quietFor?.() ?? Infinity)),
    hurry: () => void quiet.drain(),
  });
  const blocks = new BlockService({
    repository: new SqlBlockRepository(db),
    clock,
    defaultLimit: config.MEMORY_BLOCK_CHAR_LIMIT,
  });
  const mind = new Mind({
    memory,
    blocks,
    personas,
    llm,
    clock,
    log,
    jobs,
    counters: new SqlReflectionCounters(db),
    settings: mindSettings(config),
    atomically: (work) => db.transaction(work),
    later: (work) => quiet.add("the mind's reaction to stored memories", work),
  });
  memory.onStored((event) => mind.stored(event));
  const relationships = new RelationshipService({
    repository: new RelationshipRepository(db),
    personas,
    clock,
  });
  const emotions = new EmotionService({
    repository: new EmotionRepository(db),
    clock,
    rules: {
      halfLifeMinutes: config.EMOTION_HALF_LIFE_MINUTES,
      energyRegenPerHour: config.SOCIAL_ENERGY_REGEN_PER_HOUR,
      fatigueRecoveryPerHour: config.FATIGUE_RECOVERY_PER_HOUR,
      minSocialEnergy: config.MIN_SOCIAL_ENERGY,
      maxFatigue: config.MAX_FATIGUE,
    },
  });
  const lore = new LoreService({
    repository: new LorebookRepository(db),
    clock,
    defaults: loreDefaults(config),
  });
  const characters = new CharacterService({
    personas,
    assets: new AssetRepository(db),
    lore,
    llm,
    log,
    settings: characterSettings(config),
    atomically: (work) => db.transaction(work),
    relationshipsOf: (persona) => relationshipSummary({ relationships, personas }, persona),
  });
  const rooms = new RoomService({
    repository: new RoomRepository(db),
    personas,
    emotions,
    relationships,
    llm,
    clock,
    log,
    settings: roomSettings(config),
    memory,
    core: blocks,
    lore,
  });
  const chat = new ChatEngine({
    llm,
    personas,
    memory,
    core: blocks,
    history,
    clock,
    log,
    lore,
    foreground: () => quiet.begin(),
    settings: chatSettings(config),
    contributors: [socialContributor({ emotions, relationships, personas })],
  });
  const dialogues = new DialogueService({
    memory,
    core: blocks,
    repository: new DialogueRepository(db),
    personas,
    relationships,
    emotions,
    llm,
    clock,
    log,
    settings: dialogueSettings(config),
  });
  personas.onDelete(async () => {
    await dialogues.endOrphaned();
  });
  return {
    config,
    log,
    clock,
    db,
    readCache: readCacheOver(db),
    personas,
    sessions,
    savedSessions: new SavedSessionStore(db),
    llm,
    history,
    chat,
    relationships,
    emotions,
    dialogues,
    memory,
    jobs,
    quiet,
    blocks,
    mind,
    characters,
    lore,
    rooms,
    bundles: new BundleService({
      personas,
      characters,
      lore,
      memory,
      relationships,
      clock,
      log,
      version: VERSION,
      blocks,
    }),
    version: VERSION,
    lifetime: new AbortController(),
    startedAt: clock.now(),
    node,
    plugins: config.PLUGINS,
  };
}
