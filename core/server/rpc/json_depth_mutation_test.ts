/** The documented value bound of a message (`MAX_MESSAGE_VALUES`, 200,000), at and past it (review37). */
import assert from "node:assert/strict";
import { RpcCode } from "./wire_errors.ts";
import { isRawId, parseJson, UnreadFrame } from "./json_depth.ts";

/** A request whose params hold `count` values in all (`{`, `[` and `,` outside strings). */
function request(count: number): string {
  // `{` and 3 commas of the envelope, `{` of params and `[` of the list: 6; the list's items
  // add a comma each past the first.
  const items = count - 6 + 1;
  return `{"jsonrpc":"2.0","id":"v\\u0031","method":"m","params":{"list":[${
    "0,".repeat(items - 1)
  }0]}}`;
}

Deno.test("a message of 200,000 values is parsed; one more is refused with its id", () => {
  assert.equal(
    (parseJson(request(200_000)) as { params: { list: number[] } }).params.list.length,
    200_000 - 5,
  );
  assert.throws(
    () => parseJson(request(200_001)),
    (error) =>
      error instanceof UnreadFrame && error.code === RpcCode.InvalidParams &&
      error.requestId === "v1",
  );
});

Deno.test("a 16-digit id under an escaped name is kept raw (the shortest long number)", () => {
  // 2^53 + 1: the shortest id a number loses.
  const long = "9007199254740993";
  const request = parseJson(`{"jsonrpc":"2.0","method":"ping","\\u0069d":${long}}`) as {
    id: unknown;
  };
  assert.ok(isRawId(request.id));
  assert.equal(JSON.stringify(request.id), long);
});
