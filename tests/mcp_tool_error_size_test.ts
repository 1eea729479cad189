/**
 * A tool's error answer too large for a reply is still the tool's failure: an `isError` result
 * with its code and the head of its message (as an error response too large keeps its code,
 * `shortError`), never -32005 "Reply too large ... ran: true", which would tell the agent the
 * call ran and to ask for less (core/server/mcp/tool_call.ts). Over a real WebSocket.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

type ToolResult = {
  content: Array<{ type: string; text: string }>;
  structuredContent: { error: { code: number; message: string; data?: unknown } };
  isError?: boolean;
};

Deno.test("tools/call: an error answer over MAX_REPLY_BYTES is a short isError result, not -32005", async () => {
  await withTestServer(async ({ client }) => {
    // Every unknown argument is named in the answer, twice: 8,000 long names make it ~3 MB.
    const unknown = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`field_${i}_${"x".repeat(150)}`, i]),
      );
    const large = await client.call<ToolResult>("tools/call", {
      name: "persona_create",
      arguments: unknown(8_000),
    });
    assert.equal(large.isError, true);
    const { error } = large.structuredContent;
    assert.equal(error.code, -32602, "the failure's own code");
    assert.equal(error.message, "Invalid params: name is required");
    assert.equal(error.data, undefined, "no data: the field list was what was too large");
    assert.equal(large.content[0]!.text, "persona_create failed: Invalid params: name is required");
    // One that fits keeps every field.
    const small = await client.call<ToolResult>("tools/call", {
      name: "persona_create",
      arguments: unknown(3),
    });
    assert.equal(small.isError, true);
    const fields = (small.structuredContent.error.data as { fields: unknown[] }).fields;
    assert.equal(fields.length, 4, "name, and the three unknown fields");
    assert.match(small.content[0]!.text, /field_2_x+ is not a known field/);
  }, { MAX_FRAME_BYTES: String(4 * 1024 * 1024) });
});
