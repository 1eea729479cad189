/**
 * The README documents every JSON-RPC method, every REST route and every setting.
 */
import assert from "node:assert/strict";
import { SETTINGS } from "../core/config.ts";
import { buildApp } from "../core/server.ts";
import { plugins } from "../plugins/_manifest.gen.ts";
import { REPO_ROOT, testConfig, testLogger } from "./_helpers.ts";

const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);

Deno.test("the README documents every setting", () => {
  for (const name of Object.keys(SETTINGS)) {
    assert.ok(readme.includes(`| \`${name}\``), `README lacks setting ${name}`);
  }
});

Deno.test("the README documents every method and REST route (all plugins enabled)", async () => {
  const config = testConfig({ PLUGINS: plugins.map((plugin) => plugin.name).join(",") });
  const app = await buildApp(config, { log: testLogger(), databasePath: ":memory:" });
  try {
    for (const method of app.dispatcher.registry.methods()) {
      assert.ok(readme.includes(`\`${method}\``), `README lacks method ${method}`);
    }
    const routes = app.rest.routes.filter((route) => route.method !== "ALL");
    assert.ok(routes.length > 5);
    for (const route of routes) {
      const text = `${route.method} ${route.path}`;
      assert.ok(readme.includes(text), `README lacks route ${text}`);
    }
  } finally {
    app.services.db.close();
  }
});
