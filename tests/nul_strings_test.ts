/**
 * U+0000 in a string param is refused (-32602, HTTP 400) on every entry and nothing is stored:
 * SQLite would keep it but read it back cut at the NUL, PostgreSQL refuses it. Lone surrogates
 * are stored as U+FFFD (what SQLite stores for them anyway); the six characters `\u0000` typed
 * by a user are stored exactly. Real sockets and a real SQLite file.
 */
import assert from "node:assert/strict";
import { buildServer } from "../core/server/server.ts";
import { serveStdio } from "../core/server/transport/stdio.ts";
import type { RunningServer } from "../core/server/server.ts";
import { POSTGRES_SKIPPED, testSchema } from "../core/storage/testing/databases.ts";
import { charxWith, pngWith, v2Card } from "./_cards.ts";
import { MCP_INITIALIZE, RpcClient, startTestServer, testConfig, testLogger } from "./_helpers.ts";

const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/** A memory.store request's JSON text (`content` serialized by JSON.stringify). */
function storeText(personaId: string, content: string, id = 1): string {
  return JSON.stringify({
    jsonrpc: "2.0",
    id,
    method: "memory.store",
    params: { persona_id: personaId, content },
  });
}

/** The contents stored for the persona, oldest first. */
async function storedContents(server: RunningServer, personaId: string): Promise<string[]> {
  const rows = await server.services.db.all<{ content: string }>(
    "SELECT content FROM memories WHERE persona_id = ? ORDER BY created_at, id",
    personaId,
  );
  return rows.map((row) => row.content);
}

/** Opens a Streamable HTTP session; answers a function posting one message in it. */
async function mcpSession(url: string): Promise<(body: string) => Promise<Response>> {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const init = await fetch(url, { method: "POST", headers, body: MCP_INITIALIZE });
  const session = init.headers.get("mcp-session-id")!;
  await init.body?.cancel();
  const inSession = { ...headers, "Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25" };
  return (body) => fetch(url, { method: "POST", headers: inSession, body });
}

function assertNulRefused(error: { code: number; message: string; data?: unknown }, field: string) {
  assert.equal(error.code, -32602);
  assert.equal(error.message, `Invalid params: ${field} ${NUL_MESSAGE}`);
  assert.deepEqual(error.data, { fields: [{ field, message: NUL_MESSAGE }] });
}

