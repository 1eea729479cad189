/**
 * `state.save` under ever new keys (attack9 F1: 2,000 saves a second filled the disk) keeps at
 * most MAX_SAVED_STATES saved states: the least recently saved go, the newest stay.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../core/clock.ts";
import { startServer } from "../core/server/server.ts";
import { RpcClient, testConfig, testLogger } from "./_helpers.ts";

Deno.test("saves under new keys past MAX_SAVED_STATES push out the least recently saved", async () => {
  const clock = new ManualClock();
  const server = await startServer(testConfig({ MAX_SAVED_STATES: "5" }), {
    log: testLogger(),
    clock,
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    for (let i = 0; i < 20; i++) {
      clock.advance(1000);
      await client.call("state.save", { key: `flood-${i}` });
    }
    const rows = await server.services.db.all<{ key: string }>(
      "SELECT key FROM session_states ORDER BY saved_at",
    );
    assert.deepEqual(rows.map((row) => row.key), [15, 16, 17, 18, 19].map((i) => `flood-${i}`));
    const loaded = await client.call("state.load", { key: "flood-19" });
    assert.equal(loaded.active_persona_name, "Aria");
  } finally {
    await client.close();
    await server.shutdown();
  }
});
