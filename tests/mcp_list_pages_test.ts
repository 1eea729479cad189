/**
 * Lists reached through an MCP tool page within the reply budget: `tools/call` sends the method's
 * result twice (structuredContent and a text block of its JSON), so the method pages by its share
 * of MAX_REPLY_BYTES (core/server/mcp/tool_call.ts `toolReplyBytes`), not by the whole of it.
 */
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { withTestServer } from "./_helpers.ts";

const MAX_REPLY_BYTES = 1_048_576; // the smallest allowed

type Page = { personas: Array<{ id: string }>; has_more: boolean; next_cursor: string | null };

function textOf(result: { content?: unknown }): string {
  const blocks = result.content as Array<{ type: string; text?: string }>;
  return blocks.filter((block) => block.type === "text").map((block) => block.text).join("\n");
}

Deno.test("persona_list over MCP Streamable HTTP: 60 cards of 25 kB page within the reply budget", async () => {
  await withTestServer(async ({ server, client: rpc }) => {
    const made: string[] = [];
    for (let i = 0; i < 60; i++) {
      // 25 kB in UTF-8 (12,500 two-byte characters), with quotes the text copy escapes again.
      const description = `Card "${i}" ` + "é".repeat(12_500);
      made.push(
        (await rpc.call<{ persona_id: string }>("persona.create", {
          name: `Card ${i}`,
          description,
        }))
          .persona_id,
      );
    }
    const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
    const client = new Client({ name: "mcp-list-pages-test", version: "1.0.0" });
    try {
      await client.connect(transport);
      const ids: string[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      do {
        // The old code: the first page (≈41 cards, ≈1 MB) sent twice was -32005, thrown here.
        const result = await client.callTool({
          name: "persona_list",
          arguments: cursor ? { cursor } : {},
        });
        assert.ok(!result.isError, textOf(result));
        const page = result.structuredContent as Page;
        // A client that reads only the text gets the same page.
        assert.deepEqual(JSON.parse(textOf(result)), page);
        assert.ok(page.personas.length >= 1, "never an empty page");
        assert.equal(page.has_more, page.next_cursor !== null);
        ids.push(...page.personas.map((persona) => persona.id));
        sizes.push(page.personas.length);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      // The server's own personas come first (older); then every card exactly once, in order.
      assert.deepEqual(ids.slice(ids.length - made.length), made);
      assert.equal(new Set(ids).size, ids.length);
      // Cut by bytes, not by the default limit (50): a page holds about a third of the budget.
      assert.ok(sizes[0]! < 20 && sizes.length >= 4, `pages: ${sizes.join(", ")}`);
      // The same method over JSON-RPC keeps the whole budget: its first page is larger.
      const plain = await rpc.call<Page>("persona.list", {});
      assert.ok(plain.personas.length > sizes[0]! * 2, `JSON-RPC page: ${plain.personas.length}`);
    } finally {
      await client.close();
    }
  }, { MAX_REPLY_BYTES: String(MAX_REPLY_BYTES) });
});

Deno.test("memory_block_list over MCP: blocks of quotes, whose text copy escapes to twice their size, page within the budget", async () => {
  await withTestServer(async ({ server, client: rpc }) => {
    const { persona_id } = await rpc.call<{ persona_id: string }>("persona.create", {
      name: "Quotes",
    });
    const before = await rpc.call<{ total: number }>("memory.block_list", { persona_id });
    const labels: string[] = [];
    for (let i = before.total; i < 12; i++) {
      // 50,000 `"`: 100 kB in the structured copy, 200 kB in the text copy.
      const label = `quotes_${i}`;
      await rpc.call("memory.block_set", {
        persona_id,
        label,
        limit: 50_000,
        content: '"'.repeat(50_000),
      });
      labels.push(label);
    }
    const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
    const client = new Client({ name: "mcp-list-pages-test", version: "1.0.0" });
    try {
      await client.connect(transport);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        // Budgeted for two plain copies (half the reply each), a page of 5 such blocks is 1.5 MB.
        const result = await client.callTool({
          name: "memory_block_list",
          arguments: { persona_id, ...(cursor ? { cursor } : {}) },
        });
        assert.ok(!result.isError, textOf(result));
        const page = result.structuredContent as {
          blocks: Array<{ label: string }>;
          next_cursor: string | null;
        };
        assert.deepEqual(JSON.parse(textOf(result)), page);
        assert.ok(page.blocks.length >= 1);
        seen.push(...page.blocks.map((block) => block.label));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen.filter((label) => label.startsWith("quotes_")), labels);
      assert.equal(new Set(seen).size, seen.length, "every block once");
    } finally {
      await client.close();
    }
  }, { MAX_REPLY_BYTES: String(MAX_REPLY_BYTES) });
});
