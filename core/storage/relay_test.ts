import assert from "node:assert/strict";
import { MAX_PAYLOAD_BYTES, relayFor, type RelayMessage } from "./relay.ts";
import { SqliteDatabase } from "./sqlite.ts";
import { onSharedPostgres } from "./testing/databases.ts";

onSharedPostgres(
  "relay: a message one node sends is heard by every node",
  async (first, second) => {
    const [from, to] = [relayFor(first)!, relayFor(second)!];
    const heard: RelayMessage[] = [];
    to.on((message) => heard.push(message));
    from.on(() => {});
    // Listening starts in the background; resend until heard (a message sent before is lost).
    const deadline = performance.now() + 5_000;
    while (heard.length === 0 && performance.now() < deadline) {
      await from.send({ kind: "test.ping", n: 1 });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(heard[0], { kind: "test.ping", n: 1 });
    // Past NOTIFY's limit the message is not sent (no error for the sender).
    await from.send({ kind: "test.big", text: "x".repeat(MAX_PAYLOAD_BYTES + 200) });
  },
);

Deno.test("relay: SQLite has one node and no relay", () => {
  const db = new SqliteDatabase(":memory:");
  try {
    assert.equal(relayFor(db), undefined);
  } finally {
    db.close();
  }
});
