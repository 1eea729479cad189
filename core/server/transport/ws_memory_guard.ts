/**
 * The WebSocket memory guard (MEMORY_GUARD_MB). Deno 2.9.6 collects the fragments of a WebSocket
 * message without a size limit and without showing them to JavaScript (denoland/fastwebsockets
 * #100, fixed upstream by #140): a client that starts a message with FIN=0, then sends
 * continuation frames forever and answers pings between them, grows the server's memory without
 * bound, and looks idle to this code. What it grows is outside the V8 heap and outside `external`
 * (ArrayBuffers), so the guard samples that part of the RSS once a second. Past the limit over the
 * lowest value seen, it closes, half at a time, the open sockets that have delivered no complete
 * message for {@linkcode SUSPECT_SILENT_MS} (a client in the middle of a message can send none:
 * only control frames may come between fragments), youngest first and busy sessions last, and drops
 * the connection of any that does not answer the close (ws_drop.ts). A well-behaved socket that
 * sent a message within the last {@linkcode SUSPECT_SILENT_MS} is never closed. The growth is taken
 * as the new baseline (something else holds it: the vector indexes' WebAssembly memory, the USE-lite
 * encoder, SQLite's cache) when no such socket is there to blame, or when a round of closes did not
 * make memory fall by a quarter of it: a false alarm costs at most one round.
 *
 * @module
 */
import type { Logger } from "../../log.ts";
import { CLOSE_POLICY } from "./ws.ts";
import { CLOSE_GRACE_MS, closeOrDrop, dropSocket } from "./ws_drop.ts";
import { SocketSilence, type WatchedSocket } from "./ws_silence.ts";

export type { WatchedSocket };

/** Whether the guard is shedding sockets now: `/api/health` is then `degraded`. */
export interface MemoryPressure {
  shedding: boolean;
}

/** Memory as `Deno.memoryUsage()` reports it (bytes). */
export type MemorySample = Pick<Deno.MemoryUsage, "rss" | "heapTotal" | "external">;

/** A socket silent for less than this is never closed by the guard. */
export const SUSPECT_SILENT_MS = 2_000;
export { CLOSE_GRACE_MS };
/** After a closed socket ends, the wait for its memory to show as freed before judging again. */
const SETTLE_MS = 2_000;
/**
 * A round of closes counts as having freed something when memory outside the heap fell by at
 * least this share of the growth it was cut for. Dropping a socket frees its fragments at once,
 * so an attacker's drop shows; less than this and the growth is someone else's (the vector
 * indexes' WebAssembly memory, the USE-lite encoder, SQLite), which closing more would not free.
 */
const FREED_SHARE = 0.25;

/** Options of {@linkcode WebSocketMemoryGuard}. */
export interface MemoryGuardOptions {
  /** Growth (bytes) of the memory outside the JS heap past which sockets are shed. */
  limitBytes: number;
  /** The open sockets. */
  sockets: () => Iterable<WatchedSocket>;
  log: Logger;
  /** Where shedding is reported (the health route reads it). */
  pressure?: MemoryPressure;
  /** Sampling period; 1 s unless a test says otherwise. */
  intervalMs?: number;
  /** The memory reading (tests may feed their own). */
  sample?: () => MemorySample;
}

const MIB = 1_048_576;
const CANNOT_DROP =
  "Could not drop a WebSocket that ignores its close (replies still queued for it, or Deno internals changed)";

/** The last round of closes: memory then, and the growth it was cut for. */
interface Round {
  outside: number;
  growth: number;
}

/** Samples memory and sheds the silent sockets that must be holding it (module comment). */
export class WebSocketMemoryGuard {
  readonly #options: MemoryGuardOptions;
  /** Each socket's silence, brought up to date every tick. */
  readonly #silence = new SocketSilence();
  /** Sockets the guard closed whose connection has not ended yet. */
  readonly #closing = new Set<WebSocket>();
  #floor = Infinity;
  #shed = 0;
  /** The round whose effect is still to be judged. */
  #round: Round | undefined;
  /**
   * Whether a round that freed nothing was already taken as a false alarm: only one is. Young idle
   * clients closed first could otherwise make every round look like one while an older or busy
   * attacker grows memory by a limit each time (review35 R2); a second such round cuts the next
   * half instead.
   */
  #excused = false;
  /** Until when (clock ms) the guard only watches: a closed socket's memory is being freed. */
  #calmUntil = -Infinity;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Whether {@linkcode CANNOT_DROP} was logged. */
  #saidCannotDrop = false;

  constructor(options: MemoryGuardOptions) {
    this.#options = options;
  }

