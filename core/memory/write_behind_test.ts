import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import type { ExchangeRecord } from "../chat/memory_port.ts";
import { MAX_DELAY_MS, QuietWork } from "../jobs/quiet_work.ts";
import type { Persona } from "../personas/mod.ts";
import { MAX_HELD_EXCHANGES, MAX_QUEUED_EXCHANGES, WriteBehind } from "./write_behind.ts";

// The queue reads only a persona's id; the rest is whatever the store reads.
const ARIA = { id: "p_aria", name: "Aria" } as unknown as Persona;
const KIRA = { id: "p_kira", name: "Kira" } as unknown as Persona;

function exchange(persona = ARIA, message = "hello"): ExchangeRecord {
  return { persona, sender: "Tam", roomId: null, message, response: "Hi." };
}

/** A queue over a real quiet-time queue, recording what it stores and logs. */
function setUp(
  options: { fail?: (record: ExchangeRecord) => boolean; deleted?: ReadonlySet<string> } = {},
) {
  const stored: string[] = [];
  const batches: number[] = [];
  const warnings: Array<{ message: string; fields: Record<string, unknown> }> = [];
  const debugs: string[] = [];
  const log = {
    warn: (message: string, fields: Record<string, unknown> = {}) =>
      void warnings.push({ message, fields }),
    debug: (message: string) => void debugs.push(message),
  };
  const quiet = new QuietWork({ log });
  const behind = new WriteBehind({
    log,
    store: (records) => {
      // All or none, as one insert.
      if (records.some((record) => options.fail?.(record))) {
        return Promise.reject(new Error("disk full"));
      }
      batches.push(records.length);
      for (const record of records) stored.push(`${record.persona.name}: ${record.message}`);
      return Promise.resolve();
    },
    later: (work, since) => quiet.add("storing chats' exchanges", work, since),
    personas: {
      find: (id) => Promise.resolve(options.deleted?.has(id) ? undefined : { id }),
    },
  });
  return { stored, batches, warnings, debugs, quiet, behind };
}

function turns(count: number): Promise<void> {
  let chain = Promise.resolve();
  for (let i = 0; i < count; i++) chain = chain.then(() => new Promise((r) => setImmediate(r)));
  return chain;
}

Deno.test("write-behind bounds: 256 exchanges wait, 512 are held, the oldest waits at most the quiet queue's 250 ms", () => {
  assert.equal(MAX_QUEUED_EXCHANGES, 256);
  assert.equal(MAX_HELD_EXCHANGES, 512);
  assert.equal(MAX_DELAY_MS, 250);
});

Deno.test("write-behind: an exchange waits while a chat is in the foreground, then is stored", async () => {
  const { stored, quiet, behind } = setUp();
  const end = quiet.begin();
  try {
    assert.equal(behind.add({ exchange: exchange(), sessionId: "s1" }), true);
    await turns(3);
    assert.deepEqual(stored, [], "not while a chat is in the foreground");
    // The foreground never ends here: only the quiet queue's age bound lets it through.
    while (stored.length === 0) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(stored, ["Aria: hello"]);
    assert.equal(quiet.foreground, 1, "written while the chat was still in the foreground");
  } finally {
    end();
    await quiet.drain();
  }
});

Deno.test("write-behind: past MAX_QUEUED_EXCHANGES waiting, all are written at once", async () => {
  const { stored, batches, quiet, behind } = setUp();
  const end = quiet.begin();
  try {
    for (let i = 0; i < MAX_QUEUED_EXCHANGES; i++) {
      behind.add({ exchange: exchange(ARIA, `m${i}`), sessionId: "s1" });
    }
    assert.equal(stored.length, 0);
    assert.equal(behind.queued, MAX_QUEUED_EXCHANGES);
    behind.add({ exchange: exchange(ARIA, "one more"), sessionId: "s1" });
    assert.equal(behind.queued, 0, "taken at once");
    await behind.settle();
    assert.deepEqual(batches, [MAX_QUEUED_EXCHANGES + 1], "in one insert");
  } finally {
    end();
    await quiet.drain();
  }
});

Deno.test("write-behind: settling a persona writes its exchanges now and leaves the others queued", async () => {
  const { stored, quiet, behind } = setUp();
  const end = quiet.begin();
  try {
    behind.add({ exchange: exchange(ARIA, "a1"), sessionId: "s1" });
    behind.add({ exchange: exchange(KIRA, "k1"), sessionId: "s2" });
    behind.add({ exchange: exchange(ARIA, "a2"), sessionId: "s1" });
    await behind.settle(ARIA.id);
    assert.deepEqual(stored, ["Aria: a1", "Aria: a2"]);
    assert.equal(behind.queued, 1);
    await behind.settle();
    assert.deepEqual(stored, ["Aria: a1", "Aria: a2", "Kira: k1"]);
  } finally {
    end();
    await quiet.drain();
  }
});

Deno.test("write-behind: a deleted persona's queued exchanges are dropped; drain writes the rest", async () => {
  const { stored, quiet, behind } = setUp();
  const end = quiet.begin();
  try {
    behind.add({ exchange: exchange(ARIA, "a1"), sessionId: "s1" });
    behind.add({ exchange: exchange(KIRA, "k1"), sessionId: "s2" });
    await behind.forget(KIRA.id);
    await behind.drain();
    assert.deepEqual(stored, ["Aria: a1"]);
  } finally {
    end();
    await quiet.drain();
  }
});