Deno.test("WebSocket, MCP HTTP and REST refuse a NUL with -32602 / 400; nothing is stored", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call<{ persona_id: string }>("persona.switch", {
      persona_id: "aria",
    });
    const ws = await client.sendRaw(storeText(persona_id, "secret\u0000rest")) as {
      id: number;
      error: { code: number; message: string; data: unknown };
    };
    assert.equal(ws.id, 1, "the reply carries the request's id");
    assertNulRefused(ws.error, "content");

    const mcp = await mcpSession(server.mcpUrl);
    const http = await mcp(storeText(persona_id, "secret\u0000rest"));
    assert.equal(http.status, 200, "a JSON-RPC error in a 200, as every MCP method's");
    assertNulRefused((await http.json()).error, "content");

    const tool = await mcp(JSON.stringify({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "memory_store", arguments: { persona_id, content: "x\u0000" } },
    }));
    // MCP (SEP-1303): invalid tool input is an isError result naming the field, not -32602.
    const called = (await tool.json()).result;
    assert.equal(called.isError, true, JSON.stringify(called));
    assertNulRefused(called.structuredContent.error, "content");

    const memories = `${server.apiUrl}/personas/${persona_id}/memories`;
    const rest = await fetch(memories, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ content: "secret\u0000rest", metadata: { tag: "ok" } }),
    });
    assert.equal(rest.status, 400);
    assertNulRefused((await rest.json()).error, "content");

    const inMetadata = await fetch(memories, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ content: "fine", metadata: { tags: ["a\u0000"] } }),
    });
    assert.equal(inMetadata.status, 400);
    assertNulRefused((await inMetadata.json()).error, "metadata.tags.0");

    const query = await fetch(`${memories}?query=a%00b`);
    assert.equal(query.status, 400);
    assertNulRefused((await query.json()).error, "query");

    const path = await fetch(`${server.apiUrl}/personas/aria%00x/memories?query=a`);
    assert.equal(path.status, 400);
    assertNulRefused((await path.json()).error, "persona_id");

    const renamed = await client.request("persona.create", { name: "Ni\u0000na" });
    assertNulRefused((renamed as { error: { code: number; message: string } }).error, "name");

    assert.deepEqual(await storedContents(server, persona_id), [], "nothing was stored");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("a typed backslash-u is stored exactly; a lone surrogate is stored as U+FFFD", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call<{ persona_id: string }>("persona.switch", {
      persona_id: "aria",
    });
    const typed = "type \\u0000 and \\ud800 literally";
    const sent = storeText(persona_id, typed);
    assert.ok(sent.includes("\\\\u0000"), "the frame holds an escaped backslash, not a NUL");
    const stored = await client.sendRaw(sent) as { result?: { memory_id: string } };
    assert.ok(stored.result?.memory_id, JSON.stringify(stored));

    // JSON.stringify sends a lone surrogate as the escape `\ud800`.
    const lone = await client.call<{ memory_id: string }>("memory.store", {
      persona_id,
      content: "half \ud800 of a pair, and a whole 🙂",
      metadata: { "note\udbff": ["\udc00 low"] },
    });
    const rest = await fetch(`${server.apiUrl}/personas/${persona_id}/memories`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"content":"rest \\udfff end"}',
    });
    assert.equal(rest.status, 201);

    const expected = [typed, "half \ufffd of a pair, and a whole 🙂", "rest \ufffd end"];
    assert.deepEqual(await storedContents(server, persona_id), expected);
    type Listed = { memories: Array<{ id: string; content: string; metadata: unknown }> };
    const listed = await client.call<Listed>("memory.list", { persona_id });
    const memory = listed.memories.find((memory) => memory.id === lone.memory_id);
    assert.equal(memory?.content, expected[1], "what is read back is what was stored");
    // Kept as JSON text, a lone surrogate would have come back as it was sent (as `\ud800` in
    // the text), unlike the same character in a TEXT column: both are U+FFFD.
    assert.deepEqual(memory?.metadata, { "note\udbff": ["\ufffd low"] }, "keys are kept as sent");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("stdio refuses a NUL with -32602 and the request's id", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const lines: string[] = [];
  try {
    const aria = await app.services.personas.resolve("Aria");
    const input = `${storeText(aria.id, "a\u0000b", 7)}\n${storeText(aria.id, "a\\u0000b", 8)}\n`;
    await serveStdio(app.connections, {
      input: ReadableStream.from([new TextEncoder().encode(input)]),
      output: new WritableStream({
        write: (chunk) => void lines.push(new TextDecoder().decode(chunk)),
      }),
    });
    const replies = new Map(lines.map((line) => JSON.parse(line)).map((it) => [it.id, it]));
    assertNulRefused(replies.get(7).error, "content");
    assert.ok(replies.get(8).result.memory_id, "the typed escape is stored");
    const rows = await app.services.db.all<{ content: string }>(
      "SELECT content FROM memories WHERE persona_id = ?",
      aria.id,
    );
    assert.deepEqual(rows.map((row) => row.content), ["a\\u0000b"]);
  } finally {
    await app.services.db.close();
  }
});

