import assert from "node:assert/strict";
import { buildServer } from "../../core/server/server.ts";
import { testConfig, testLogger } from "../../tests/_helpers.ts";

Deno.test("visual.update without data, or with data of the wrong shape, says what data should be", async () => {
  const parts = await buildServer(testConfig({ PLUGINS: "visual" }), {
    log: testLogger(),
    databasePath: ":memory:",
  });
  try {
    for (const params of [{}, { data: 3 }, { data: ["a"] }]) {
      const answer = await parts.rest.request("/api/rpc", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "visual.update", params }),
      });
      const { error } = await answer.json();
      assert.equal(error.code, -32602);
      assert.match(error.message, /data must be a string or an object, e\.g\. \{"place": /);
    }
  } finally {
    await parts.services.db.close();
  }
});
