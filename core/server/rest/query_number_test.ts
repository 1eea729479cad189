import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { queryNumber } from "./query_number.ts";

const NOT_DECIMAL = ["0x10", "0b11", "0o7", "1e1", " 5 ", "5 ", "+5", "Infinity", ".5", "5."];

Deno.test("queryNumber reads plain decimals only; anything else stays text", () => {
  assert.deepEqual(["5", "-2", "0", "007", "0.75"].map(queryNumber), [5, -2, 0, 7, 0.75]);
  for (const text of NOT_DECIMAL) assert.equal(queryNumber(text), text);
});

Deno.test("REST numeric query parameters: decimals only, 400 naming the field otherwise (every route family)", async () => {
  const parts = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  try {
    const aria = await parts.services.personas.resolve("Aria");
    const routes = [
      "/api/personas?limit=", // tools.query
      `/api/personas/${aria.id}/memories?limit=`, // memory routes
      "/api/jobs?limit=", // mind routes
    ];
    for (const route of routes) {
      const ok = await parts.rest.request(`${route}2`);
      assert.equal(ok.status, 200, route);
      await ok.body?.cancel();
      for (const text of ["0x10", "0b11", "1e1", "%205%20"]) {
        const refused = await parts.rest.request(`${route}${text}`);
        assert.equal(refused.status, 400, `${route}${text}`);
        const body = await refused.json();
        assert.equal(body.error.code, -32602, `${route}${text}`);
        assert.match(JSON.stringify(body.error.data), /limit/, `${route}${text} names the field`);
      }
    }
    const found = await parts.rest.request(
      `/api/personas/${aria.id}/memories?query=x&min_importance=0.5`,
    );
    assert.equal(found.status, 200, "a decimal fraction where the field takes one");
    await found.body?.cancel();
  } finally {
    parts.services.db.close();
  }
});
