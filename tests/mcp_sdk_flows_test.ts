/**
 * Acceptance: flows of the official MCP TypeScript SDK client over Streamable HTTP that
 * `mcp_sdk_test.ts` does not walk: the newest protocol revision the pinned SDK offers, tools/list
 * followed page by page, a tool call cancelled through the client's AbortSignal (the SDK sends
 * `notifications/cancelled`) with the session usable afterwards, and the files users bring
 * (a PNG card in an iTXt chunk, a NovelAI lorebook) imported through the tools.
 */
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import encodeChunks from "png-chunks-encode";
import extractChunks from "png-chunks-extract";
import type { RunningServer } from "../core/server/server.ts";
import { avatarPng } from "./_cards.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { startTestServer } from "./_helpers.ts";

type Structured = Record<string, unknown>;

async function withClient(
  test: (client: Client, context: { server: RunningServer; fake: FakeOllama }) => Promise<void>,
): Promise<void> {
  const fake = FakeOllama.start({ tokenDelayMs: 20, reply: () => "word ".repeat(200).trim() });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
  const client = new Client({ name: "sdk-flows-test", version: "1.0.0" });
  try {
    await client.connect(transport);
    await test(client, { server, fake });
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
}

/** A PNG whose card sits in an uncompressed `iTXt` chunk named `chara` (base64 of UTF-8 JSON). */
function iTxtCardPng(card: unknown): string {
  const json = new TextEncoder().encode(JSON.stringify(card));
  const text = new TextEncoder().encode(btoa(String.fromCharCode(...json)));
  const header = new TextEncoder().encode("chara\0\0\0\0\0");
  const data = new Uint8Array(header.length + text.length);
  data.set(header);
  data.set(text, header.length);
  const chunks = extractChunks(avatarPng()) as Array<{ name: string; data: Uint8Array }>;
  const end = chunks.pop()!;
  const png = encodeChunks([...chunks, { name: "iTXt", data }, end]);
  return btoa(String.fromCharCode(...png));
}

Deno.test("the SDK client negotiates its newest revision and pages through tools/list", async () => {
  await withClient(async (client, { server }) => {
    const transport = (client as unknown as { transport: StreamableHTTPClientTransport })
      .transport;
    assert.equal(transport.protocolVersion, LATEST_PROTOCOL_VERSION);
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      names.push(...page.tools.map((tool: { name: string }) => tool.name));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    assert.equal(new Set(names).size, names.length, "each tool once");
    for (const name of ["persona_import_card", "lorebook_import", "conversation_send_message"]) {
      assert.ok(names.includes(name), name);
    }
    assert.ok(server.services.sessions.all().some((session) => session.kind === "http"));
  });
});

Deno.test("a tool call aborted through the SDK's signal stops the model; the session goes on", async () => {
  await withClient(async (client, { fake }) => {
    await client.callTool({ name: "persona_switch", arguments: { persona_id: "kira" } });
    const abort = new AbortController();
    const call = client.callTool(
      { name: "conversation_send_message", arguments: { content: "Speak at length" } },
      undefined,
      { signal: abort.signal, onprogress: () => abort.abort("user stopped it") },
    );
    await assert.rejects(call, /user stopped it|abort/i);
    await fake.waitForAbandoned(1);
    const after = await client.callTool({ name: "persona_get", arguments: {} });
    assert.equal(((after.structuredContent as Structured).persona as Structured).name, "Kira");
    await client.ping();
  });
});

Deno.test("files users bring import through the SDK client: an iTXt PNG card, a NovelAI lorebook", async () => {
  await withClient(async (client) => {
    const card = {
      spec: "chara_card_v2",
      spec_version: "2.0",
      data: {
        name: "Noémie",
        description: "{{char}} restores clocks.",
        first_mes: "Bonjour, {{user}}.",
        extensions: { "other-app": { kept: true } },
      },
    };
    const imported = await client.callTool({
      name: "persona_import_card",
      arguments: { data: iTxtCardPng(card) },
    });
    assert.ok(!imported.isError, JSON.stringify(imported.content));
    const result = imported.structuredContent as Structured;
    assert.equal((result.persona as Structured).name, "Noémie");
    assert.equal(result.format, "png");

    const book = await client.callTool({
      name: "lorebook_import",
      arguments: {
        lorebook: {
          lorebookVersion: 5,
          entries: [{ text: "Clocks here run backwards.", keys: ["clock"], displayName: "Clocks" }],
        },
      },
    });
    assert.ok(!book.isError, JSON.stringify(book.content));
    const stored = book.structuredContent as Structured;
    assert.equal(stored.source, "novelai");
    assert.equal((stored.lorebook as Structured).entry_count, 1);
    const listed = await client.callTool({ name: "lorebook_list", arguments: {} });
    assert.match(JSON.stringify(listed.structuredContent), new RegExp(String(stored.lorebook_id)));
  });
});
