import assert from "node:assert/strict";
import type { ExchangeRecord } from "../chat/memory_port.ts";
import type { Persona } from "../personas/mod.ts";
import { MemoryListing } from "./memory_listing.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { WriteBehind } from "./write_behind.ts";

/** A listing over a SQLite fixture, behind a queue that stores through the fixture's service. */
async function setUp() {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  const stores: number[] = [];
  const behind = new WriteBehind({
    store: (exchanges) => {
      stores.push(exchanges.length);
      return fixture.memory.rememberExchanges(exchanges);
    },
    log: { warn: () => {}, debug: () => {} },
    // Written only when a read settles it: what a read sees is then the barrier's doing.
    later: () => {},
  });
  const listing = new MemoryListing({
    backend: fixture.backend,
    personas: fixture.personas,
    embedderId: fixture.memory.embedderId,
    behind,
  });
  return { fixture, behind, listing, stores };
}

function exchange(
  persona: Persona,
  message: string,
): { exchange: ExchangeRecord; sessionId: string } {
  return {
    exchange: { persona, sender: "Tam", roomId: null, message, response: "Noted." },
    sessionId: "s1",
  };
}

async function stored(fixture: MemoryFixture, contents: readonly string[]) {
  for (const content of contents) await fixture.memory.store(fixture.aria, input({ content }));
}

Deno.test("memory listing: list, stats and count first store the persona's queued exchanges", async () => {
  const { fixture, behind, listing, stores } = await setUp();
  try {
    await stored(fixture, ["The lighthouse keeper's cat is called Moss"]);
    assert.ok(behind.add(exchange(fixture.aria, "I moved to Lisbon")));
    const page = await listing.list(fixture.aria, { limit: 10, offset: 0 });
    assert.deepEqual(stores, [1], "the list settled the queue");
    assert.equal(page.total, 2);
    assert.equal(page.more, false);
    assert.equal(page.memories.length, 2);
    assert.match(page.memories[0]!.content, /Lisbon/, "newest first");

    assert.ok(behind.add(exchange(fixture.aria, "I took up rowing")));
    assert.equal((await listing.stats(fixture.aria)).total_memories, 3);
    assert.ok(behind.add(exchange(fixture.aria, "I sold the boat")));
    assert.equal(await listing.count(fixture.aria), 4);
    assert.deepEqual(stores, [1, 1, 1]);

    // Another persona's queued exchange is not written for Kira's reads.
    assert.ok(behind.add(exchange(fixture.aria, "I bought a kayak")));
    assert.equal(await listing.count(fixture.kira), 0);
    assert.equal(behind.queued, 1, "Aria's exchange still waits");
    await behind.drain();
  } finally {
    await fixture.close();
  }
});

Deno.test("memory listing: recent is the newest first, find reads one by id, shared stats name the personas", async () => {
  const { fixture, listing } = await setUp();
  try {
    await stored(fixture, ["first", "second", "third"].map((word) => `The ${word} note`));
    const recent = await listing.recent(fixture.aria, { limit: 2 });
    assert.deepEqual(recent.map((record) => record.content), ["The third note", "The second note"]);
    assert.equal((await listing.find(recent[1]!.id))?.content, "The second note");
    assert.equal(await listing.find("mem_none"), undefined);
    const shared = await listing.sharedStats();
    assert.ok(JSON.stringify(shared).includes("Aria"), JSON.stringify(shared));
  } finally {
    await fixture.close();
  }
});
