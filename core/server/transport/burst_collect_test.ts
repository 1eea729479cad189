/**
 * The collection after a burst of upgrades (burst_collect.ts): armed by the burst, run once the
 * process allocates under the bound, never while it allocates more, and reached through a real
 * WebSocket endpoint. V8's last-resort collection itself is checked in a process of its own
 * started without `--expose-gc`, as the server is.
 */
import assert from "node:assert/strict";
import { getHeapSpaceStatistics } from "node:v8";
import {
  BURST_UPGRADES,
  lastResortCollection,
  MIN_COLLECTION_GAP_MS,
  QUIET_BYTES_PER_S,
  QUIET_CHECK_MS,
} from "./burst_collect.ts";
import { serveLoopEndpoint } from "./testing.ts";
import { testCollector, until } from "./_burst_collect_test_utils.ts";

Deno.test("the burst collector's documented constants", () => {
  assert.equal(BURST_UPGRADES, 1_000);
  assert.equal(QUIET_CHECK_MS, 2_000);
  assert.equal(QUIET_BYTES_PER_S, 4 * 1024 * 1024);
  assert.equal(MIN_COLLECTION_GAP_MS, 60_000);
});

Deno.test("a burst of upgrades followed by quiet gets one collection, then counts afresh", async () => {
  const { collector, collections } = testCollector();
  try {
    collector.noteUpgrade(1);
    collector.noteUpgrade(2);
    assert.equal(collector.armed, false, "two upgrades are no burst");
    collector.noteUpgrade(3);
    assert.equal(collector.armed, true);
    await until(() => collections.length > 0);
    assert.equal(collections.length, 1);
    assert.equal(collector.armed, false);
    collector.noteUpgrade(4);
    collector.noteUpgrade(5);
    assert.equal(collector.armed, false, "the count starts again after a collection");
  } finally {
    collector.stop();
  }
});

Deno.test("no collection while the process allocates at or above the bound", async () => {
  const { collector, counter, collections } = testCollector();
  // A look every millisecond or more: this many bytes a look is at least the bound a second.
  counter.perLook = QUIET_BYTES_PER_S * 1_000;
  try {
    for (let i = 1; i <= 3; i++) collector.noteUpgrade(i);
    await until(() => counter.looks >= 6);
    assert.ok(counter.looks >= 6);
    assert.deepEqual(collections, [], "busy: never collected");
    assert.equal(collector.armed, true, "still waiting for quiet");
    counter.perLook = 0;
    await until(() => collections.length > 0);
    assert.equal(collections.length, 1);
  } finally {
    collector.stop();
  }
});

Deno.test("stop is final: no timer is left, and an upgrade after it arms nothing", () => {
  const { collector } = testCollector();
  for (let i = 1; i <= 3; i++) collector.noteUpgrade(i);
  assert.equal(collector.armed, true);
  collector.stop();
  assert.equal(collector.armed, false);
  // An upgrade already past the drain's check when shutdown began (review47c M2).
  for (let i = 4; i <= 10; i++) collector.noteUpgrade(i);
  assert.equal(collector.armed, false, "a stopped collector stays stopped");
});

Deno.test("each socket a WebSocket endpoint opens counts toward the burst", async () => {
  const { collector, collections } = testCollector();
  const { endpoint, url, stop } = serveLoopEndpoint({ maxConnections: 8, collector });
  const clients: WebSocket[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const client = new WebSocket(url);
      clients.push(client);
      await new Promise((resolve, reject) => {
        client.onopen = resolve;
        client.onerror = reject;
      });
    }
    await until(() => endpoint.size === 3);
    await until(() => collections.length > 0);
    assert.equal(collections.length, 1, "three upgrades, then quiet: one collection");
  } finally {
    await Promise.all(clients.map((client) =>
      new Promise((resolve) => {
        client.onclose = resolve;
        client.close();
      })
    ));
    await stop();
  }
});

Deno.test("the endpoint's close stops its collector", () => {
  const { collector } = testCollector();
  const { endpoint, stop } = serveLoopEndpoint({ maxConnections: 8, collector });
  for (let i = 1; i <= 3; i++) collector.noteUpgrade(i);
  assert.equal(collector.armed, true);
  endpoint.closeAll();
  assert.equal(collector.armed, false);
  return stop();
});

Deno.test("V8's last-resort collection is reached without --expose-gc and leaves no gc behind", async () => {
  // A process of its own, started as the server is (no V8 flag): it grows the young generation
  // with objects that live, drops them, collects, and reports.
  const script = `
    import { getHeapSpaceStatistics } from "node:v8";
    import { runInNewContext } from "node:vm";
    import { lastResortCollection } from ${
    JSON.stringify(import.meta.resolve("./burst_collect.ts"))
  };
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size;
    let kept = [];
    for (let i = 0; i < 3e6; i++) kept.push({ i });
    kept = [];
    const collect = lastResortCollection();
    const before = young();
    collect?.();
    console.log(JSON.stringify({
      found: typeof collect,
      before,
      after: young(),
      globalGc: typeof globalThis.gc,
      contextGc: runInNewContext("typeof gc"),
    }));`;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  const facts = JSON.parse(new TextDecoder().decode(stdout));
  assert.equal(facts.found, "function");
  assert.equal(facts.globalGc, "undefined", "no gc on the global");
  assert.equal(facts.contextGc, "undefined", "no gc on a context made later");
  assert.ok(
    facts.after * 4 <= facts.before,
    `the young generation shrunk: ${facts.before} → ${facts.after} bytes`,
  );
});

Deno.test("a process started with --expose-gc collects with its own gc", () => {
  // The tests run with --expose-gc: the collection is the global's, and it works here too.
  const young = () =>
    getHeapSpaceStatistics().find((space) => space.space_name === "new_space")!.space_size;
  let kept: unknown[] = [];
  for (let i = 0; i < 3e6; i++) kept.push({ i });
  kept = [];
  const before = young();
  const collect = lastResortCollection();
  assert.ok(collect !== undefined);
  collect();
  assert.ok(young() * 4 <= before, `${before} → ${young()} bytes (${kept.length})`);
});
