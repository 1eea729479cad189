import assert from "node:assert/strict";
import { success } from "./envelope.ts";
import { keepJson, keptJson, ResultMemo } from "./kept_json.ts";
import { serializeWithin } from "./reply_budget.ts";

function profile(name: string) {
  return { persona: { name, traits: { openness: 0.5 }, tags: ["bard"], avatar: null } };
}

Deno.test("a kept result's reply is the text JSON.stringify writes, whatever the id", async () => {
  const result = keepJson(profile('Aria — «ünïcode» "quoted"'));
  for (const id of [7, "req-1", 'é"\\', null, 0]) {
    const response = success(id, result);
    const { text, reply } = await serializeWithin(response, 1_000_000);
    assert.equal(text, JSON.stringify(response));
    assert.equal(reply, response);
    const batch = await serializeWithin([response, success(1, { plain: true })], 1_000_000);
    assert.equal(batch.text, JSON.stringify([response, success(1, { plain: true })]));
  }
});

Deno.test("a kept result is measured in UTF-8 bytes against the reply budget", async () => {
  const result = keepJson({ text: "é".repeat(400) });
  assert.equal(keptJson(result)?.bytes, new TextEncoder().encode(JSON.stringify(result)).length);
  const within = await serializeWithin(success(1, result), 900);
  assert.equal(within.text, JSON.stringify(success(1, result)));
  // 400 characters, but 800 bytes of text and the envelope: over a 820-byte budget.
  const over = await serializeWithin(success(2, result), 820);
  assert.equal((over.reply as { error: { code: number } }).error.code, -32005);
  const batch = await serializeWithin([success(3, result), success(4, result)], 1_000);
  const codes = (batch.reply as Array<{ result?: unknown; error?: { code: number } }>)
    .map((reply) => reply.error?.code ?? "ok");
  assert.deepEqual(codes, ["ok", -32005]);
});

Deno.test("a kept result's id counts in UTF-8 bytes too, to the byte", async () => {
  const result = keepJson({ ok: true });
  for (const id of ["ü€", 12]) {
    const response = success(id, result);
    const bytes = new TextEncoder().encode(JSON.stringify(response)).length;
    assert.equal((await serializeWithin(response, bytes)).text, JSON.stringify(response));
    const over = await serializeWithin(response, bytes - 1);
    assert.equal((over.reply as { error: { code: number } }).error.code, -32005, `id ${id}`);
  }
});

Deno.test("a kept result is frozen with everything it reaches: its text cannot go stale", () => {
  const result = keepJson(profile("Aria"));
  assert.throws(() => {
    (result.persona as { name: string }).name = "Bob";
  }, TypeError);
  assert.throws(() => (result.persona.tags as string[]).push("x"), TypeError);
  assert.throws(() => {
    (result.persona.traits as { openness: number }).openness = 1;
  }, TypeError);
  assert.equal(keptJson(result)?.text, JSON.stringify(profile("Aria")));
  assert.equal(keptJson(profile("Aria")), undefined, "an object never kept has no text");
  assert.equal(keptJson("text"), undefined);
});

Deno.test("ResultMemo reuses a result while its key and parts are the same, and no longer", () => {
  const memo = new ResultMemo<object, object>();
  const persona = { id: "p1" };
  let built = 0;
  const answer = (parts: unknown[]) => memo.get(persona, parts, () => ({ n: ++built, parts }));
  const extras = { avatar: null };
  const first = answer([3, 0, undefined, extras]);
  assert.equal(answer([3, 0, undefined, extras]), first);
  assert.equal(built, 1);
  assert.ok(keptJson(first), "the memo's results are kept");
  assert.notEqual(answer([4, 0, undefined, extras]), first, "a new figure builds anew");
  assert.notEqual(answer([4, 0, undefined, { avatar: null }]), first, "parts compare by identity");
  assert.notEqual(memo.get({ id: "p1" }, [4, 0, undefined, extras], () => ({})), first);
  assert.equal(built, 3);
});
