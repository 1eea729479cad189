import assert from "node:assert/strict";
import { plugins } from "../../../plugins/_manifest.gen.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { documentRoutes, UndocumentedRoute } from "../docs/gen_docs.ts";
import { routeDocTables } from "../docs/document_routes.ts";
import { buildServer } from "../server.ts";

const allPlugins = () => testConfig({ PLUGINS: plugins.map((plugin) => plugin.name).join(",") });
const docTables = () => routeDocTables(plugins);

Deno.test("each documented route runs the method its doc names, and only those", async () => {
  const app = await buildServer(allPlugins(), { log: testLogger(), databasePath: ":memory:" });
  try {
    const routes = documentRoutes(app.rest.routes, docTables());
    const aria = await app.services.personas.resolve("Aria");
    // Every method call of the REST app goes through the dispatcher: record them.
    const called: string[] = [];
    const original = app.dispatcher.call.bind(app.dispatcher) as (
      target: unknown,
      params: unknown,
      options: unknown,
    ) => Promise<unknown>;
    Object.assign(app.dispatcher, {
      call(target: string | { method: string }, params: unknown, options: unknown) {
        called.push(typeof target === "string" ? target : target.method);
        return original(target, params, options);
      },
    });
    for (const route of routes) {
      const [verb, path] = route.key.split(" ") as [string, string];
      // A session of its own for each session route: one of them closes it.
      const id = path.startsWith("/api/personas/")
        ? aria.id
        : path.startsWith("/api/sessions/")
        ? app.services.sessions.open("rest").id
        : "no-such-id";
      const url = path.replace(":id", id);
      const body = verb === "GET" || verb === "DELETE" ? undefined : "{}";
      called.length = 0;
      const response = await app.rest.request(url, {
        method: verb,
        body,
        headers: body ? { "content-type": "application/json" } : {},
      });
      await response.body?.cancel();
      const calls = route.doc.calls ?? [];
      if (calls.length === 0) {
        assert.deepEqual(called, [], `${route.key} documents no method`);
      } else {
        assert.ok(called.length > 0, `${route.key} runs no method (doc: ${calls.join(", ")})`);
        for (const method of called) {
          assert.ok(calls.includes(method), `${route.key} runs ${method}, doc says ${calls}`);
          assert.ok(app.dispatcher.registry.get(method), `${method} exists`);
        }
      }
      if (route.doc.status !== undefined && response.ok) {
        assert.equal(response.status, route.doc.status, `${route.key} status`);
      }
    }
    // The search branch of the memory route (with a query) runs memory.search.
    called.length = 0;
    const search = await app.rest.request(`/api/personas/${aria.id}/memories?query=harbour`);
    await search.body?.cancel();
    assert.deepEqual(called, ["memory.search"]);
  } finally {
    await app.services.memory.close();
    await app.services.db.close();
  }
});

Deno.test("a route without a doc, or a doc without a route, stops the generator naming them", () => {
  const routes = [{ method: "GET", path: "/api/a" }, { method: "ALL", path: "/api/*" }];
  assert.throws(
    () => documentRoutes(routes, [{ docs: { "GET /api/b": {} } }]),
    (error: Error) =>
      error instanceof UndocumentedRoute &&
      error.message ===
        "routes without a doc: GET /api/a; docs of routes that do not exist: GET /api/b",
  );
  assert.equal(documentRoutes(routes, [{ docs: { "GET /api/a": {} } }]).length, 1);
});
