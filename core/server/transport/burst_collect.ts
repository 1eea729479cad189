/**
 * One full collection after a burst of WebSocket upgrades, once the process has gone quiet.
 *
 * Each upgrade allocates ~20 KB of JS heap (most of it Deno's: the request, its headers, the
 * socket's event targets) and keeps ~4 KB; a burst of them promotes what it keeps together with
 * what happened to be in flight, and grows V8's young generation to its maximum (every scavenge
 * finds the new sockets alive). V8 gives both back only through its memory reducer, which waits
 * until its estimate of the allocation rate is low: with 10,000 idle sockets Deno's pings keep
 * that estimate high for 15-60 s after the burst, so the server sat ~90 MB above what it needs
 * (tests/bench/HISTORY.md, "Session 47 — gc47"). The server knows better when a burst is over:
 * after {@linkcode BURST_UPGRADES} upgrades it looks every {@linkcode QUIET_CHECK_MS} at how much
 * the process allocated, and at the first look under {@linkcode QUIET_BYTES_PER_S} it runs V8's
 * "last resort" collection (the one V8 runs under memory pressure: the young generation shrunk,
 * the old one compacted, free pages returned to the OS), then counts afresh.
 *
 * The pause stops the whole process, so it is bought rarely (review47c H1, H2): a burst is the
 * number of OPEN sockets grown by {@linkcode BURST_UPGRADES} above its lowest level since the last
 * collection (sockets opened and closed again add nothing: their garbage dies young), collections
 * are at least {@linkcode MIN_COLLECTION_GAP_MS} apart, and "quiet" also means that no call was in
 * flight, started or ended over the whole window (a light load allocates under the bound).
 *
 * @module
 */
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Logger } from "../../log.ts";

/** Upgrades that make a burst worth a collection once the server is quiet. */
export const BURST_UPGRADES = 1_000;

/**
 * Least time between two collections: each stops the whole process for 0.1-0.6 s, so however
 * sockets come and go, at most ~1 % of the time is spent in them.
 */
export const MIN_COLLECTION_GAP_MS = 60_000;

/** How often a server after a burst looks whether it has gone quiet. */
export const QUIET_CHECK_MS = 2_000;

/**
 * The allocation rate (bytes a second) under which the server counts as quiet: 10,000 idle
 * sockets allocate 1-2 MB a second (Deno's pings), a `persona.get` load ~165 MB and a chat ~2 MB
 * each.
 */
export const QUIET_BYTES_PER_S = 4 * 1024 * 1024;

/** Bytes the isolate allocated since it started (V8's count; Deno's types omit the field). */
export function allocatedBytes(): number {
  return (getHeapStatistics() as unknown as { total_allocated_bytes: number })
    .total_allocated_bytes;
}

/**
 * V8's "last resort" full collection, or undefined where V8 offers none. Taken through a
 * context of its own (`node:vm`) with `--expose-gc` set only while that context is made, so no
 * `gc` is left on this or any later global (the start task needs no V8 flag, and a compiled
 * binary or a bundle gets the same). A process started with `--expose-gc` (the tests) has its
 * own, which is used instead.
 */
export function lastResortCollection(): (() => void) | undefined {
  type Gc = (options?: { type: string; execution: string; flavor: string }) => void;
  const options = { type: "major", execution: "sync", flavor: "last-resort" };
  const own = (globalThis as { gc?: Gc }).gc;
  if (typeof own === "function") return () => own(options);
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as Gc | undefined;
    return typeof gc === "function" ? () => gc(options) : undefined;
  } catch {
    return undefined;
  } finally {
    resetExposeGc();
  }
}

/** Sets `--expose-gc` back off; a runtime that refuses flags must not stop the server's start. */
function resetExposeGc(): void {
  try {
    setFlagsFromString("--no-expose-gc");
  } catch {
    // Nothing was set either, then.
  }
}

/** Options of {@linkcode BurstCollector}. */
export interface BurstCollectorOptions {
  /** The collection (default: {@linkcode lastResortCollection}'s). */
  collect: () => void;
  /** Bytes allocated so far (default: {@linkcode allocatedBytes}). */
  allocated?: () => number;
  /** Default {@linkcode BURST_UPGRADES}. */
  burst?: number;
  /** Default {@linkcode QUIET_CHECK_MS}. */
  checkMs?: number;
  /** Default {@linkcode QUIET_BYTES_PER_S}. */
  quietBytesPerSecond?: number;
  /** Default {@linkcode MIN_COLLECTION_GAP_MS}. */
  minGapMs?: number;
  /**
   * The server's calls: running now, and a tally that grows as calls start or end (default: none
   * ever). A window with a call running at either end, or a tally that moved, is not quiet.
   */
  calls?: () => CallActivity;
  /** Told of each collection: the sockets the burst grew by and how long it stopped the server. */
  collected?: (facts: { upgrades: number; ms: number }) => void;
}

