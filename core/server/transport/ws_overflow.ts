/**
 * A WebSocket client cut off for not reading its replies (more than MAX_QUEUED_BYTES unread):
 * closed with 1008 once it pauses writing, or dropped if it never answers.
 *
 * @module
 */
import { cutUtf8 } from "../../text_cut.ts";
import { CLOSE_POLICY } from "./ws_close_codes.ts";
import { CLOSE_GRACE_MS, closeOrDrop } from "./ws_drop.ts";

/**
 * A client cut off for not reading gets its 1008 once it pauses writing for this long: Deno
 * drops, without a close frame, a connection whose client keeps sending after the server's close.
 */
const OVERFLOW_QUIET_MS = 250;
/** ...but no later than this after the cut: a client that never pauses is dropped then. */
const OVERFLOW_CLOSE_MS = 5_000;

/** What {@linkcode closeWhenQuiet} reads of an open socket. */
export interface QuietWatched {
  readonly socket: WebSocket;
  /** Messages received so far: a change is a frame, so the client has not paused. */
  readonly inbound: number;
}

/**
 * Closes `open`'s socket with 1008 once its client pauses writing (see
 * {@linkcode OVERFLOW_QUIET_MS}); meanwhile the connection sends and serves nothing, so what it
 * holds stays bounded.
 */
export function closeWhenQuiet(open: QuietWatched, reason: string): void {
  const socket = open.socket;
  const cutAt = performance.now();
  // Frames are counted, not timed (a clock read per frame costs more than the rest of the
  // framing): quiet is no new frame for OVERFLOW_QUIET_MS, seen at the timer's steps.
  let seen = open.inbound;
  let quietSince = cutAt;
  const timer = setInterval(() => {
    const now = performance.now();
    if (open.inbound !== seen) {
      seen = open.inbound;
      quietSince = now;
    }
    if (socket.readyState !== WebSocket.OPEN) {
      clearInterval(timer);
    } else if (now - quietSince >= OVERFLOW_QUIET_MS || now - cutAt >= OVERFLOW_CLOSE_MS) {
      clearInterval(timer);
      // A close reason is at most 123 bytes of UTF-8, cut between characters.
      closeOrDrop(socket, {
        code: CLOSE_POLICY,
        reason: cutUtf8(reason, 123),
        graceMs: CLOSE_GRACE_MS,
      });
    }
  }, 50);
  // It ends within OVERFLOW_CLOSE_MS anyway, but must not keep a process (or a test) alive.
  Deno.unrefTimer(timer);
}
