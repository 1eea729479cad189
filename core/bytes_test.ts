import assert from "node:assert/strict";
import { joinedBytes } from "./bytes.ts";

Deno.test("joinedBytes joins the parts in order into one array of their total size", () => {
  const joined = joinedBytes([Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3)], 3);
  assert.deepEqual([...joined], [1, 2, 3]);
  assert.equal(joinedBytes([], 0).length, 0);
});
