import assert from "node:assert/strict";
import {
  isRawId,
  MAX_JSON_DEPTH,
  MAX_MESSAGE_VALUES,
  parseJson,
  rawId,
  rawIdCount,
  textDepthExceeds,
  unparsedFrameId,
  UnreadFrame,
  valueDepthExceeds,
} from "./json_depth.ts";

function nested(depth: number, open = "[", close = "]"): string {
  return open.repeat(depth) + close.repeat(depth);
}

Deno.test("text depth: the limit passes, one more level does not", () => {
  assert.equal(textDepthExceeds(nested(MAX_JSON_DEPTH)), false);
  assert.equal(textDepthExceeds(nested(MAX_JSON_DEPTH + 1)), true);
  const objects = '{"a":'.repeat(MAX_JSON_DEPTH + 1) + "1" + "}".repeat(MAX_JSON_DEPTH + 1);
  assert.equal(textDepthExceeds(objects), true);
  assert.equal(textDepthExceeds(objects, MAX_JSON_DEPTH + 1), false);
});

Deno.test("text depth: brackets inside strings, escaped quotes included, do not count", () => {
  const inString = JSON.stringify({ text: "[".repeat(500) + '\\"[[[' + "{".repeat(500) });
  assert.equal(textDepthExceeds(inString), false);
  const escapedBackslash = JSON.stringify({ a: "\\", b: [[["x"]]] });
  assert.equal(textDepthExceeds(escapedBackslash, 3), true, "a string ending in \\\\ ends there");
  assert.equal(textDepthExceeds(escapedBackslash, 4), false);
});

Deno.test("value depth agrees with text depth", () => {
  for (const depth of [0, 1, 5, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1]) {
    const text = depth === 0 ? "1" : nested(depth);
    assert.equal(valueDepthExceeds(JSON.parse(text)), textDepthExceeds(text), `depth ${depth}`);
  }
  assert.equal(valueDepthExceeds({ a: [{ b: [1, { c: null }] }] }, 5), false);
  assert.equal(valueDepthExceeds({ a: [{ b: [1, { c: {} }] }] }, 5), true);
  // A flat object or array is one level: within any limit of at least 1.
  assert.equal(valueDepthExceeds({ a: 1, b: "x", c: null }, 1), false);
  assert.equal(valueDepthExceeds({ a: 1, b: {} }, 1), true);
  assert.equal(valueDepthExceeds([1, "x"], 0), true);
  assert.equal(valueDepthExceeds("x", 0), false);
});

Deno.test("text depth: as many openings as the limit, however long the text, pass at once", () => {
  const long = JSON.stringify({ text: "x".repeat(10_000), list: [[1], [2]] });
  assert.equal(textDepthExceeds(long, 3), false);
  assert.equal(textDepthExceeds(long, 2), true, "more openings than the limit: walked");
  const mixed = "{".repeat(3) + "[".repeat(3) + "]".repeat(3) + "}".repeat(3);
  assert.equal(textDepthExceeds(mixed, 6), false);
  assert.equal(textDepthExceeds(mixed, 5), true, "both kinds of bracket count");
});

Deno.test("value depth walks 100,000 levels without recursion", () => {
  let value: unknown = 1;
  for (let i = 0; i < 100_000; i++) value = [value];
  assert.equal(valueDepthExceeds(value), true);
});

Deno.test("parseJson refuses deep nesting with -32602 and bad JSON with -32700", () => {
  assert.deepEqual(parseJson('{"a":[1,2]}'), { a: [1, 2] });
  assert.throws(
    () => parseJson(nested(100_000)),
    (error: Error & { code: number }) =>
      error.code === -32602 && /deeper than 64/.test(error.message),
  );
  assert.throws(
    () => parseJson("{oops"),
    (error: Error & { code: number }) => error.code === -32700,
  );
});

Deno.test("parseJson keeps a long id and a cancel's params.requestId raw; every other requestId stays a number", () => {
  const long = "123456789012345678901";
  const request = parseJson(
    `{"jsonrpc":"2.0","id":${long},"method":"memory.store","params":{"metadata":` +
      `{"requestId":${long},"id":${long}},"arguments":{"requestId":${long}}}}`,
  ) as {
    id: unknown;
    params: { metadata: Record<string, unknown>; arguments: { requestId: unknown } };
  };
  assert.ok(isRawId(request.id));
  assert.equal(JSON.stringify(request.id), long);
  // Not a message's id, not a cancel's requestId: plain numbers, as JSON.parse gives them.
  assert.equal(request.params.metadata.requestId, Number(long));
  assert.equal(request.params.metadata.id, Number(long));
  assert.equal(request.params.arguments.requestId, Number(long));
  const cancel =
    `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":${long},` +
    `"reason":{"requestId":${long}}}}`;
  for (const parsed of [parseJson(cancel), (parseJson(`[${cancel},${cancel}]`) as unknown[])[1]]) {
    const params = (parsed as { params: { requestId: unknown; reason: { requestId: unknown } } })
      .params;
    assert.ok(isRawId(params.requestId));
    assert.equal(JSON.stringify(params.requestId), long);
    assert.equal(params.reason.requestId, Number(long));
  }
  // Another method's params.requestId is a number too.
  const other = parseJson(`{"jsonrpc":"2.0","method":"x","params":{"requestId":${long}}}`) as {
    params: { requestId: unknown };
  };
  assert.equal(other.params.requestId, Number(long));
  // Odd frames the pattern matches do not throw: null members, no params, params not an object.
  assert.deepEqual(parseJson(`[null,{"requestId":${long}}]`), [null, { requestId: Number(long) }]);
  assert.deepEqual(
    parseJson(`{"method":"notifications/cancelled","params":[{"requestId":${long}}]}`),
    { method: "notifications/cancelled", params: [{ requestId: Number(long) }] },
  );
});