Deno.test("write-behind: a failed store is logged with its session and persona; later ones are refused until a store works", async () => {
  const { stored, warnings, quiet, behind } = setUp({ fail: (r) => r.message === "lost" });
  behind.add({ exchange: exchange(ARIA, "lost"), sessionId: "s1" });
  behind.add({ exchange: exchange(KIRA, "kept"), sessionId: "s2" });
  await behind.drain();
  assert.deepEqual(stored, ["Kira: kept"], "one failure is not the batch's: each tried alone");
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.message, "Memory store of a chat exchange failed after its reply");
  assert.equal(warnings[0]!.fields.persona_id, ARIA.id);
  assert.equal(warnings[0]!.fields.session_id, "s1");
  assert.equal(
    behind.add({ exchange: exchange(ARIA, "next"), sessionId: "s1" }),
    false,
    "while the store fails the caller stores (and reports) it itself",
  );
  assert.equal(behind.queued, 0);
  behind.working();
  assert.equal(behind.add({ exchange: exchange(ARIA, "next"), sessionId: "s1" }), true);
  await behind.drain();
  assert.deepEqual(stored, ["Kira: kept", "Aria: next"]);
  await quiet.drain();
});

Deno.test("write-behind: one write at a time; past MAX_HELD_EXCHANGES held, add refuses (the chat stores itself)", async () => {
  let open = 0;
  let mostOpen = 0;
  let calls = 0;
  const releases: Array<() => void> = [];
  const behind = new WriteBehind({
    // A store that finishes only when the test lets it (a slow remote embedder or database).
    store: async () => {
      calls++;
      mostOpen = Math.max(mostOpen, ++open);
      await new Promise<void>((resolve) => releases.push(resolve));
      open--;
    },
    log: { warn: () => {}, debug: () => {} },
    later: () => new Promise(() => {}), // no quiet moment ever comes (a busy server)
  });
  let accepted = 0;
  for (let i = 0; i < 1_000; i++) {
    if (behind.add({ exchange: exchange(ARIA, `m${i}`), sessionId: "s1" })) accepted++;
  }
  assert.equal(accepted, MAX_HELD_EXCHANGES, "the rest are the callers' to store");
  let settled = false;
  const settling = behind.settle().then(() => void (settled = true));
  await turns(3);
  assert.equal(calls, 1, "the second write waits for the first");
  while (!settled) {
    releases.shift()?.();
    await turns(2);
  }
  await settling;
  assert.equal(mostOpen, 1);
  assert.equal(calls, 2);
  assert.equal(behind.add({ exchange: exchange(ARIA, "after"), sessionId: "s1" }), true);
  const drained = behind.drain();
  while (releases.length === 0) await turns(1);
  releases.shift()!();
  await drained;
});

Deno.test("write-behind: a deleted persona's failed store is dropped at debug, no loss told, the queue stays on", async () => {
  // Kira was deleted while her exchange was being written: the store refuses it (foreign key).
  const { stored, warnings, debugs, quiet, behind } = setUp({
    fail: (record) => record.persona.id === KIRA.id,
    deleted: new Set([KIRA.id]),
  });
  behind.add({ exchange: exchange(KIRA, "gone"), sessionId: "s2" });
  behind.add({ exchange: exchange(ARIA, "kept"), sessionId: "s1" });
  await behind.drain();
  assert.deepEqual(stored, ["Aria: kept"]);
  assert.deepEqual(warnings, [], "not a loss: the persona's memories went with it");
  assert.deepEqual(debugs, ["Chat exchange not stored: its persona was deleted"]);
  assert.equal(behind.add({ exchange: exchange(ARIA, "next"), sessionId: "s1" }), true);
  await behind.drain();
  await quiet.drain();
});

Deno.test("write-behind: close writes what is queued and refuses every exchange after it", async () => {
  const { stored, quiet, behind } = setUp();
  behind.add({ exchange: exchange(ARIA, "before"), sessionId: "s1" });
  await behind.close();
  assert.deepEqual(stored, ["Aria: before"]);
  assert.equal(behind.add({ exchange: exchange(ARIA, "after"), sessionId: "s1" }), false);
  behind.working();
  assert.equal(behind.add({ exchange: exchange(ARIA, "after"), sessionId: "s1" }), false);
  assert.equal(behind.queued, 0);
  await quiet.drain();
});

Deno.test("write-behind is idle only when nothing is queued and nothing is being written", async () => {
  const { behind, quiet } = setUp();
  assert.equal(behind.idle, true);
  assert.ok(behind.add({ exchange: exchange(), sessionId: "s1" }));
  assert.equal(behind.idle, false, "queued");
  const settling = behind.settle(ARIA.id);
  assert.equal(behind.idle, false, "being written");
  await settling;
  assert.equal(behind.idle, true);
  await quiet.drain();
});

Deno.test("write-behind's barrier: work runs at once when idle, after the persona's exchanges are in otherwise", async () => {
  const { behind, quiet, stored } = setUp();
  const answer = Promise.resolve("read");
  // Idle: the work's own promise, with no wait before it (persona.get's count path).
  assert.equal(behind.after(ARIA.id, () => answer), answer);
  assert.ok(behind.add({ exchange: exchange(ARIA, "first"), sessionId: "s1" }));
  assert.ok(behind.add({ exchange: exchange(KIRA, "other"), sessionId: "s2" }));
  const seen = await behind.after(ARIA.id, () => Promise.resolve([...stored]));
  assert.deepEqual(seen, ["Aria: first"], "Aria's exchange is in before the work; Kira's waits");
  assert.equal(behind.queued, 1);
  assert.deepEqual(await behind.after(undefined, () => Promise.resolve([...stored])), [
    "Aria: first",
    "Kira: other",
  ]);
  await quiet.drain();
});
