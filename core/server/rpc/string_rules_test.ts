import assert from "node:assert/strict";
import { z } from "zod";
import { checkParamStrings, NUL_MESSAGE } from "./string_rules.ts";
import { validateParams } from "./params.ts";
import { RpcCode, RpcError } from "./wire_errors.ts";

/** The error `run` throws (it must throw an RpcError). */
function refusal(run: () => unknown): RpcError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof RpcError);
    return error;
  }
  assert.fail("expected a refusal");
}

Deno.test("a NUL anywhere in params is refused with -32602 naming the field", () => {
  const cases: Array<[unknown, string]> = [
    [{ content: "a\u0000b" }, "content"],
    [{ metadata: { tags: ["ok", "\u0000"] } }, "metadata.tags.1"],
    [{ list: [{ deep: { text: "x\u0000" } }] }, "list.0.deep.text"],
  ];
  for (const [params, field] of cases) {
    const error = refusal(() => checkParamStrings(params));
    assert.equal(error.code, RpcCode.InvalidParams);
    assert.equal(error.message, `Invalid params: ${field} ${NUL_MESSAGE}`);
    assert.deepEqual(error.data, { fields: [{ field, message: NUL_MESSAGE }] });
  }
  assert.match(NUL_MESSAGE, /must not contain the NUL character \(U\+0000\)/);
});

Deno.test("the text of a backslash-u escape typed by a user is kept as it is", () => {
  const params = JSON.parse('{"content":"see \\\\u0000 and \\\\ud800"}');
  assert.equal(params.content, "see \\u0000 and \\ud800");
  assert.deepEqual(checkParamStrings(params), { content: "see \\u0000 and \\ud800" });
});

Deno.test("lone surrogates become U+FFFD in place, pairs are kept", () => {
  const params = {
    content: "a\ud800b",
    pair: "🙂",
    tags: ["\udfff", "fine"],
    meta: { "k\udbff": "v\udbff" },
  };
  const same = checkParamStrings(params);
  assert.equal(same, params, "the same object");
  assert.deepEqual(params, {
    content: "a\ufffdb",
    pair: "🙂",
    tags: ["\ufffd", "fine"],
    meta: { "k\udbff": "v\ufffd" },
  }, "keys are left as they are (JSON text keeps them exactly)");
  assert.equal(checkParamStrings("\ud800"), "\ufffd");
});

Deno.test("keys are not looked at: a NUL in a key passes (it is stored as JSON text)", () => {
  const params = { metadata: { "key\u0000": "value" } };
  assert.equal(checkParamStrings(params), params);
  assert.equal(JSON.stringify(params), '{"metadata":{"key\\u0000":"value"}}');
});

Deno.test("clean params pass untouched; primitives and null pass", () => {
  const params = { a: "x", b: [1, null, true, { c: "é" }], d: null };
  const copy = structuredClone(params);
  assert.equal(checkParamStrings(params), params);
  assert.deepEqual(params, copy);
  for (const value of [null, undefined, 1, true]) assert.equal(checkParamStrings(value), value);
});

Deno.test("validateParams applies the rules before the schema", () => {
  const schema = z.object({ content: z.string(), tags: z.array(z.string()).optional() });
  const error = refusal(() => validateParams(schema, { content: "x\u0000y" }));
  assert.equal(error.code, RpcCode.InvalidParams);
  assert.deepEqual(error.data, { fields: [{ field: "content", message: NUL_MESSAGE }] });
  assert.deepEqual(validateParams(schema, { content: "x\udc00", tags: ["\ud800"] }), {
    content: "x\ufffd",
    tags: ["\ufffd"],
  });
});
