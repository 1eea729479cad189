/**
 * The services every handler and route shares, built once per server.
 *
 * @module
 */
import denoConfig from "../deno.json" with { type: "json" };
import { systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { ChatEngine, chatSettings, HistoryRepository } from "./chat/mod.ts";
import { socialContributor } from "./chat/social_sections.ts";
import { DialogueRepository, DialogueService, dialogueSettings } from "./dialogue/mod.ts";
import { EmotionRepository, EmotionService } from "./emotions/mod.ts";
import { createLlmClient, loadProviders } from "./llm/mod.ts";
import { timedLlmClient } from "./llm/timed.ts";
import { NO_TELEMETRY } from "./telemetry.ts";
import { RelationshipRepository, RelationshipService } from "./relationships/mod.ts";
import { JobRunner, runnerSettings, SqlJobRepository } from "./jobs/mod.ts";
import { QuietWork } from "./jobs/quiet_work.ts";
import { createLogger } from "./log.ts";
import { createMemoryService } from "./memory/mod.ts";
import {
  BlockService,
  Mind,
  mindSettings,
  SqlBlockRepository,
  SqlReflectionCounters,
  waitReason,
} from "./mind/mod.ts";
import { AssetRepository, CharacterService, characterSettings } from "./characters/mod.ts";
import { BundleService } from "./bundles/mod.ts";
import { LorebookRepository, loreDefaults, LoreService } from "./lore/mod.ts";
import { RoomRepository, RoomService, roomSettings, roundClaimsFor } from "./rooms/mod.ts";
import { PersonaRepository, PersonaService, seedPersonas } from "./personas/mod.ts";
import { SavedSessionStore, SessionRegistry, SharedSessionStore } from "./sessions/mod.ts";
import { databasePath, openDatabase, redactedUrl, relayFor } from "./storage/mod.ts";
import { readCacheOver } from "./storage/read_cache.ts";
import { emptyCopyWarning } from "./storage/backup.ts";
import { migrationsFor } from "./migrations.ts";
import { checkSchemaKnown } from "./schema_guard.ts";
import type { ServiceOptions, Services } from "./services_types.ts";
import { relationshipSummary } from "./relationship_summary.ts";

export { MIGRATIONS, migrationsFor } from "./migrations.ts";
export type { ServiceOptions, Services } from "./services_types.ts";

/** The server's version, from `deno.json`. */
export const VERSION: string = denoConfig.version;

export { databasePath } from "./storage/mod.ts";

/** Opens storage, applies migrations, seeds a fresh database and wires the services. */
export async function createServices(
  config: Config,
  options: ServiceOptions = {},
): Promise<Services> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  if (!options.database && config.STORAGE !== "postgres") {
    // Before it is opened (which makes a -wal): a copy of a running server's file alone is empty.
    const warning = emptyCopyWarning(options.databasePath ?? databasePath(config));
    if (warning) log.warn(warning);
  }
  const db = options.database ??
    openDatabase(config, { path: options.databasePath, soleWriter: options.soleWriter, log });
  try {
    await checkSchemaKnown(db, {
      where: db.dialect === "postgres"
        ? redactedUrl(config.DATABASE_URL)
        : options.databasePath ?? databasePath(config),
      allow: config.ALLOW_NEWER_DATABASE,
      log,
    });
    await db.migrate(migrationsFor(config));
  } catch (error) {
    await db.close();
    throw error;
  }
  const personaRepository = new PersonaRepository(db);
  const node = config.NODE_ID || crypto.randomUUID().slice(0, 8);
  const personas = new PersonaService(personaRepository, clock, { node });
  // With PostgreSQL, REST and Streamable HTTP sessions live in the database: any node resumes them,
  // and their idleness is judged by the database's clock (a node's own may be ahead or behind).
  const sessions = new SessionRegistry(() => clock.now(), {
    maxDetached: config.MAX_SESSIONS,
    shared: db.dialect === "postgres"
      ? new SharedSessionStore(db, { databaseClock: () => clock.now() })
      : undefined,
  });
  personas.onDelete((persona) => sessions.forgetPersona(persona.id));
  for (const rename of await personas.normalizeStoredNames()) {
    log.warn("Persona name rewritten to Unicode NFC", rename);
  }
  if (config.SEED_PERSONAS) await seedPersonas(personas, personaRepository);
  const telemetry = options.telemetry ?? NO_TELEMETRY;
  if (!options.llm) await loadProviders(config);
  const llm = timedLlmClient(options.llm ?? createLlmClient(config), telemetry);
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
  // Storing chats' exchanges is follow-up work (`core/memory/write_behind.ts`); it tells the
  // mind, whose jobs a read of the job queue must not miss.
  const later = (work: () => Promise<void>, since: number) =>
    jobs.track(quiet.add("storing chats' exchanges", work, since));
  const memoryParts = { config, db, clock, log, llm, personas, telemetry, node, later };
  const memory = createMemoryService(memoryParts);
  if (options.prefetchIndexes) void memory.prefetch();
  personas.onDelete((persona) => memory.forgetPersona(persona.id));
  // A write the killed process sent may land after that purge: purged again on the next cycle.
  personas.onImportCutOff((persona) => memory.purgeAgain(persona.id));
  const history = new HistoryRepository(db);
  const blockRows = new SqlBlockRepository(db);
  // A deleted persona's blocks go with it (a cascade the repository does not see).
  personas.onDelete(() => blockRows.changed());
  const blocks = new BlockService({
    repository: blockRows,
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
    later: (work, since) => quiet.add("the mind's reaction to stored memories", work, since),
  });
  memory.onStored((event) => mind.stored(event));
  const relationships = new RelationshipService({
    repository: new RelationshipRepository(db),
    personas,
    clock,
  });
  const emotionStates = new EmotionRepository(db);
  // A deleted persona's state row goes with it (a cascade the repository does not see).
  personas.onDelete(() => emotionStates.changed());
  const emotions = new EmotionService({
    repository: emotionStates,
    clock,
    rules: {
      halfLifeMinutes: config.EMOTION_HALF_LIFE_MINUTES,
      energyRegenPerHour: config.SOCIAL_ENERGY_REGEN_PER_HOUR,
      fatigueRecoveryPerHour: config.FATIGUE_RECOVERY_PER_HOUR,
      minSocialEnergy: config.MIN_SOCIAL_ENERGY,
      maxFatigue: config.MAX_FATIGUE,
    },
  });
  const lorebooks = new LorebookRepository(db);
  // A deleted persona's own book goes with it, from other personas' and rooms' books in play too.
  personas.onDelete(() => lorebooks.inPlay.changed());
  const lore = new LoreService({
    repository: lorebooks,
    clock,
    defaults: loreDefaults(config),
  });
  // A discarded import's shared lorebooks go with it (a card's own book goes with the persona).
  personas.onDiscardImport((persona) => lore.discardImportedBooks(persona.id).then(() => {}));
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
  // Aborted when the server stops (`closeServices`): calls in flight and waiting work end.
  const lifetime = new AbortController();
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
    relay: relayFor(db),
    rounds: roundClaimsFor(db, config),
    lifetime: lifetime.signal,
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
  // Every delete hook is in: imports a crash cut off go with everything written for them.
  for (
    const persona of await personas.discardUnfinishedImports({ shared: db.dialect === "postgres" })
  ) {
    log.warn("Deleted a persona whose import was cut off", {
      persona_id: persona.id,
      name: persona.name,
    });
  }
  // Lines of room rounds a crash cut off (pending, seen by no reader: core/rooms/round_writes.ts).
  const cutLines = await rooms.removeCutRounds();
  if (cutLines > 0) log.warn("Removed the lines of room rounds cut off", { lines: cutLines });
  return {
    config,
    log,
    clock,
    db,
    readCache: readCacheOver(db),
    personas,
    sessions,
    savedSessions: new SavedSessionStore(db, { maxStates: config.MAX_SAVED_STATES }),
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
    lifetime,
    startedAt: clock.now(),
    node,
    plugins: config.PLUGINS,
  };
}
