/**
 * What the memory service (`service.ts`) is built from, and its settings: one place for the
 * composition root and the test fixtures to fill in.
 *
 * @module
 */
import type { Telemetry } from "../telemetry.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import type { PersonaService } from "../personas/mod.ts";
import type { MemoryBackend } from "./backend.ts";
import type { DecaySettings, PeriodClaim } from "./decay_runner.ts";
import type { Embedder } from "./embedder.ts";
import type { PruneSettings } from "./pruner.ts";
import type { PurgeQueue } from "./purges.ts";
import type { QuietWatch } from "../storage/quiet_moment.ts";

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
  /**
   * Finds the quiet moment at which a chat's or a dialogue's stored memories are prepared
   * (`quiet_prep.ts`; default `quiet_moment.ts`'s `whenQuiet`).
   */
  whenQuiet?: (watch: QuietWatch) => () => void;
  /**
   * Runs follow-up work at the process's next quiet moment (the server's `QuietWork.add`): when
   * chats' exchanges are stored (`write_behind.ts`; a timer of its own when not given).
   */
  later?: (work: () => Promise<void>, since: number) => unknown;
  /**
   * Other processes read these memories at once (PostgreSQL): chats' exchanges are stored
   * before the reply (`write_behind.ts`'s `sharedStore`).
   */
  sharedStore?: boolean;
}
