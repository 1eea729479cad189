/**
 * A quiet moment of the process, for work that holds the event loop and can wait for one (the
 * WAL checkpointer's worker start, `checkpointer_start.ts`): a stretch of `quietMs` in which
 * the database ran no statement, the event loop kept time (no look fired more than
 * {@linkcode QUIET_LATE_MS} late) and the process used under {@linkcode QUIET_CPU_SHARE} of a
 * core. Each alone is not enough: a loop busy with many short callbacks (a burst of model
 * answers being read, no SQL among them) keeps time, and a process waiting for a core on a
 * loaded machine uses little CPU but fires its timers late.
 *
 * @module
 */
import process from "node:process";

/** A look may fire this late at most (ms): later, the loop was busy or waited for a core. */
export const QUIET_LATE_MS = 2;

/** The share of one core the process may use in a quiet stretch (its own threads, GC's too). */
export const QUIET_CPU_SHARE = 0.2;

/** What {@linkcode whenQuiet} watches. */
export interface QuietWatch {
  /** A count that moves with every statement run (`SqliteConnection.activity`). */
  activity(): number;
  /** How long the quiet must last (ms); looked at every half of it. */
  quietMs: number;
  /** Called once, at the first quiet moment. */
  onQuiet(): void;
  /**
   * How late a look may fire (ms, default {@linkcode QUIET_LATE_MS}); a test that runs beside
   * others in one process gives `Infinity`, as their load makes every timer late.
   */
  lateMs?: number;
  /**
   * The share of one core the process may use (default {@linkcode QUIET_CPU_SHARE}); `Infinity`
   * in a test beside others, whose CPU this process's count includes.
   */
  cpuShare?: number;
}

/** The process's CPU so far (ms, every thread). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Calls `watch.onQuiet` at the first quiet moment; the returned function stops watching. */
export function whenQuiet(watch: QuietWatch): () => void {
  const every = watch.quietMs / 2;
  const { lateMs = QUIET_LATE_MS, cpuShare = QUIET_CPU_SHARE } = watch;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let activity = watch.activity();
  let since = performance.now();
  let cpuSince = cpuMs();
  const look = (due: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      const now = performance.now();
      const seen = watch.activity();
      const cpu = cpuMs();
      const busy = seen !== activity || now - due > lateMs ||
        cpu - cpuSince > cpuShare * (now - since);
      if (busy) {
        activity = seen;
        since = now;
        cpuSince = cpu;
      } else if (now - since >= watch.quietMs) {
        watch.onQuiet();
        return;
      }
      look(now + every);
    }, every);
    Deno.unrefTimer(timer);
  };
  look(performance.now() + every);
  return () => clearTimeout(timer);
}
