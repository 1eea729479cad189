/**
 * Time slices: nothing yields within a slice, a spent slice yields once, and a large simulation
 * tick lets other work run while it plays, socket I/O too (counted in event-loop turns and
 * round trips, not timed).
 */
import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { createLogger } from "../log.ts";
import { runSimulation } from "./runner.ts";
import { parseScenario } from "./scenario.ts";
import { SLICE_MS, SliceClock, TimeSlice } from "./time_slice.ts";

/** One tick: 64 personas in groups of 8 all start talking. */
function crowd() {
  return parseScenario({
    name: "crowd",
    seed: 1,
    model: "scripted",
    ticks: 1,
    tick_seconds: 1,
    max_concurrent: 8,
    group_size: { min: 8, max: 8 },
    start_chance: 1,
    min_start_energy: 0,
    topics: ["x"],
    personas: Array.from({ length: 64 }, (_, i) => ({ name: `P${i}`, description: "d" })),
  });
}

Deno.test("a slice yields only once it is spent, then starts afresh", async () => {
  assert.equal(SLICE_MS, 40);
  const long = new TimeSlice(60_000);
  assert.equal(long.pass(), undefined, "within the slice: no promise, no yield");
  const spent = new TimeSlice(0);
  await spent.pass();
  assert.equal(spent.yields, 1);
});

Deno.test("other work gets event-loop turns inside a tick of 64 personas", async () => {
  // One tick: 64 personas in groups of 8 all start talking, each start scoring every free pair
  // (2,016 scores for the first). Before time slices, nothing else ran until the tick ended.
  const scenario = crowd();
  let turns = 0;
  let running = true;
  // A "ping" of its own: each immediate is one event-loop turn the simulation left to others.
  const spin = () => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  let turnsAtTickStart = -1;
  let turnsAtTickEnd = -1;
  const report = await runSimulation(scenario, {
    env: { ENV_FILE: "/nonexistent" },
    dotenv: "",
    log: createLogger("error", { write: () => {} }),
    signal: new AbortController().signal,
    onModel: () => {
      turnsAtTickStart = turns;
      setImmediate(spin);
    },
    onTick: () => {
      turnsAtTickEnd = turns;
    },
  });
  running = false;
  assert.equal(report.summary.conversations, 8);
  // Without slices the run left 9 turns here (the yield before the tick, a few reads), all of
  // them outside the tick's pair scores and turns; with 5 ms slices it left 40 (a tick of about
  // 200 ms on the 2-core CI machine), with 15 ms slices on timers hundreds (immediates spin while
  // the timer waits).
  assert.ok(
    turnsAtTickEnd - turnsAtTickStart >= 20,
    `event-loop turns during the tick: ${turnsAtTickEnd - turnsAtTickStart}`,
  );
});

Deno.test("socket round trips are answered while a tick of 64 personas plays", async () => {
  // An echo over TCP in this process, one byte at a time, as a client's ping to the server would
  // be. Yielding by immediates left the sockets unread for ~60 wake-ups at a time (about 300 ms
  // of a tick); a timer lets the runtime read them at every slice.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const echo = (async () => {
    for await (const conn of listener) {
      const byte = new Uint8Array(1);
      while ((await conn.read(byte).catch(() => null)) === 1) await conn.write(byte);
      conn.close();
    }
  })();
  const client = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  let trips = 0;
  let running = false;
  let pinging = Promise.resolve();
  const ping = async () => {
    const byte = new Uint8Array(1);
    while (running) {
      await client.write(byte);
      if ((await client.read(byte)) !== 1) break;
      trips++;
    }
  };
  let tripsInTick = -1;
  try {
    await runSimulation(crowd(), {
      env: { ENV_FILE: "/nonexistent" },
      dotenv: "",
      log: createLogger("error", { write: () => {} }),
      signal: new AbortController().signal,
      onModel: () => {
        running = true;
        pinging = ping();
      },
      onTick: () => {
        tripsInTick = trips;
      },
    });
  } finally {
    running = false;
    await pinging;
    client.close();
    listener.close();
    await echo;
  }
  // The runs seen: 1-2 round trips with immediates every 5 ms; dozens with timers every 15 ms; a
  // timer every 40 ms gives a few per slice (a tick here is ~200 ms).
  assert.ok(tripsInTick >= 4, `round trips during the tick: ${tripsInTick}`);
});

Deno.test("simulations share one slice: once it is spent, each yields at its next pass", async () => {
  let now = 0;
  const shared = new SliceClock(() => now);
  const a = new TimeSlice(40, shared);
  now = 30;
  // B starts 30 ms into A's slice: with a slice of its own, it would have 40 ms from here.
  const b = new TimeSlice(40, shared);
  assert.equal(a.pass(), undefined);
  assert.equal(b.pass(), undefined);
  now = 41;
  // A spent the slice; B, which ran none of it alone, yields too (the event loop goes idle).
  const yieldA = a.pass();
  const yieldB = b.pass();
  assert.ok(yieldA instanceof Promise && yieldB instanceof Promise);
  await Promise.all([yieldA, yieldB]);
  assert.equal(shared.started, 41, "the next slice starts as they resume");
  assert.equal(a.pass(), undefined);
  assert.equal(b.pass(), undefined);
  // Slices of their own (the default) do not see each other's time.
  const own = new TimeSlice(40, new SliceClock(() => now));
  now = 60;
  assert.equal(own.pass(), undefined);
});
