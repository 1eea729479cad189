/**
 * Edges of `upload.ts` (review37): the drain bound at exactly four times the limit, a body with
 * no declared length, and which part of a form is the file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";

async function restApp(env: Record<string, string> = {}) {
  const parts = await buildServer(testConfig(env), { log: testLogger(), databasePath: ":memory:" });
  return { ...parts, [Symbol.asyncDispose]: () => parts.services.db.close() };
}

/** An endless body that records whether it was cancelled; `declared` as its Content-Length. */
function oversize(declared?: number) {
  const seen = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull: (controller) => controller.enqueue(new Uint8Array(1024)),
    cancel: () => {
      seen.cancelled = true;
    },
  });
  const headers: Record<string, string> = { "Content-Type": "application/zip" };
  if (declared !== undefined) headers["Content-Length"] = String(declared);
  const request = new Request("http://localhost/api/personas/import", {
    method: "POST",
    headers,
    body,
  });
  return { request, seen };
}

Deno.test("an oversize body declared at exactly four times the limit is drained; one byte more is not", async () => {
  await using app = await restApp({ CARD_MAX_BYTES: "100000" });
  const at = oversize(400_000);
  assert.equal((await app.rest.request(at.request)).status, 413);
  assert.equal(at.seen.cancelled, true);
  const past = oversize(400_001);
  assert.equal((await app.rest.request(past.request)).status, 413);
  assert.equal(past.seen.cancelled, false);
});

Deno.test("an oversize body of no declared length is left unread", async () => {
  await using app = await restApp({ CARD_MAX_BYTES: "100000" });
  const unknown = oversize();
  assert.equal((await app.rest.request(unknown.request)).status, 413);
  assert.equal(unknown.seen.cancelled, false);
});

function card(name: string): string {
  return JSON.stringify({ spec: "chara_card_v2", spec_version: "2.0", data: { name } });
}

Deno.test("of two `file` parts the last is the file; without one, the first file part is", async () => {
  await using app = await restApp();
  const twice = new FormData();
  twice.append("file", new File([card("First")], "a.json"));
  twice.append("file", new File([card("Second")], "b.json"));
  const both = await app.rest.request("/api/personas/import", { method: "POST", body: twice });
  assert.equal(both.status, 201, await both.clone().text());
  assert.equal((await both.json()).persona.name, "Second");

  const other = new FormData();
  other.set("on_conflict", "rename");
  other.set("card", new File([card("Named")], "c.json"));
  const named = await app.rest.request("/api/personas/import", { method: "POST", body: other });
  assert.equal(named.status, 201, await named.clone().text());
  assert.equal((await named.json()).persona.name, "Named");
});
