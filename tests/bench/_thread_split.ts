/**
 * A process's CPU by kind of thread (Linux `/proc/<pid>/task/*`), for the benchmarks that report
 * a server's CPU per chat beside its main thread's: what the rest is. Session 48 (perf83) found
 * the rest of a one-session chat's server CPU (1-2 ms a chat) to be V8's own helper threads,
 * mostly background compilation (with `--no-concurrent-recompilation,--no-concurrent-sparkplug`
 * it fell to ~0.5 ms and the main thread rose by about as much), and the WAL checkpointer's
 * worker (~0.2 ms); and that it moves by ±0.7 ms between rounds of the same tree.
 *
 * Each thread's time is its `schedstat` run time (nanoseconds, not the 10 ms ticks of `stat`).
 * Two readings are compared thread by thread (by thread id), never kind total by kind total: a
 * thread that ends between them (a Worker terminated, a Tokio blocking thread idle for 10 s)
 * would otherwise take its whole past off its kind and drive the kind below zero (review48b's
 * probe: workers −25.8 ms). Such a thread is left out of the spend: its time up to the first
 * reading was spent before the window, and what it spent inside the window is gone with it, so
 * the kinds sum to less than the process's total and the caller reports that difference as such.
 * A thread that starts between the readings counts from 0.
 *
 * @module
 */

/** What a thread of a Deno server is, by its name (`comm`, cut to 15 bytes by Linux). */
export type ThreadKind = "main" | "V8 helpers" | "workers" | "other";

/** The kinds in the order they are printed. */
export const THREAD_KINDS: readonly ThreadKind[] = ["main", "V8 helpers", "workers", "other"];

/**
 * The kind of thread `tid` of process `pid` named `comm`: its main thread (the event loop); V8's
 * platform threads ("V8 DefaultWorke…": concurrent compilation, GC helpers); a Deno `Worker`'s
 * thread ("worker-N", e.g. the WAL checkpointer's); anything else (Tokio's I/O and blocking
 * threads, SQLite's none).
 */
export function threadKind(pid: number, tid: number, comm: string): ThreadKind {
  if (tid === pid) return "main";
  if (comm.startsWith("V8 ")) return "V8 helpers";
  if (/^worker-\d+$/.test(comm)) return "workers";
  return "other";
}

/** One reading: each live thread's kind and CPU ms so far, by thread id. */
export type ThreadReading = Map<number, { kind: ThreadKind; ms: number }>;

/**
 * Parses the lines `tid comm… run-ns` (one per live thread; a name may hold spaces) into a
 * reading; malformed lines (a thread gone mid-read) are skipped.
 */
export function parseThreads(pid: number, listing: string): ThreadReading {
  const reading: ThreadReading = new Map();
  for (const line of listing.split("\n")) {
    const match = /^(\d+) (.*) (\d+)$/.exec(line.trim());
    if (!match) continue;
    const tid = Number(match[1]);
    reading.set(tid, { kind: threadKind(pid, tid, match[2]!), ms: Number(match[3]) / 1e6 });
  }
  return reading;
}

/** A reading's CPU ms per kind, every kind present (0 when none of its threads is live). */
export function cpuMsByKind(reading: ThreadReading): Map<ThreadKind, number> {
  const totals = new Map<ThreadKind, number>(THREAD_KINDS.map((kind) => [kind, 0]));
  for (const { kind, ms } of reading.values()) totals.set(kind, totals.get(kind)! + ms);
  return totals;
}

/**
 * A reading of `pid`'s live threads, or `undefined` where there is no `/proc` to read (the
 * glob then stays literal and no line parses: an empty split would print as zeros). Read
 * through `sh` (one process for every thread): Deno lets a program read another process's
 * `/proc` entries only with `--allow-all`.
 */
export async function threadCpuMs(pid: number): Promise<ThreadReading | undefined> {
  const script = 'for t in /proc/"$0"/task/*; do ' +
    'echo "${t##*/} $(cat "$t/comm" 2>/dev/null) $(cut -d" " -f1 "$t/schedstat" 2>/dev/null)"; ' +
    "done";
  const { stdout } = await new Deno.Command("sh", { args: ["-c", script, String(pid)] }).output();
  const reading = parseThreads(pid, new TextDecoder().decode(stdout));
  return reading.size === 0 ? undefined : reading;
}

/**
 * The CPU ms each kind spent between two readings, thread by thread: a thread live at both
 * counts `after − before`, one that started between them counts from 0, and one that ended
 * between them is left out (see the module doc), so no kind goes below zero. A thread's run
 * time never falls, so a tid whose time fell or whose kind changed is a new thread that reused
 * the id of one that ended: it counts from 0 too.
 */
export function cpuMsSpent(before: ThreadReading, after: ThreadReading): Map<ThreadKind, number> {
  const spent = new Map<ThreadKind, number>(THREAD_KINDS.map((kind) => [kind, 0]));
  for (const [tid, { kind, ms }] of after) {
    const earlier = before.get(tid);
    const same = earlier !== undefined && earlier.kind === kind && earlier.ms <= ms;
    spent.set(kind, spent.get(kind)! + ms - (same ? earlier.ms : 0));
  }
  return spent;
}

/** Whether {@linkcode threadSplit} has said the split is unavailable: a bench says it once. */
let splitUnavailableSaid = false;

/**
 * The spend per kind of thread between two readings, or an empty split (said once per process)
 * where either reading is missing (no `/proc` to read): a row of zeros would read as a
 * measurement.
 */
export function threadSplit(
  before: ThreadReading | undefined,
  after: ThreadReading | undefined,
): Map<ThreadKind, number> {
  if (before && after) return cpuMsSpent(before, after);
  if (!splitUnavailableSaid) {
    splitUnavailableSaid = true;
    console.warn("the server's CPU by kind of thread is unavailable here: no /proc to read");
  }
  return new Map();
}
