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

Deno.test("memory search with explain=true gives each hit its score parts; without it, none", async () => {
  await using app = await restApp();
  const base = `/api/personas/${app.aria.id}/memories`;
  const store = (content: string, importance: number) =>
    app.rest.request(base, send("POST", { content, importance }));
  await store("The lighthouse keeper paints the lighthouse blue every spring", 0.9);
  await store("A blue boat waits in the harbour", 0.2);
  await store("Bread from the market", 0.5);

  const plain = await (await app.rest.request(`${base}?query=blue+lighthouse`)).json();
  assert.ok(plain.memories.length >= 2);
  for (const hit of plain.memories) assert.equal("score_parts" in hit, false);

  const found = await (await app.rest.request(`${base}?query=blue+lighthouse&explain=true`)).json();
  assert.deepEqual(
    found.memories.map((hit: { id: string }) => hit.id),
    plain.memories.map((hit: { id: string }) => hit.id),
    "explaining does not change the ranking",
  );
  const [best, second] = found.memories;
  const parts = best.score_parts;
  assert.deepEqual(Object.keys(parts).sort(), [
    "adjustment",
    "alignment",
    "importance",
    "lexical",
    "nudge",
    "recency",
    "relevance",
    "similarity",
    "vector",
  ]);
  assert.match(best.content, /lighthouse keeper/);
  assert.ok(parts.lexical > second.score_parts.lexical, "both words beat one");
  assert.equal(parts.importance, 0.9);
  assert.ok(parts.recency > 0.99 && parts.recency <= 1, "just stored");
  // relevance = 0.40 lexical + 0.35 alignment + 0.25 vector (the local embedder's weights).
  const sum = 0.4 * parts.lexical + 0.35 * parts.alignment + 0.25 * parts.vector;
  assert.ok(Math.abs(parts.relevance - sum) < 1e-3, `${parts.relevance} vs ${sum}`);
  // nudge = 1 + 0.1 (½(2·importance − 1) + ½(2·recency − 1)).
  const nudge = 1 + 0.1 * (0.5 * (2 * 0.9 - 1) + 0.5 * (2 * parts.recency - 1));
  assert.ok(Math.abs(parts.nudge - nudge) < 1e-3);
  assert.equal(parts.adjustment, 1);
  for (const hit of found.memories) {
    const p = hit.score_parts;
    assert.ok(Math.abs(hit.score - p.relevance * p.nudge * p.adjustment) < 1e-3, hit.content);
    assert.equal(hit.relevance, p.relevance);
  }

  const bad = await app.rest.request(`${base}?query=x&explain=maybe`);
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error.data.fields[0].field, "explain");
});

Deno.test("a superseded hit explains its halving as the adjustment", async () => {
  await using app = await restApp();
  const base = `/api/personas/${app.aria.id}/memories`;
  const old = await (await app.rest.request(
    base,
    send("POST", { content: "The lighthouse is painted red", importance: 0.5 }),
  )).json();
  await app.rest.request(
    base,
    send("POST", {
      content: "The lighthouse is painted blue now",
      importance: 0.5,
      supersedes: [old.memory_id],
    }),
  );
  const found = await (await app.rest.request(`${base}?query=lighthouse+painted&explain=true`))
    .json();
  const older = found.memories.find((hit: { id: string }) => hit.id === old.memory_id);
  const newer = found.memories.find((hit: { id: string }) => hit.id !== old.memory_id);
  assert.equal(newer.score_parts.adjustment, 1);
  assert.ok(older.score_parts.adjustment <= 0.5, `${older.score_parts.adjustment}`);
});
