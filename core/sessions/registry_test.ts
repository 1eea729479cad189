import assert from "node:assert/strict";
import { AtCapacity } from "../errors.ts";
import { SessionRegistry } from "./registry.ts";

Deno.test("at MAX_SESSIONS a new detached session ends the least recently used idle one", () => {
  let now = 0;
  const registry = new SessionRegistry(() => now, { maxDetached: 3 });
  const open = (kind: "rest" | "http") => {
    now++;
    return registry.open(kind);
  };
  const a = open("rest");
  const b = open("http");
  const c = open("rest");
  a.lastSeen = 10; // used again: c's twin b is now the least recently used
  const d = registry.open("http");
  assert.equal(registry.get(b.id), undefined, "the least recently used went");
  assert.ok(b.closed);
  for (const kept of [a, c, d]) assert.equal(registry.get(kept.id), kept);
  assert.equal(registry.counts().total, 3);
});

Deno.test("connection sessions do not count against the cap and are never evicted", () => {
  const registry = new SessionRegistry(Date.now, { maxDetached: 1 });
  const sockets = Array.from({ length: 5 }, () => registry.open("websocket"));
  registry.open("rest");
  registry.open("rest");
  for (const socket of sockets) assert.equal(registry.get(socket.id), socket);
  assert.equal(registry.counts().by_kind.rest, 1);
});

Deno.test("when every session has a request running, a new one is refused with AtCapacity", () => {
  const registry = new SessionRegistry(Date.now, { maxDetached: 2 });
  const first = registry.open("rest");
  const second = registry.open("http");
  const running = first.track(1);
  second.track(2);
  assert.throws(
    () => registry.open("rest"),
    (error: Error) => error instanceof AtCapacity && error.retryAfterMs > 0,
  );
  first.untrack(running);
  registry.open("rest");
  assert.ok(first.closed, "the one that finished went");
  assert.ok(!second.closed);
});

Deno.test("closed sessions free their place", () => {
  const registry = new SessionRegistry(Date.now, { maxDetached: 2 });
  const first = registry.open("rest");
  const second = registry.open("rest");
  registry.close(first);
  registry.close(first); // twice is harmless
  const third = registry.open("rest");
  assert.ok(!second.closed);
  assert.equal(registry.get(third.id), third);
  registry.expireIdle("rest", -1);
  assert.equal(registry.counts().total, 0);
  registry.open("rest");
  registry.open("rest");
  assert.equal(registry.counts().total, 2);
});
