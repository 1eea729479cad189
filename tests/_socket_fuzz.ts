/**
 * Test support: the socket fuzzer shared by `tests/socket_fuzz_test.ts` (20,000 frames in CI)
 * and `tests/bench/socket_fuzz.ts` (the long run). Frames from {@linkcode frameArbitrary} go to a
 * server over real WebSockets, a window at a time; every reply must be valid JSON-RPC and never
 * -32603, and every request that can be answered must be, exactly once.
 *
 * @module
 */
import fc from "fast-check";
import { checkReply, frameArbitrary, type FuzzWorld, type MethodShape } from "./_fuzz.ts";
import { textDepthExceeds } from "../core/server/rpc/json_depth.ts";

/** How to fuzz. */
export interface SocketFuzzOptions {
  url: string;
  shapes: MethodShape[];
  world: FuzzWorld;
  /** Frames in all. */
  frames: number;
  /** Sockets used side by side. */
  sockets?: number;
  /** Frames sent before waiting for their answers (per socket). */
  window?: number;
  /** The largest batch the server takes (MAX_BATCH). */
  maxBatch?: number;
  /** fast-check seed (the run is reproducible). */
  seed?: number;
  /** Called every 10,000 frames. */
  progress?: (sent: number) => void;
}

/** What a fuzz run saw. */
export interface SocketFuzzResult {
  frames: number;
  replies: number;
  /** Error codes answered, counted. */
  codes: Record<string, number>;
  results: number;
  /** Requests that should have been answered and were not. */
  unanswered: number;
  /** Those requests' methods (the first few), to say where to look. */
  unansweredMethods: string[];
  /** A reply that broke the rules (the first), if any. */
  violation: string | null;
  /** A socket the server closed, with its code, if any. */
  closed: string[];
  seconds: number;
}

/** Frames longer than this are not sent: under MAX_FRAME_BYTES's default even in UTF-8. */
const MAX_FRAME_CHARS = 300_000;

/** First id given to fuzz requests: far from the small ids the generator draws itself. */
const ID_BASE = 2 ** 40;
/** Ids of the liveness pings (see `settle`): apart from the fuzz's own. */
const PROBE_BASE = 2 ** 41;
/** Silence on a socket after which the server is asked whether it is still there. */
const SILENCE_MS = 30_000;
/**
 * Longest wait for the answers due on a socket while the server still answers pings there: a
 * call may legitimately run long on a loaded machine (a simulation of a dozen ticks), but not
 * for ever.
 */
const LONG_CALL_MS = 300_000;

/**
 * Gives every request of the frame a fresh numeric id (so that answers can be matched) and
 * returns the ids the server must answer: none when the frame is refused whole (not JSON, nested
 * too deep, a batch over the limit), else those of its well-formed requests.
 */
function tagFrame(frame: string, next: () => number, maxBatch: number) {
  let value: unknown;
  try {
    if (textDepthExceeds(frame)) return { text: frame, expected: [] };
    value = JSON.parse(frame);
  } catch {
    return { text: frame, expected: [] };
  }
  const items = Array.isArray(value) ? value : [value];
  const expected: Array<[number, string]> = [];
  for (const item of items) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) continue;
    const message = item as Record<string, unknown>;
    if (!("id" in message) || typeof message.id !== "number") continue;
    message.id = next();
    // A cancelled request gets no answer, so a request must not look cancellable by the fuzz.
    if (message.method === "notifications/cancelled") continue;
    // JSON.stringify, not String: a method like {"toString": 1} has no string form.
    const method = typeof message.method === "string"
      ? message.method
      : JSON.stringify(message.method);
    expected.push([message.id as number, method]);
  }
  const refusedWhole = Array.isArray(value) && (value.length === 0 || value.length > maxBatch);
  return { text: JSON.stringify(value), expected: refusedWhole ? [] : expected };
}

