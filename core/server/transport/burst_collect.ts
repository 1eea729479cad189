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
 * the old one compacted, free pages returned to the OS), then counts afresh. A busy server is
 * never stopped for it (the allocation rate of a load is far above the bound), and a client that
 * reconnects again and again buys at most one collection per {@linkcode BURST_UPGRADES} upgrades.
 *
 * @module
 */
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Logger } from "../../log.ts";

/** Upgrades that make a burst worth a collection once the server is quiet. */
export const BURST_UPGRADES = 1_000;

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
  /** Told of each collection: the upgrades it followed and how long it stopped the server. */
  collected?: (facts: { upgrades: number; ms: number }) => void;
}

/** Counts upgrades and runs one collection when a burst of them is followed by quiet. */
export class BurstCollector {
  readonly #options: Required<Omit<BurstCollectorOptions, "collected">> & BurstCollectorOptions;
  #upgrades = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #allocatedAt = 0;
  #checkedAt = 0;

  constructor(options: BurstCollectorOptions) {
    this.#options = {
      allocated: allocatedBytes,
      burst: BURST_UPGRADES,
      checkMs: QUIET_CHECK_MS,
      quietBytesPerSecond: QUIET_BYTES_PER_S,
      ...options,
    };
  }

  /** Whether a burst was counted and the quiet after it is awaited. */
  get armed(): boolean {
    return this.#timer !== undefined;
  }

  /** One socket opened. */
  noteUpgrade(): void {
    this.#upgrades++;
    if (this.#upgrades >= this.#options.burst && this.#timer === undefined) this.#look();
  }

  /** Forgets the burst (the server is stopping): no timer is left. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#upgrades = 0;
  }

  /** Notes the allocation count now and looks again in `checkMs`. */
  #look(): void {
    this.#allocatedAt = this.#options.allocated();
    this.#checkedAt = performance.now();
    this.#timer = setTimeout(() => this.#check(), this.#options.checkMs);
    // A quiet server waiting to collect must not be kept alive by it.
    Deno.unrefTimer(this.#timer);
  }

  #check(): void {
    this.#timer = undefined;
    const seconds = Math.max(performance.now() - this.#checkedAt, 1) / 1000;
    const rate = (this.#options.allocated() - this.#allocatedAt) / seconds;
    if (rate >= this.#options.quietBytesPerSecond) return this.#look();
    const upgrades = this.#upgrades;
    this.#upgrades = 0;
    const started = performance.now();
    this.#options.collect();
    this.#options.collected?.({ upgrades, ms: performance.now() - started });
  }
}

/**
 * The server's collector: V8's last-resort collection, each run logged at debug level; undefined
 * where V8 offers none (the endpoint then counts nothing).
 */
export function serverBurstCollector(log: Logger): BurstCollector | undefined {
  const collect = lastResortCollection();
  if (collect === undefined) return undefined;
  return new BurstCollector({
    collect,
    collected: ({ upgrades, ms }) =>
      log.debug("Collected garbage after a burst of upgrades", {
        upgrades,
        pause_ms: Math.round(ms),
      }),
  });
}
