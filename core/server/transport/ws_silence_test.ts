import assert from "node:assert/strict";
import { SocketSilence, type WatchedSocket } from "./ws_silence.ts";
import { CLOSE_GRACE_MS } from "./ws_drop.ts";

/** A stand-in socket: only its state is read. */
function socket(readyState: number = WebSocket.OPEN): { readyState: number } & WebSocket {
  return { readyState } as { readyState: number } & WebSocket;
}

const NONE: ReadonlySet<WebSocket> = new Set();
/** A clock far from 0, so that a sum of two times is no difference of them. */
const T0 = 1_700_000_000_000;

Deno.test("a socket closed elsewhere is stuck once its client has not answered for CLOSE_GRACE_MS", () => {
  assert.equal(CLOSE_GRACE_MS, 1_000);
  const silence = new SocketSilence();
  const closing = socket(WebSocket.CLOSING);
  const watched: WatchedSocket[] = [{ inbound: 0, socket: closing }];
  assert.equal(silence.observe(watched, T0, NONE), undefined, "first seen closing");
  assert.equal(silence.observe(watched, T0 + 1, NONE), undefined);
  assert.equal(silence.observe(watched, T0 + CLOSE_GRACE_MS - 1, NONE), undefined, "just short");
  assert.deepEqual(silence.observe(watched, T0 + CLOSE_GRACE_MS, NONE), [closing], "at the grace");
  // Closed by the guard itself: never stuck here.
  const guard = new SocketSilence();
  guard.observe(watched, T0, new Set([closing]));
  assert.equal(guard.observe(watched, T0 + 10 * CLOSE_GRACE_MS, new Set([closing])), undefined);
  // Dropped, then seen closing again: its wait starts over.
  silence.dropped(closing);
  assert.equal(silence.observe(watched, T0 + 2 * CLOSE_GRACE_MS, NONE), undefined);
});

Deno.test("a socket's silence: since its last complete message, suspects at silentMs, youngest first and busy last", () => {
  const silence = new SocketSilence();
  const [old, young, busy] = [socket(), socket(), socket()];
  silence.observe([{ inbound: 0, socket: old }], T0, NONE);
  silence.observe([{ inbound: 0, socket: old }, { inbound: 0, socket: young }], T0 + 5, NONE);
  const all: WatchedSocket[] = [
    { inbound: 0, socket: old },
    { inbound: 0, socket: young },
    { inbound: 0, socket: busy, busy: true },
  ];
  silence.observe(all, T0 + 10, NONE);
  assert.equal(silence.silentSince(young), T0 + 5);
  const at = (now: number, ms: number) => silence.suspects(now, ms).map((each) => each.socket);
  assert.deepEqual(at(T0 + 110, 100), [young, old, busy], "youngest first, busy last");
  assert.deepEqual(at(T0 + 109, 100), [young, old], "silent just short of it: not yet");
  // A complete message starts the silence over.
  silence.observe([{ inbound: 1, socket: old }, all[1]!, all[2]!], T0 + 200, NONE);
  assert.equal(silence.silentSince(old), T0 + 200);
  assert.deepEqual(at(T0 + 250, 100), [young, busy], "not old: silent since T0 + 200");
  // A socket no longer listed is forgotten, one no longer open is no suspect.
  young.readyState = WebSocket.CLOSED;
  silence.observe([{ inbound: 1, socket: old }, { inbound: 0, socket: young }], T0 + 300, NONE);
  assert.equal(silence.silentSince(busy), undefined);
  assert.equal(silence.silentSince(young), undefined);
  assert.deepEqual(at(T0 + 1_000, 100), [old]);
});
