/**
 * The README documents every JSON-RPC method, every REST route and every setting.
 */
import assert from "node:assert/strict";
import { SETTINGS } from "../core/config.ts";
import { buildApp } from "../core/server/server.ts";
import { plugins } from "../plugins/_manifest.gen.ts";
import { REPO_ROOT, testConfig, testLogger } from "./_helpers.ts";

const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);

/** The rows of the README table whose header row starts with `header`. */
function tableRows(header: string): string[] {
  const lines = readme.split("\n");
  const start = lines.findIndex((line) => line.startsWith(header));
  assert.ok(start >= 0, `README has a table headed "${header}"`);
  const rows: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line);
  }
  return rows;
}

function rowsNaming(rows: string[], cell: string): number {
  return rows.filter((row) => row.startsWith(`| \`${cell}\``)).length;
}

Deno.test("the README documents every setting, once", () => {
  const rows = tableRows("| Setting");
  for (const name of Object.keys(SETTINGS)) {
    assert.equal(rowsNaming(rows, name), 1, `README rows for setting ${name}`);
  }
  assert.equal(rows.length, Object.keys(SETTINGS).length, "no row for a setting that is gone");
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
    const rows = tableRows("| Route");
    for (const route of routes) {
      const text = `${route.method} ${route.path}`;
      assert.equal(rowsNaming(rows, text), 1, `README rows for route ${text}`);
    }
    assert.equal(rows.length, routes.length, "no row for a route that is gone");
  } finally {
    app.services.db.close();
  }
});