Deno.test({
  name: "PostgreSQL: a NUL is -32602 (not stored as U+FFFD), a lone surrogate is stored as U+FFFD",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const schema = await testSchema();
    // No memory is stored here: a vector store that is never reached will do.
    const server = await startTestServer({
      STORAGE: "postgres",
      DATABASE_URL: schema.url,
      MEMORY_BACKEND: "chroma",
      CHROMA_URL: "http://127.0.0.1:9",
    });
    const client = await RpcClient.connect(server.wsUrl);
    try {
      const refused = await client.request("persona.create", {
        name: "Nina",
        description: "a\u0000b",
      }) as { error: { code: number; message: string; data: unknown } };
      assertNulRefused(refused.error, "description");
      const ninas = await server.services.db.all("SELECT id FROM personas WHERE name = ?", "Nina");
      assert.deepEqual(ninas, [], "nothing stored");
      const { persona_id } = await client.call<{ persona_id: string }>("persona.create", {
        name: "Half \ud800",
        description: "cut \udc00 here",
      });
      const row = await server.services.db.get<{ name: string }>(
        "SELECT name FROM personas WHERE id = ?",
        persona_id,
      );
      assert.equal(row?.name, "Half \ufffd");
      const { persona } = await client.call<{ persona: { name: string; description: string } }>(
        "persona.get",
        { persona_id },
      );
      assert.equal(persona.name, "Half \ufffd");
      assert.equal(persona.description, "cut \ufffd here");
    } finally {
      await client.close();
      await server.shutdown();
      await schema.drop();
    }
  },
});

/** A V2 card whose `data` fields are `changes` over the test card's. */
function cardWith(changes: Record<string, unknown>): Record<string, unknown> {
  const card = v2Card() as { data: Record<string, unknown> };
  return { ...card, data: { ...card.data, ...changes } };
}

function base64Json(value: unknown): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))));
}

Deno.test("a card file's strings meet the params' rule: NUL refused naming the card field", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const before = await server.services.db.all("SELECT id FROM personas");
    const hidden = cardWith({ name: "Nul Card", description: "desc\u0000hidden" });
    const json = await client.request("persona.import_card", { data: base64Json(hidden) });
    assertCardRefused((json as { error: RpcFailure }).error, "card.data.description");

    const book = cardWith({ name: "Nul Book" }) as { data: { character_book: { entries: [] } } };
    const entries = book.data.character_book.entries as Array<Record<string, unknown>>;
    entries[1] = { ...entries[1], content: "gnomes\u0000" };
    const png = await client.request("persona.import_card", {
      data: btoa(String.fromCharCode(...pngWith({ chara: book }))),
    });
    assertCardRefused(
      (png as { error: RpcFailure }).error,
      "card.data.character_book.entries.1.content",
    );

    const rest = await fetch(`${server.apiUrl}/personas/import`, {
      method: "POST",
      headers: { "Content-Type": "image/png" },
      body: new Uint8Array(pngWith({ chara: hidden })),
    });
    assert.equal(rest.status, 400);
    assertCardRefused((await rest.json()).error, "card.data.description");

    const charx = await client.request("persona.import_card", {
      data: btoa(String.fromCharCode(...charxWith(hidden))),
    });
    assertCardRefused((charx as { error: RpcFailure }).error, "card.data.description");

    const after = await server.services.db.all("SELECT id FROM personas");
    assert.equal(after.length, before.length, "no persona was imported");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("a card file's lone surrogates are imported as U+FFFD, as stored", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const card = cardWith({ name: "Half \ud800 Card", description: "low \udfff end" });
    const imported = await client.call<{ persona: { id: string; name: string } }>(
      "persona.import_card",
      { data: base64Json(card) },
    );
    assert.equal(imported.persona.name, "Half \ufffd Card", "the reply says what is stored");
    const got = await client.call<{ persona: { name: string; description: string } }>(
      "persona.get",
      { persona_id: imported.persona.id },
    );
    assert.deepEqual([got.persona.name, got.persona.description], [
      "Half \ufffd Card",
      "low \ufffd end",
    ]);
  } finally {
    await client.close();
    await server.shutdown();
  }
});

type RpcFailure = { code: number; message: string; data?: unknown };

function assertCardRefused(error: RpcFailure, field: string) {
  assert.equal(error.code, -32602);
  assert.equal(error.message, `Invalid card: ${field} ${NUL_MESSAGE}`);
  assert.deepEqual(error.data, { fields: [{ field, message: NUL_MESSAGE }] });
}
