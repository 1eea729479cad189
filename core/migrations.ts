/**
 * Every table of the server, in dependency order: each module owns its migrations, and this
 * list says in which order they run (personas first: others reference them).
 *
 * @module
 */
import type { Config } from "./config.ts";
import { historyMigrations } from "./chat/mod.ts";
import { characterMigrations } from "./characters/mod.ts";
import { dialogueMigrations } from "./dialogue/mod.ts";
import { emotionMigrations } from "./emotions/mod.ts";
import { jobMigrations } from "./jobs/mod.ts";
import { loreMigrations } from "./lore/mod.ts";
import { memoryMigrationsFor } from "./memory/mod.ts";
import { blockMigrations, reflectionMigrations } from "./mind/mod.ts";
import { personaMigrations } from "./personas/mod.ts";
import { relationshipMigrations } from "./relationships/mod.ts";
import { roomMigrations } from "./rooms/mod.ts";
import { savedSessionMigrations, sharedSessionMigrations } from "./sessions/mod.ts";
import { type Migration, storageMigrations } from "./storage/mod.ts";
import { readCacheMigrations } from "./storage/read_cache.ts";
import { taskMigrations } from "./tasks/mod.ts";

/** Every table, in dependency order (personas first: others reference them). */
export const MIGRATIONS: readonly Migration[] = [
  ...storageMigrations,
  ...personaMigrations,
  ...characterMigrations,
  ...roomMigrations,
  ...loreMigrations,
  ...savedSessionMigrations,
  ...sharedSessionMigrations,
  ...historyMigrations,
  ...relationshipMigrations,
  ...emotionMigrations,
  ...dialogueMigrations,
  ...jobMigrations,
  ...blockMigrations,
  ...reflectionMigrations,
  ...readCacheMigrations,
  ...taskMigrations,
];

/** Every table `config` needs, in dependency order (memory's depend on MEMORY_BACKEND). */
export function migrationsFor(config: Config): Migration[] {
  return [...MIGRATIONS, ...memoryMigrationsFor(config)];
}
