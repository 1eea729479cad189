/**
 * A mind whose jobs are queued and never run (its runner is not started), on a fresh
 * {@linkcode mindDatabase}: the set-up the mind's reaction tests share.
 *
 * @module
 */
import { systemClock } from "../../clock.ts";
import { loadConfig } from "../../config.ts";
import { JobRunner, runnerSettings, SqlJobRepository } from "../../jobs/mod.ts";
import { createLogger, type Logger } from "../../log.ts";
import type { Persona } from "../../personas/mod.ts";
import type { SqliteDatabase } from "../../storage/mod.ts";
import type { MindDeps, MindSettings } from "../context.ts";
import { Mind, type MindParts } from "../mind.ts";
import { SqlReflectionCounters } from "../reflection_repository.ts";
import { mindDatabase } from "./mind_database.ts";

/** Every job kind on, no delay, no model of its own (the default `m`). */
export const QUEUED_MIND_SETTINGS: MindSettings = {
  extraction: true,
  extractionDelayMs: 0,
  supersession: true,
  reflection: true,
  reflectionThreshold: 100,
  blockUpdates: false,
  model: "",
  defaultModel: "m",
};

/** What {@linkcode queuedMind} builds on: all optional. */
export interface QueuedMindOptions {
  /** Settings over {@linkcode QUEUED_MIND_SETTINGS}. */
  settings?: Partial<MindSettings>;
  /** The mind's log (quiet when not given). */
  log?: Logger;
  /** Handed to the mind as is. */
  later?: MindParts["later"];
  /** Runs the mind's transaction on `db` (`db.transaction` when not given). */
  atomically?: (db: SqliteDatabase) => MindParts["atomically"];
}

/**
 * A mind for `persona` whose jobs are queued, never run: what the jobs would use (model, memory)
 * is not given. Its database, runner and reflection counters are returned to watch or wrap.
 */
export async function queuedMind(persona: Persona, options: QueuedMindOptions = {}) {
  const quiet = createLogger("error", { write: () => {} });
  const db = await mindDatabase(persona);
  const jobs = new JobRunner({
    repository: new SqlJobRepository(db),
    clock: systemClock,
    log: quiet,
    settings: runnerSettings(loadConfig({ env: {}, dotenv: "" })),
  });
  const counters = new SqlReflectionCounters(db);
  const mind = new Mind({
    ...({} as Omit<MindDeps, "log" | "clock" | "settings">),
    clock: systemClock,
    log: options.log ?? quiet,
    jobs,
    counters,
    settings: { ...QUEUED_MIND_SETTINGS, ...options.settings },
    later: options.later,
    atomically: options.atomically?.(db) ?? ((work) => db.transaction(work)),
  });
  return { db, jobs, counters, mind };
}
