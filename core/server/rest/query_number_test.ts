import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { queryNumber } from "./query_number.ts";

const NOT_DECIMAL = [
  ..."0x10 0b11 0o7 +5 Infinity -Infinity NaN .5 5. 1e 1e+ e5 1e1000 1e999 -1e999".split(" "),
  ..." 5 ,5 ,1e 5,1e5 ,0x1e5,1.e5,1e5.0,1e+-5,1_000".split(","),
];

Deno.test("queryNumber reads decimals, with an exponent as JavaScript and Python print it; anything else stays text", () => {
  assert.deepEqual(["5", "-2", "0", "007", "0.75"].map(queryNumber), [5, -2, 0, 7, 0.75]);
  assert.deepEqual(
    ["1e-7", "1e-05", "1e+21", "1E3", "1.5e2", "-2.5E-3", "1e1"].map(queryNumber),
    [1e-7, 1e-5, 1e21, 1000, 150, -0.0025, 10],
  );
  assert.equal(queryNumber(String(1e-7)), 1e-7, "JavaScript's own printing reads back");
  for (const text of NOT_DECIMAL) assert.equal(queryNumber(text), text, JSON.stringify(text));
});

Deno.test("REST numeric query parameters: decimals (exponent allowed), 400 naming the field otherwise (every route family)", async () => {
  const parts = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  try {
    const aria = await parts.services.personas.resolve("Aria");
    const routes = [
      "/api/personas?limit=", // tools.query
      `/api/personas/${aria.id}/memories?limit=`, // memory routes
      "/api/jobs?limit=", // mind routes
    ];
    for (const route of routes) {
      // "%2B": a "+" left unencoded in a query string reads as a space.
      for (const text of ["2", "1e1", "2E%2B0"]) {
        const ok = await parts.rest.request(`${route}${text}`);
        assert.equal(ok.status, 200, `${route}${text}`);
        await ok.body?.cancel();
      }
      for (const text of ["0x10", "0b11", "1e999", "%205%20"]) {
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
    const small = await parts.rest.request(
      `/api/personas/${aria.id}/memories?query=x&min_importance=1e-05`,
    );
    assert.equal(small.status, 200, "exponents as Python and JavaScript print them");
    await small.body?.cancel();
  } finally {
    parts.services.db.close();
  }
});