/** Runs the fuzzer; resolves once every answer is in (or 30 s passed without one). */
export async function socketFuzz(options: SocketFuzzOptions): Promise<SocketFuzzResult> {
  const started = performance.now();
  const result: SocketFuzzResult = {
    frames: 0,
    replies: 0,
    codes: {},
    results: 0,
    unanswered: 0,
    unansweredMethods: [],
    violation: null,
    closed: [],
    seconds: 0,
  };
  let nextId = ID_BASE;
  const next = () => nextId++;
  const arbitrary = frameArbitrary(options.shapes, options.world);
  const perSocket = Math.ceil(options.frames / (options.sockets ?? 4));
  const window = options.window ?? 16;

  async function drive(index: number): Promise<void> {
    // Per socket, so that a seed gives the same frames whatever order the sockets run in.
    let chunk = 0;
    const socket = new WebSocket(options.url);
    const waiting = new Map<number, string>();
    let wake: (() => void) | null = null;
    let lastReply = performance.now();
    let probe: { id: number; answered: () => void } | null = null;
    socket.onmessage = (event) => {
      lastReply = performance.now();
      try {
        const check = checkReply(event.data as string);
        if (probe && check.ids.includes(probe.id)) return probe.answered();
        result.replies++;
        for (const code of check.codes) result.codes[code] = (result.codes[code] ?? 0) + 1;
        for (const id of check.ids) waiting.delete(id as number);
        result.results += check.ids.length - check.codes.length;
      } catch (error) {
        result.violation ??= (error as Error).message;
      }
      wake?.();
    };
    let closing = false;
    socket.onclose = (event) => {
      if (!closing) result.closed.push(`socket ${index}: ${event.code} ${event.reason}`);
      wake?.();
    };
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error("cannot connect"));
    });
    /** True when the server answers a ping on this socket within 10 s. */
    const alive = () =>
      new Promise<boolean>((resolve) => {
        const id = PROBE_BASE + index;
        const timer = setTimeout(() => resolve(false), 10_000);
        probe = {
          id,
          answered: () => {
            clearTimeout(timer);
            resolve(true);
          },
        };
        socket.send(JSON.stringify({ jsonrpc: "2.0", id, method: "ping" }));
      }).finally(() => (probe = null));
    const settle = async (limit: number) => {
      // Until at most `limit` answers are due. After 30 s of silence that is a hang, unless the
      // server still answers a ping here (a long call is running), for at most LONG_CALL_MS.
      const since = performance.now();
      while (waiting.size > limit && socket.readyState === WebSocket.OPEN) {
        if (performance.now() - lastReply > SILENCE_MS) {
          if (performance.now() - since > LONG_CALL_MS || !await alive()) break;
          lastReply = performance.now();
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1_000);
        });
      }
    };
    for (let sent = 0; sent < perSocket && socket.readyState === WebSocket.OPEN;) {
      const frames = fc.sample(arbitrary, {
        numRuns: Math.min(500, perSocket - sent),
        seed: (options.seed ?? 1) + index * 100_003 + chunk++,
      });
      for (const frame of frames) {
        const { text, expected } = tagFrame(frame, next, options.maxBatch ?? 50);
        // A frame over MAX_FRAME_BYTES closes the socket by design (tests/ws_test.ts pins it).
        if (text.length > MAX_FRAME_CHARS) continue;
        for (const [id, method] of expected) waiting.set(id, method);
        socket.send(text);
        sent++;
        result.frames++;
        if (result.frames % 10_000 === 0) options.progress?.(result.frames);
        await settle(window);
      }
    }
    await settle(0);
    result.unanswered += waiting.size;
    result.unansweredMethods.push(...[...waiting.values()].slice(0, 10));
    closing = true;
    socket.close();
    await new Promise((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) resolve(undefined);
      else socket.addEventListener("close", resolve);
    });
  }

  await Promise.all(Array.from({ length: options.sockets ?? 4 }, (_, index) => drive(index)));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
