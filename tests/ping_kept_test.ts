import assert from "node:assert/strict";
import ping from "../handlers/ping.ts";
import { success } from "../core/server/rpc/envelope.ts";
import { parseJson } from "../core/server/rpc/json_depth.ts";
import { keptJson } from "../core/server/rpc/kept_json.ts";
import { serializeOne } from "../core/server/rpc/reply_budget.ts";
import type { HandlerContext } from "../core/server/define_handler.ts";

Deno.test("ping answers one kept, frozen {}: each reply is spliced, as JSON.stringify writes it", () => {
  const answer = () => ping.handle({}, {} as HandlerContext) as object;
  const result = answer();
  assert.equal(answer(), result, "the same object every time");
  assert.deepEqual(result, {});
  assert.ok(Object.isFrozen(result));
  assert.equal(keptJson(result)?.text, "{}");
  const longId = (parseJson('{"id":123456789012345678901,"jsonrpc":"2.0"}') as { id: number }).id;
  for (const id of [7, "req-é", null, longId]) {
    const response = success(id, result);
    assert.equal(serializeOne(response, 1_000).text, JSON.stringify(response));
  }
});