  /** Starts sampling (each `intervalMs`); the timer does not keep the process alive. */
  start(): void {
    if (this.#timer !== undefined) return;
    const timer = setInterval(() => this.tick(), this.#options.intervalMs ?? 1_000);
    Deno.unrefTimer(timer);
    this.#timer = timer;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One sample: updates each socket's silence, then sheds if memory is past the limit. */
  tick(now = performance.now()): void {
    const stuck = this.#silence.observe(this.#options.sockets(), now, this.#closing);
    const memory = (this.#options.sample ?? Deno.memoryUsage)();
    const outside = memory.rss - memory.heapTotal - memory.external;
    this.#floor = Math.min(this.#floor, outside);
    const growth = outside - this.#floor;
    for (const socket of this.#closing) {
      if (socket.readyState === WebSocket.CLOSED) this.#ended(socket, now);
    }
    if (growth <= this.#options.limitBytes) return this.#settle();
    // Sockets already closed must end (and free what they hold) before more are blamed.
    if (this.#closing.size > 0 || now < this.#calmUntil) return;
    // One that cannot be dropped holds up no other (review34 F6): it is tried again each tick.
    if (stuck !== undefined && this.#dropStuck(stuck, now)) return;
    if (this.#round && !this.#freed(this.#round, outside) && !this.#excused) {
      this.#excused = true;
      return this.#rebase(outside, growth);
    }
    // Busy sessions last, otherwise the youngest first (`SocketSilence.suspects`).
    const suspects = this.#silence.suspects(now, SUSPECT_SILENT_MS);
    if (suspects.length === 0) return this.#rebase(outside, growth);
    this.#round = { outside, growth };
    this.#cut(suspects.slice(0, Math.ceil(suspects.length / 2)), { now, growth });
  }

  /** Whether the last round's closes freed a meaningful share of what they were cut for. */
  #freed(round: Round, outside: number): boolean {
    return round.outside - outside >= round.growth * FREED_SHARE;
  }

  /** Drops sockets closed elsewhere whose clients ignore the close; false if none could be. */
  #dropStuck(stuck: WebSocket[], now: number): boolean {
    const dropped = stuck.filter((socket) => dropSocket(socket));
    if (dropped.length < stuck.length) this.#cannotDrop();
    if (dropped.length === 0) return false;
    this.#options.log.warn(
      "Memory outside the JS heap grew past MEMORY_GUARD_MB; dropped the WebSockets whose " +
        "clients ignore their close",
      { dropped: dropped.length },
    );
    if (this.#options.pressure) this.#options.pressure.shedding = true;
    this.#shed += dropped.length;
    for (const socket of dropped) this.#silence.dropped(socket);
    this.#calmUntil = now + SETTLE_MS;
    return true;
  }

  /** Says once that a socket could not be dropped: each tick may find it again. */
  #cannotDrop(): void {
    if (this.#saidCannotDrop) return;
    this.#saidCannotDrop = true;
    this.#options.log.error(CANNOT_DROP);
  }

  #cut(suspects: WatchedSocket[], at: { now: number; growth: number }): void {
    const { log, limitBytes } = this.#options;
    const since = this.#silence.silentSince(suspects[0]!.socket)!;
    const silentS = Math.round((at.now - since) / 1000);
    if (this.#shed === 0) {
      log.warn(
        "Memory outside the JS heap grew past MEMORY_GUARD_MB; closing half of the WebSockets " +
          "silent for 2 s, youngest first (a fragmented message that never ends looks like this)",
        {
          growth_mb: Math.round(at.growth / MIB),
          limit_mb: Math.round(limitBytes / MIB),
          closing: suspects.length,
          silent_s: silentS,
        },
      );
    }
    this.#shed += suspects.length;
    if (this.#options.pressure) this.#options.pressure.shedding = true;
    for (const { socket } of suspects) {
      this.#closing.add(socket);
      closeOrDrop(socket, {
        code: CLOSE_POLICY,
        reason: "Server memory limit: no complete message for too long",
        graceMs: CLOSE_GRACE_MS,
        onDrop: (dropped) => {
          this.#ended(socket, performance.now());
          if (!dropped) this.#cannotDrop();
        },
      });
    }
  }

  /** A socket the guard closed has ended (or could not be dropped). */
  #ended(socket: WebSocket, now: number): void {
    this.#closing.delete(socket);
    this.#calmUntil = now + SETTLE_MS;
  }

  /** Memory is under the limit: a shedding that was going on is over. */
  #settle(): void {
    this.#round = undefined;
    if (this.#shed === 0) return;
    this.#options.log.warn("Memory back under MEMORY_GUARD_MB", { closed: this.#shed });
    this.#shed = 0;
    if (this.#options.pressure) this.#options.pressure.shedding = false;
  }

  /**
   * Over the limit with no silent socket to blame, or after a round of closes that freed nothing
   * to speak of: the growth is someone else's, so a false alarm costs at most one round.
   */
  #rebase(outside: number, growth: number): void {
    const why = this.#round
      ? "and closing silent WebSockets did not free it"
      : "with no silent WebSocket to blame";
    this.#options.log.warn(
      `Memory outside the JS heap grew past MEMORY_GUARD_MB ${why}; taking it as the new baseline`,
      { growth_mb: Math.round(growth / MIB) },
    );
    this.#floor = outside;
    this.#settle();
  }
}
