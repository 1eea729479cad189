/**
 * A process's CPU by kind of thread (Linux `/proc/<pid>/task/*`), for the benchmarks that report
 * a server's CPU per chat beside its main thread's: what the rest is. Session 48 (perf83) found
 * the rest of a one-session chat's server CPU (1-2 ms a chat) to be V8's own helper threads,
 * mostly background compilation (with `--no-concurrent-recompilation,--no-concurrent-sparkplug`
 * it fell to ~0.5 ms and the main thread rose by about as much), and the WAL checkpointer's
 * worker (~0.2 ms); and that it moves by ±0.7 ms between rounds of the same tree.
 *
 * Each thread's time is its `schedstat` run time (nanoseconds, not the 10 ms ticks of `stat`).
 * A thread that ends between two readings takes its time with it: the kinds then sum to less
 * than the process's total, and the difference is reported as such by the caller.
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

/**
 * Parses the lines `tid comm… run-ns` (one per live thread; a name may hold spaces) into
 * milliseconds of CPU per kind; malformed lines (a thread gone mid-read) are skipped.
 */
export function cpuMsByKind(pid: number, listing: string): Map<ThreadKind, number> {
  const totals = new Map<ThreadKind, number>(THREAD_KINDS.map((kind) => [kind, 0]));
  for (const line of listing.split("\n")) {
    const match = /^(\d+) (.*) (\d+)$/.exec(line.trim());
    if (!match) continue;
    const kind = threadKind(pid, Number(match[1]), match[2]!);
    totals.set(kind, totals.get(kind)! + Number(match[3]) / 1e6);
  }
  return totals;
}

/**
 * CPU ms so far of each kind of `pid`'s live threads. Read through `sh` (one process for every
 * thread): Deno lets a program read another process's `/proc` entries only with `--allow-all`.
 */
export async function threadCpuMs(pid: number): Promise<Map<ThreadKind, number>> {
  const script = 'for t in /proc/"$0"/task/*; do ' +
    'echo "${t##*/} $(cat "$t/comm" 2>/dev/null) $(cut -d" " -f1 "$t/schedstat" 2>/dev/null)"; ' +
    "done";
  const { stdout } = await new Deno.Command("sh", { args: ["-c", script, String(pid)] }).output();
  return cpuMsByKind(pid, new TextDecoder().decode(stdout));
}

/** `after − before`, kind by kind. */
export function cpuMsSpent(
  before: ReadonlyMap<ThreadKind, number>,
  after: ReadonlyMap<ThreadKind, number>,
): Map<ThreadKind, number> {
  return new Map(
    THREAD_KINDS.map((kind) => [kind, (after.get(kind) ?? 0) - (before.get(kind) ?? 0)]),
  );
}