/** What {@linkcode BurstCollectorOptions.calls} reports. */
export interface CallActivity {
  /** Calls in flight now. */
  running: number;
  /** Grows with every call started or ended (only its changes matter). */
  tally: number;
}

const NO_CALLS: () => CallActivity = () => ({ running: 0, tally: 0 });

/** Counts upgrades and runs one collection when a burst of them is followed by quiet. */
export class BurstCollector {
  readonly #options: Required<Omit<BurstCollectorOptions, "collected">> & BurstCollectorOptions;
  /** Lowest number of open sockets since the last collection: the burst is counted from it. */
  #lowest = 0;
  /** Open sockets at the last upgrade. */
  #open = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #allocatedAt = 0;
  #checkedAt = 0;
  #tallyAt = 0;
  #collectedAt = -Infinity;
  #stopped = false;

  constructor(options: BurstCollectorOptions) {
    this.#options = {
      allocated: allocatedBytes,
      burst: BURST_UPGRADES,
      checkMs: QUIET_CHECK_MS,
      quietBytesPerSecond: QUIET_BYTES_PER_S,
      minGapMs: MIN_COLLECTION_GAP_MS,
      calls: NO_CALLS,
      ...options,
    };
  }

  /** Whether a burst was counted and the quiet after it is awaited. */
  get armed(): boolean {
    return this.#timer !== undefined;
  }

  /**
   * One socket opened; `open` sockets are open now, this one included. Only upgrades add sockets,
   * so the count just before one is the lowest since the one before: the low-water mark is exact.
   */
  noteUpgrade(open: number): void {
    if (this.#stopped) return;
    this.#lowest = Math.min(this.#lowest, open - 1);
    this.#open = open;
    if (open - this.#lowest >= this.#options.burst && this.#timer === undefined) this.#look();
  }

  /** Forgets the burst for good (the server is stopping): no timer is left, none is made later. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Notes the allocation count now and looks again in `checkMs`. */
  #look(): void {
    this.#allocatedAt = this.#options.allocated();
    this.#checkedAt = performance.now();
    const calls = this.#options.calls();
    // A call in flight at the start would leave the window unquiet however it ends.
    this.#tallyAt = calls.running === 0 ? calls.tally : NaN;
    this.#timer = setTimeout(() => this.#check(), this.#options.checkMs);
    // A quiet server waiting to collect must not be kept alive by it.
    Deno.unrefTimer(this.#timer);
  }

  #check(): void {
    this.#timer = undefined;
    const seconds = Math.max(performance.now() - this.#checkedAt, 1) / 1000;
    const rate = (this.#options.allocated() - this.#allocatedAt) / seconds;
    if (!(rate < this.#options.quietBytesPerSecond)) return this.#look();
    if (performance.now() - this.#collectedAt < this.#options.minGapMs) return this.#look();
    // Read last, right before the pause: nothing runs between this and the collection.
    const calls = this.#options.calls();
    if (calls.running !== 0 || calls.tally !== this.#tallyAt) return this.#look();
    const upgrades = this.#open - this.#lowest;
    const started = performance.now();
    this.#options.collect();
    this.#collectedAt = performance.now();
    this.#lowest = this.#open;
    this.#options.collected?.({ upgrades, ms: this.#collectedAt - started });
  }
}

/** Options of {@linkcode serverBurstCollector}. */
export interface ServerBurstOptions {
  /** Where each collection is logged (info: it stopped the whole process). */
  log: Logger;
  /** The server's calls (see {@linkcode BurstCollectorOptions.calls}). */
  calls?: () => CallActivity;
  /** Told of each collection's pause, in seconds (the server's metrics). */
  paused?: (seconds: number) => void;
  /** Default {@linkcode BURST_UPGRADES}; tests set a smaller burst (a few open files). */
  burst?: number;
  /** Default {@linkcode allocatedBytes}. */
  allocated?: () => number;
}

/**
 * The server's collector: V8's last-resort collection, each run logged at info level with its
 * pause; undefined where V8 offers none, or where V8's allocation count cannot be read (a
 * missing count would read as quiet under any load): the endpoint then counts nothing.
 */
export function serverBurstCollector(options: ServerBurstOptions): BurstCollector | undefined {
  const allocated = options.allocated ?? allocatedBytes;
  if (!Number.isFinite(allocated())) return undefined;
  const collect = lastResortCollection();
  if (collect === undefined) return undefined;
  return new BurstCollector({
    collect,
    allocated,
    ...(options.burst === undefined ? {} : { burst: options.burst }),
    ...(options.calls === undefined ? {} : { calls: options.calls }),
    collected: ({ upgrades, ms }) => {
      options.paused?.(ms / 1000);
      options.log.info("Collected garbage after a burst of upgrades", {
        upgrades,
        pause_ms: Math.round(ms),
      });
    },
  });
}
