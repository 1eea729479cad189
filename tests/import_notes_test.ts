/**
 * What an import leaves out is said in its notes, and nothing else is (attack28 F8-F10): a
 * CHARX's files past the 256 assets a card keeps and at unsafe paths, a model-less persona's own
 * card imported again (no model named: no note), a bundle's fields this server does not read.
 * Through `app.request()` on the REST routes, SQLite in memory, no model.
 *
 * @module
 */
import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import { buildServer } from "../core/server/server.ts";
import { testConfig, testLogger } from "./_helpers.ts";

type Json = Record<string, unknown>;

async function restApp() {
  const parts = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const call = async (method: string, path: string, body?: BodyInit | Json, type?: string) => {
    const json = body !== undefined && !(body instanceof Uint8Array) && typeof body === "object";
    const answer = await parts.rest.request(path, {
      method,
      headers: { "Content-Type": type ?? "application/json" },
      body: json ? JSON.stringify(body) : body as BodyInit | undefined,
    });
    const text = await answer.text();
    return {
      status: answer.status,
      body: (text.startsWith("{") ? JSON.parse(text) : text) as Json,
    };
  };
  return { call, [Symbol.asyncDispose]: () => parts.services.db.close() };
}

Deno.test("a CHARX's files left out (past 256, unsafe paths) are named in the notes (F8)", async () => {
  await using app = await restApp();
  const card = { spec: "chara_card_v3", spec_version: "3.0", data: { name: "Unlisted" } };
  const files: Record<string, Uint8Array> = { "card.json": strToU8(JSON.stringify(card)) };
  for (let i = 0; i < 300; i++) files[`extra/f${i}.txt`] = strToU8(`file ${i}`);
  files["../escape.txt"] = strToU8("x");
  const { status, body } = await app.call(
    "POST",
    "/api/personas/import",
    zipSync(files),
    "application/zip",
  );
  assert.equal(status, 201, JSON.stringify(body));
  const notes = (body.notes as string[]).join("\n");
  assert.match(notes, /44 files of the CHARX were left out: a card keeps at most 256 assets/);
  assert.match(notes, /1 files of the CHARX were left out: .*"\.\.\/escape\.txt"/);
});

Deno.test("a model-less persona's own card imported again gets no model note (F9)", async () => {
  await using app = await restApp();
  const created = await app.call("POST", "/api/personas", { name: "NoModel", description: "x" });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.persona_id as string;
  const exported = await app.call("GET", `/api/personas/${id}/card?format=json`);
  const ours = ((exported.body.data as Json).extensions as Json)["persona-mcp"] as Json;
  assert.equal(ours.model, null, "our export writes model: null");
  const again = await app.call(
    "POST",
    "/api/personas/import?on_conflict=rename",
    JSON.stringify(exported.body),
  );
  assert.equal(again.status, 201, JSON.stringify(again.body));
  assert.deepEqual((again.body.notes as string[]).filter((note) => /model/.test(note)), []);
  assert.equal((again.body.persona as Json).model, null);
});

Deno.test("a bundle's fields this server does not read are named in a note (F10)", async () => {
  await using app = await restApp();
  const created = await app.call("POST", "/api/personas", { name: "SkewSrc", description: "x" });
  const id = created.body.persona_id as string;
  const bundle = (await app.call("GET", `/api/personas/${id}/bundle`)).body;
  await app.call("DELETE", `/api/personas/${id}`);

  const plain = await app.call("POST", "/api/personas/bundles", bundle);
  assert.equal(plain.status, 201, JSON.stringify(plain.body));
  assert.deepEqual(
    (plain.body.notes as string[]).filter((note) => /does not read/.test(note)),
    [],
    "an export of this version imports without the note",
  );

  const newer = structuredClone(bundle);
  newer.future_part = { x: 1 };
  (newer.persona as Json).future_field = 1;
  newer.memories = [{
    content: "remember the lighthouse",
    memory_type: "episodic",
    importance: 0.5,
    emotional_valence: 0,
    related_personas: [],
    visibility: "private",
    metadata: {},
    created_at: "2026-01-01T00:00:00Z",
    future_field: 2,
  }];
  const skewed = await app.call("POST", "/api/personas/bundles?on_conflict=rename", newer);
  assert.equal(skewed.status, 201, JSON.stringify(skewed.body));
  const note = (skewed.body.notes as string[]).find((note) => /does not read/.test(note));
  assert.equal(
    note,
    "Fields this server does not read were left out (from a newer version?): " +
      "future_part, persona.future_field, memories.*.future_field",
  );
});
