/**
 * What the memory guard (`ws_memory_guard.ts`) knows of each socket between its ticks: since when
 * it has sent no complete message, in which order sockets were first seen, and since when a socket
 * closed elsewhere has waited for its client's close. Brought up to date once a tick over every
 * socket, so an update allocates only for a socket seen the first time (its record, kept while it
 * is listed) and for a stuck one: a copy of the sockets, a set of the live ones and a list of the
 * open ones each tick made an idle server with 10,000 sockets allocate about 1 MB a second, which
 * kept V8 from ever finding it idle and giving memory back (tests/bench/HISTORY.md, "Session 33
 * (perf41)").
 *
 * @module
 */
import { CLOSE_GRACE_MS } from "./ws_drop.ts";

/** A socket seen by the guard: its count of complete messages and the socket itself. */
export interface WatchedSocket {
  readonly inbound: number;
  readonly socket: WebSocket;
  /**
   * Whether its session has a request running (a `subscriptions/listen` stream, a chat waiting
   * on its model): such a socket is silent for a reason, so it is closed last, not spared (an
   * attacker can hold a stream open while it sends fragments).
   */
  readonly busy?: boolean;
}

/** One socket's silence, when it was first seen (its age) and the ticks that last saw it. */
interface Silence {
  seen: number;
  since: number;
  /** Order of first sight: a larger number is a younger socket. */
  born: number;
  /** The last tick that saw the socket open or closing elsewhere (an older one: it is gone). */
  live: number;
  /** The last tick that saw it open, and as what (suspects are picked among those). */
  open: number;
  watched: WatchedSocket;
}

/** A socket closed elsewhere: since when (clock ms), and the last tick that saw it closing. */
interface Closing {
  since: number;
  live: number;
}

/** Each socket's silence and closing wait, as of the last {@linkcode SocketSilence.observe}. */
export class SocketSilence {
  readonly #silence = new Map<WebSocket, Silence>();
  readonly #closingSince = new Map<WebSocket, Closing>();
  #ticks = 0;
  #born = 0;

  /**
   * Brings each open socket's silence up to date (sockets no longer listed, or closed, are
   * forgotten) and returns the sockets closed elsewhere (a frame too large, a client that does
   * not read), not by the guard (`closedByGuard`), whose client has not answered the close for
   * {@linkcode CLOSE_GRACE_MS}: fragments may still be piling up there.
   */
  observe(
    sockets: Iterable<WatchedSocket>,
    now: number,
    closedByGuard: ReadonlySet<WebSocket>,
  ): WebSocket[] | undefined {
    const tick = ++this.#ticks;
    let stuck: WebSocket[] | undefined;
    for (const watched of sockets) {
      const socket = watched.socket;
      const state = socket.readyState;
      if (state === WebSocket.CLOSING && !closedByGuard.has(socket)) {
        const closing = this.#closingSince.get(socket);
        if (closing === undefined) this.#closingSince.set(socket, { since: now, live: tick });
        else {
          closing.live = tick;
          if (now - closing.since >= CLOSE_GRACE_MS) (stuck ??= []).push(socket);
        }
        const silence = this.#silence.get(socket);
        if (silence !== undefined) silence.live = tick;
      }
      if (state !== WebSocket.OPEN) continue;
      const silence = this.#silence.get(socket);
      if (silence === undefined) {
        const born = this.#born++;
        this.#silence.set(socket, {
          seen: watched.inbound,
          since: now,
          born,
          live: tick,
          open: tick,
          watched,
        });
        continue;
      }
      silence.live = silence.open = tick;
      silence.watched = watched;
      if (silence.seen !== watched.inbound) {
        silence.seen = watched.inbound;
        silence.since = now;
      }
    }
    for (const silence of this.#silence.values()) {
      if (silence.live !== tick) this.#silence.delete(silence.watched.socket);
    }
    for (const [socket, closing] of this.#closingSince) {
      if (closing.live !== tick) this.#closingSince.delete(socket);
    }
    return stuck;
  }

  /**
   * The sockets open at the last observation and silent for `silentMs` at `now`, in the order
   * they are closed: busy sessions last; otherwise the youngest first. An attacker that
   * reconnects is young; clients connected and idle for long are the innocents (closing them
   * longest-silent first let an attacker get every idle client cut before itself: review34 F3).
   */
  suspects(now: number, silentMs: number): WatchedSocket[] {
    const suspects: Silence[] = [];
    for (const silence of this.#silence.values()) {
      if (silence.open === this.#ticks && now - silence.since >= silentMs) suspects.push(silence);
    }
    return suspects
      .sort((a, b) =>
        Number(a.watched.busy ?? false) - Number(b.watched.busy ?? false) || b.born - a.born
      )
      .map((silence) => silence.watched);
  }

  /** Since when (clock ms) `socket` has sent no complete message (undefined: not seen open). */
  silentSince(socket: WebSocket): number | undefined {
    return this.#silence.get(socket)?.since;
  }

  /** Forgets that `socket` waits for its client's close (it was dropped). */
  dropped(socket: WebSocket): void {
    this.#closingSince.delete(socket);
  }
}
