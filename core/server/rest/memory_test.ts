import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";

async function restApp() {
  const parts = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const aria = await parts.services.personas.resolve("Aria");
  return { ...parts, aria, [Symbol.asyncDispose]: () => parts.services.db.close() };
}

function send(method: string, body: unknown): RequestInit {
  return { method, body: JSON.stringify(body), headers: { "Content-Type": "application/json" } };
}

Deno.test("memory routes: store (201), search, list, stats, patch, delete", async () => {
  await using app = await restApp();
  const base = `/api/personas/${app.aria.id}/memories`;
  const created = await app.rest.request(base, send("POST", { content: "The lighthouse is blue" }));
  assert.equal(created.status, 201);
  const { memory_id, stored } = await created.json();
  assert.equal(stored, true);
  await app.rest.request(base, send("POST", { content: "Bread from the market", importance: 0.2 }));

  const found = await (await app.rest.request(`${base}?query=lighthouse&n_results=1`)).json();
  assert.equal(found.result_count, 1);
  assert.equal(found.memories[0].id, memory_id);

  const listed = await (await app.rest.request(`${base}?limit=5`)).json();
  assert.equal(listed.total, 2);
  assert.equal(listed.memories[0].content, "Bread from the market", "newest first");

  const stats = await (await app.rest.request(`${base}/stats`)).json();
  assert.equal(stats.total_memories, 2);

  const patched = await app.rest.request(
    `/api/memories/${memory_id}`,
    send("PATCH", { importance: 0.9 }),
  );
  assert.equal(patched.status, 200);
  assert.equal((await patched.json()).memory.importance, 0.9);

  const deleted = await app.rest.request(`/api/memories/${memory_id}`, { method: "DELETE" });
  assert.equal((await deleted.json()).deleted, true);
  const again = await app.rest.request(`/api/memories/${memory_id}`, { method: "DELETE" });
  assert.equal(again.status, 404);
  assert.equal((await again.json()).error.data.memory_id, memory_id);
});

Deno.test("memory routes refuse bad input with 400 naming the field, and unknown personas with 404", async () => {
  await using app = await restApp();
  const base = `/api/personas/${app.aria.id}/memories`;
  const cases: Array<[string, RequestInit | undefined, string]> = [
    [`${base}?query=x&n_results=lots`, undefined, "n_results"],
    [`${base}?query=x&min_importance=2`, undefined, "min_importance"],
    [`${base}?query=`, undefined, "query"],
    [`${base}?color=red`, undefined, "color"],
    [base, send("POST", { content: "" }), "content"],
    [base, send("POST", { content: "x", visibility: "secret" }), "visibility"],
    [`/api/memories/whatever`, send("PATCH", { importance: "high" }), "importance"],
  ];
  for (const [path, init, field] of cases) {
    const response = await app.rest.request(path, init);
    assert.equal(response.status, 400, path);
    const body = await response.json();
    assert.equal(body.error.code, -32602);
    assert.ok(body.error.data.fields.some((item: { field: string }) => item.field === field), path);
  }
  const unknown = await app.rest.request("/api/personas/nobody/memories?query=x");
  assert.equal(unknown.status, 404);
  assert.equal((await unknown.json()).error.code, -32000);
});
