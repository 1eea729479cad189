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

Deno.test("lone surrogates become U+FFFD in a copy of the path to them, pairs are kept", () => {
  const untouched = { text: "fine", list: [1, 2] };
  const params = {
    content: "a\ud800b",
    pair: "🙂",
    tags: ["\udfff", "fine"],
    meta: { "k\udbff": "v\udbff" },
    untouched,
  };
  const sent = structuredClone(params);
  const mended = checkParamStrings(params);
  assert.deepEqual(mended, {
    content: "a\ufffdb",
    pair: "🙂",
    tags: ["\ufffd", "fine"],
    meta: { "k\udbff": "v\ufffd" },
    untouched,
  }, "keys are left as they are (JSON text keeps them exactly)");
  assert.deepEqual(params, sent, "the caller's object is not changed (others may hold it)");
  assert.notEqual(mended.tags, params.tags);
  assert.equal(mended.untouched, untouched, "containers off the path are shared, not copied");
  assert.equal(checkParamStrings("\ud800"), "\ufffd");
});

Deno.test("frozen params holding a lone surrogate are mended in a copy, not a TypeError", () => {
  const params = Object.freeze({
    content: "a\ud800",
    list: Object.freeze([Object.freeze({ deep: "\udc00" })]),
  });
  assert.deepEqual(checkParamStrings(params), { content: "a\ufffd", list: [{ deep: "\ufffd" }] });
  assert.equal(params.content, "a\ud800");
  const valid = validateParams(z.object({ content: z.string() }), params);
  assert.deepEqual(valid, { content: "a\ufffd" }, "validateParams parses the mended copy");
});

Deno.test("a nested method's params (tools/call arguments) are left to that method", () => {
  const nested = { content: "x\u0000", note: "\ud800" };
  const params = { name: "memory_store", arguments: nested };
  assert.equal(checkParamStrings(params, { nestedParams: "arguments" }), params);
  assert.equal(params.arguments, nested);
  refusal(() => checkParamStrings(params));
  const mended = checkParamStrings({ name: "a\ud800", arguments: nested }, {
    nestedParams: "arguments",
  });
  assert.deepEqual(mended, { name: "a\ufffd", arguments: nested });
  assert.equal(mended.arguments, nested, "passed on as sent");
  const error = refusal(() =>
    checkParamStrings({ name: "a\u0000", arguments: {} }, { nestedParams: "arguments" })
  );
  assert.equal(error.message, `Invalid params: name ${NUL_MESSAGE}`);
});

Deno.test("typed arrays hold no strings and are not walked", () => {
  const bytes = Object.assign(new Uint8Array(4), { label: "\u0000" });
  const params = { bytes };
  assert.equal(checkParamStrings(params), params);
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
