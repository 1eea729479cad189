/**
 * The options of `SqliteDatabase` (`sqlite.ts`).
 *
 * @module
 */
import type { Logger } from "../log.ts";
import type { QuietWatch } from "./quiet_moment.ts";
import type { WalCheckpointer } from "./wal_checkpointer.ts";

/** Options of `SqliteDatabase`. */
export interface SqliteOptions {
  /**
   * Checkpoint the WAL on a worker thread instead of inside the commits of this connection
   * (`wal_checkpointer.ts`); the server opens its file so. Ignored for `:memory:`. The worker is
   * started on its first use (`checkpointer_start.ts`): at a quiet moment once the WAL file holds
   * `CHECKPOINTER_START_FRAMES` pages (looked at every `CHECKPOINTER_START_CHECK_MS`, and every
   * `CHECKPOINTER_START_CHECK_WRITES` writes), in the write that finds
   * `CHECKPOINTER_START_NOW_FRAMES`, or by the first read aside; at once for a file of
   * `CHECKPOINTER_START_FILE_BYTES`.
   */
  checkpointInWorker?: boolean;
  /** Starts the checkpointer (tests give one that fails). */
  startCheckpointer?: typeof WalCheckpointer.start;
  /**
   * Finds the quiet moment the checkpointer's start waits for (`quiet_moment.ts`); tests that run
   * beside others in one process give one they control.
   */
  whenQuiet?: (watch: QuietWatch) => () => void;
  /**
   * Where the checkpointer's start and failures are logged (none without), and a disk full or
   * read-only file making writes fail (once when they start failing, once when they succeed).
   */
  log?: Logger;
  /**
   * The longest a call waits, asynchronously, for a write lock another connection holds on the
   * file (`SQLITE_LOCK_WAIT_MS`, default `DEFAULT_LOCK_WAIT_MS`); then it fails with `Busy`.
   * See `sqlite_lock_wait.ts`.
   */
  lockWaitMs?: number;
  /**
   * No other connection (process) ever commits to this file: a private temporary database, as a
   * simulation run makes. Other connections' commits are then never looked for
   * (`SqliteConnection.soleWriter`); the checkpointer's connection only checkpoints and reads.
   */
  soleWriter?: boolean;
}
