import assert from "node:assert/strict";
import type { ExchangeRecord } from "../chat/memory_port.ts";
import { createLogger } from "../log.ts";
import { storeExchanges } from "./chat_stores.ts";
import type { StoredEvent } from "./events.ts";
import { LocalEmbedder } from "./embedder.ts";
import { PurgeQueue } from "./purges.ts";
import { serviceParts } from "./service_parts.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { CONTRACT_SETTINGS, memoryFixture } from "./testing/contract_fixture.ts";

Deno.test("service parts share one writer, its listeners and one queue, whose barrier the listing passes", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  const queued: string[] = [];
  const parts = serviceParts({
    backend: fixture.backend,
    embedder: new LocalEmbedder(),
    personas: fixture.personas,
    clock: fixture.clock,
    log: createLogger("error", { write: () => {} }),
    purges: new PurgeQueue(fixture.db),
    settings: CONTRACT_SETTINGS,
    // Written only when a read settles the queue.
    later: () => {},
  }, (exchanges: readonly ExchangeRecord[]) => {
    queued.push(...exchanges.map((exchange) => exchange.message));
    return storeExchanges(parts.chat, exchanges);
  });
  try {
    assert.equal(parts.chat.writer, parts.writer, "the chat's stores use the service's writer");
    const told: StoredEvent[] = [];
    parts.listeners.add((event) => void told.push(event));
    const exchange = {
      persona: fixture.aria,
      sender: "Tam",
      roomId: null,
      message: "I moved to Lisbon",
      response: "Noted.",
    };
    assert.ok(parts.behind.add({ exchange, sessionId: "s1" }));
    assert.equal(await parts.listing.count(fixture.aria), 1, "the count settled the queue");
    assert.deepEqual(queued, ["I moved to Lisbon"], "stored through the given function");
    assert.deepEqual(told.map((event) => event.origin), ["chat"], "the writer told the listeners");
  } finally {
    await parts.behind.close();
    await parts.writer.settled();
    await parts.writer.close();
    await fixture.close();
  }
});
