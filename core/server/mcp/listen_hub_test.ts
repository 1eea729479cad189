/**
 * The shared listen poller: many streams on one key cost one read per poll, nothing is read
 * while the data's version stands (but tasks), every stream hears of a change, and the cap holds.
 */
import assert from "node:assert/strict";
import { AtCapacity } from "../../errors.ts";
import { type Fingerprint, ListenHub, listensPerClient, TASK_KEY } from "./listen_hub.ts";

/** A hub (its timer far away: polls are run by hand) and a counted source of values. */
function setup(options: { version?: () => string | undefined; maxListens?: number } = {}) {
  const values = new Map<string, Fingerprint>([["resource:a", 1], ["resources", 10]]);
  const reads: string[] = [];
  const hub = new ListenHub({
    maxListens: options.maxListens ?? 1_000,
    pollMs: 3_600_000,
    version: options.version && (() => Promise.resolve(options.version!())),
    volatile: (key) => key.startsWith(TASK_KEY),
  });
  const streams: Array<{ told: string[]; controller: AbortController; leave(): void }> = [];
  const open = async (keys: string[]) => {
    const told: string[] = [];
    const controller = new AbortController();
    const stream = hub.admit({
      keys,
      read: (key) => {
        reads.push(key);
        return Promise.resolve(values.get(key) ?? null);
      },
      changed: (key) => told.push(key),
      signal: controller.signal,
    });
    await stream.start();
    const entry = { told, controller, leave: stream.leave };
    streams.push(entry);
    return entry;
  };
  const close = () => streams.forEach((s) => s.leave());
  return { hub, values, reads, open, close };
}

Deno.test("forty streams on one resource cost one read per poll, and each is told of a change", async () => {
  const { hub, values, reads, open, close } = setup(); // no version: read every poll
  try {
    const streams = [];
    for (let i = 0; i < 40; i++) streams.push(await open(["resource:a", "resources"]));
    reads.length = 0;
    await hub.poll();
    assert.deepEqual(reads.sort(), ["resource:a", "resources"], "each distinct key read once");
    assert.ok(streams.every((s) => s.told.length === 0), "nothing changed, nothing told");
    values.set("resource:a", 2);
    reads.length = 0;
    await hub.poll();
    assert.equal(reads.length, 2);
    for (const stream of streams) assert.deepEqual(stream.told, ["resource:a"]);
    await hub.poll();
    for (const stream of streams) assert.deepEqual(stream.told, ["resource:a"], "told once");
  } finally {
    close();
  }
});

Deno.test("while the data's version stands nothing is read but tasks; a new version reads once", async () => {
  let version = "v1";
  const { hub, values, reads, open, close } = setup({ version: () => version });
  try {
    const first = await open(["resource:a", `${TASK_KEY}t`]);
    await hub.poll(); // stores what it read under v1
    reads.length = 0;
    const others = [await open(["resource:a"]), await open(["resource:a"])];
    assert.deepEqual(reads, [], "a stream starting under the same version reads nothing");
    await hub.poll();
    await hub.poll();
    assert.deepEqual(reads, [`${TASK_KEY}t`, `${TASK_KEY}t`], "only the volatile task key");
    values.set("resource:a", 7);
    version = "v2";
    reads.length = 0;
    await hub.poll();
    assert.deepEqual(reads, ["resource:a", `${TASK_KEY}t`]);
    for (const stream of [first, ...others]) assert.deepEqual(stream.told, ["resource:a"]);
  } finally {
    close();
  }
});

Deno.test("a stream ended during a poll's read is no change for the others", async () => {
  const { hub, values, open, close } = setup();
  try {
    const reader = await open(["resource:a"]);
    const other = await open(["resource:a"]);
    values.set("resource:a", 3);
    reader.controller.abort(); // the first stream (the one that reads) has just been cancelled
    await hub.poll();
    assert.deepEqual(other.told, [], "its read does not count");
    reader.leave();
    await hub.poll();
    assert.deepEqual(other.told, ["resource:a"]);
  } finally {
    close();
  }
});

Deno.test("past maxListens a listen is refused (AtCapacity, -32007), and a stream's end frees a place", async () => {
  const { open, close } = setup({ maxListens: 2 });
  try {
    const first = await open(["resources"]);
    await open(["resources"]);
    await assert.rejects(() => open(["resources"]), (error: unknown) => {
      assert.ok(error instanceof AtCapacity);
      assert.deepEqual(error.data, { limit: 2, retry_after_ms: 5_000 });
      return true;
    });
    first.leave();
    await open(["resources"]);
  } finally {
    close();
  }
});

Deno.test("a client holds at most maxPerClient streams; leaving frees its place once; clients without a name are not counted", () => {
  const hub = new ListenHub({ maxListens: 10, maxPerClient: 2, pollMs: 3_600_000 });
  const open: Array<{ leave(): void }> = [];
  const admit = (client?: string) => {
    const stream = hub.admit({
      keys: ["resources"],
      read: () => Promise.resolve(1),
      changed: () => {},
      signal: new AbortController().signal,
      client,
    });
    open.push(stream);
    return stream;
  };
  try {
    const first = admit("10.0.0.1");
    admit("10.0.0.1");
    assert.throws(() => admit("10.0.0.1"), (error: AtCapacity) => {
      assert.ok(error instanceof AtCapacity);
      assert.match(error.message, /MAX_LISTENS_PER_CLIENT/);
      assert.deepEqual(error.data, { limit: 2, retry_after_ms: 5_000, reason: "per_client" });
      return true;
    });
    const other = admit("10.0.0.2");
    for (let i = 0; i < 3; i++) admit();
    first.leave();
    first.leave(); // a second leave frees nothing more
    assert.equal(hub.openBy("10.0.0.1"), 1);
    admit("10.0.0.1");
    assert.throws(() => admit("10.0.0.1"), AtCapacity);
    other.leave();
    assert.equal(hub.openBy("10.0.0.2"), 0);
    assert.equal(hub.size, 5);
  } finally {
    for (const stream of open) stream.leave();
  }
  assert.equal(hub.size, 0);
});

Deno.test("MAX_LISTENS_PER_CLIENT: a quarter of MAX_LISTENS rounded down, at least 1, unless set", () => {
  const of = (MAX_LISTENS: number, MAX_LISTENS_PER_CLIENT?: number) =>
    listensPerClient({ MAX_LISTENS, MAX_LISTENS_PER_CLIENT });
  assert.deepEqual([of(100), of(10), of(7), of(4), of(3), of(1)], [25, 2, 1, 1, 1, 1]);
  assert.equal(of(10, 7), 7, "set: as set");
});