Deno.test("raw ids no longer held are forgotten: the interning table stays bounded", async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return; // `deno task test` passes --expose-gc.
  const before = rawIdCount();
  for (let i = 0; i < 10_000; i++) rawId(String(10n ** 20n + BigInt(i)));
  assert.ok(rawIdCount() >= before + 10_000);
  // The finalizers run after a collection, on later turns of the event loop.
  for (let round = 0; round < 50 && rawIdCount() > before + 100; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(rawIdCount() <= before + 100, `${rawIdCount()} raw ids still interned`);
});

Deno.test("one regex pass looks for both a long id and a repeat: either found first, the other is still seen", () => {
  const long = "123456789012345678901";
  // A name twice (inside params: no repeat) before the long id: the id is still kept raw.
  for (
    const text of [
      `{"jsonrpc":"2.0","method":"ping","params":{"method":"x"},"id":${long}}`,
      `{"jsonrpc":"2.0","method":"ping","params":{"note":"\\u0041"},"id":${long}}`,
      `{"jsonrpc":"2.0","method":"ping","id":${long}}`,
    ]
  ) {
    const request = parseJson(text) as { id: unknown };
    assert.ok(isRawId(request.id), text);
    assert.equal(JSON.stringify(request.id), long);
  }
  // A long id before a repeated member: the repeat is still refused.
  assert.throws(
    () => parseJson(`{"jsonrpc":"2.0","id":${long},"method":"ping","method":"x"}`),
    (error: Error & { code: number }) => error.code === -32600,
  );
  // Neither: parsed as it is.
  assert.deepEqual(parseJson('{"jsonrpc":"2.0","method":"ping","id":12345}'), {
    jsonrpc: "2.0",
    method: "ping",
    id: 12345,
  });
});

Deno.test("a long id under an escaped name is kept raw too (review34 F11)", () => {
  const long = "123456789012345678901";
  for (const name of ["\\u0069d", "i\\u0064"]) {
    const request = parseJson(`{"jsonrpc":"2.0","method":"ping","${name}":${long}}`) as {
      id: unknown;
    };
    assert.ok(isRawId(request.id), name);
    assert.equal(JSON.stringify(request.id), long);
  }
  const cancel = parseJson(
    `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"request\\u0049d":${long}}}`,
  ) as { params: { requestId: unknown } };
  assert.ok(isRawId(cancel.params.requestId));
  // An escape elsewhere and a long number under another name: a plain number, as before.
  const other = parseJson(`{"jsonrpc":"2.0","method":"x","params":{"n\\u0041":${long}}}`) as {
    params: Record<string, unknown>;
  };
  assert.equal(other.params.nA, Number(long));
});

/** The id a message refused before it is parsed is answered with. */
function refusedId(text: string): unknown {
  try {
    parseJson(text);
  } catch (error) {
    assert.ok(error instanceof UnreadFrame, String(error));
    return unparsedFrameId(error);
  }
  assert.fail("not refused");
}

Deno.test("a message refused unparsed is answered with its id under an escaped name, a long one digit for digit (review36 R36-5)", () => {
  const many = `[${"0,".repeat(MAX_MESSAGE_VALUES)}0]`;
  const deep = `${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`;
  const long = "12345678901234567890";
  for (const params of [many, deep]) {
    const message = (head: string) =>
      `{"jsonrpc":"2.0",${head},"method":"ping","params":${params}}`;
    assert.equal(refusedId(message(`"\\u0069d":"abc"`)), "abc");
    assert.equal(refusedId(message(`"i\\u0064":7`)), 7);
    const raw = refusedId(message(`"\\u0069\\u0064":${long}`));
    assert.ok(isRawId(raw));
    assert.equal(JSON.stringify(raw), long);
    // Spelled out, a long id keeps its digits too; another escaped name, or "id" as a value, is no id.
    assert.equal(JSON.stringify(refusedId(message(`"id":${long}`))), long);
    assert.equal(refusedId(message(`"\\u0069e":7,"x":"id"`)), null);
  }
});
