/** A kept result (its JSON held) stays kept through the modern era's wrapping. */
import assert from "node:assert/strict";
import { keepJson, keepJsonText, keptJson } from "../rpc/kept_json.ts";
import { serializeOne } from "../rpc/reply_budget.ts";
import { modernResult } from "./modern.ts";

const server = { name: "persona-mcp", title: "Persona MCP", version: "1" };

Deno.test("modern era: a kept result is wrapped around its kept JSON, its getters not called", () => {
  let reads = 0;
  const body = { taskId: "t", status: "completed" } as Record<string, unknown>;
  const text = '{"rows":[1,2,3]}';
  Object.defineProperty(body, "result", {
    enumerable: true,
    get: () => (reads++, JSON.parse(text)),
  });
  keepJsonText(body, `{"taskId":"t","status":"completed","result":${text}}`);
  const modern = modernResult(body, server);
  assert.equal(reads, 0, "the result is not read to wrap it");
  const kept = keptJson(modern);
  assert.ok(kept, "the wrapped result is kept");
  assert.equal(kept.text, JSON.stringify(modern), "its text is what the object serializes to");
  assert.deepEqual(JSON.parse(kept.text), {
    resultType: "complete",
    taskId: "t",
    status: "completed",
    result: { rows: [1, 2, 3] },
    _meta: JSON.parse(JSON.stringify(modern._meta)),
  });
  reads = 0;
  const reply = serializeOne({ jsonrpc: "2.0", id: 1, result: modern }, 1_000_000);
  assert.equal(reply.text, `{"jsonrpc":"2.0","id":1,"result":${kept.text}}`);
  assert.equal(reads, 0, "nor to send it");
});

Deno.test("modern era: an empty kept result, and one with its own _meta (wrapped as before)", () => {
  const empty = modernResult(keepJson({}), server);
  assert.equal(keptJson(empty)?.text, JSON.stringify(empty));
  const own = modernResult(keepJson({ _meta: { a: 1 } }), server);
  assert.equal(keptJson(own), undefined);
  assert.deepEqual((own._meta as Record<string, unknown>).a, 1);
});
