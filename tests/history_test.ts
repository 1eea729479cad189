/**
 * Chat history (each test once per model-server provider): paging with before_id, separation per persona and per room, persistence across
 * a restart, and the REST chat and history routes (JSON and Server-Sent Events).
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";
import { eachProvider } from "./_providers.ts";

interface HistoryResult {
  messages: Array<
    { id: string; content: string; persona_response: string; room_id: string | null }
  >;
  has_more: boolean;
}

eachProvider.test("history pages newest first with before_id, per persona and per room, across a restart", async (p) => {
  const fake = p.start({ reply: (r) => `re: ${r.messages.at(-1)!.content}` });
  const dataDir = tempDirSync("persona-history-");
  const env = { ...p.env(fake), DATA_DIR: dataDir };
  let server = await startTestServer(env);
  let client = await RpcClient.connect(server.wsUrl);
  try {
    const aria = await client.call("persona.switch", { persona_id: "Aria" });
    for (let i = 0; i < 5; i++) {
      await client.call("conversation.send_message", {
        content: `tavern ${i}`,
        room_id: "tavern",
      });
    }
    await client.call("conversation.send_message", { content: "market 0", room_id: "market" });
    const kira = await client.call("persona.switch", { persona_id: "Kira" });
    await client.call("conversation.send_message", { content: "for kira" });
    await client.close();
    await server.shutdown();

    server = await startTestServer(env);
    client = await RpcClient.connect(server.wsUrl);
    const page1 = await client.call<HistoryResult>("conversation.get_history", {
      persona_id: aria.persona_id,
      room_id: "tavern",
      limit: 2,
    });
    assert.deepEqual(page1.messages.map((m) => m.content), ["tavern 4", "tavern 3"]);
    assert.equal(page1.messages[0]!.persona_response, "re: user: tavern 4");
    assert.equal(page1.has_more, true);
    const page2 = await client.call<HistoryResult>("conversation.get_history", {
      persona_id: aria.persona_id,
      room_id: "tavern",
      limit: 2,
      before_id: page1.messages[1]!.id,
    });
    assert.deepEqual(page2.messages.map((m) => m.content), ["tavern 2", "tavern 1"]);
    const page3 = await client.call<HistoryResult>("conversation.get_history", {
      persona_id: aria.persona_id,
      room_id: "tavern",
      limit: 2,
      before_id: page2.messages[1]!.id,
    });
    assert.deepEqual(page3.messages.map((m) => m.content), ["tavern 0"]);
    assert.equal(page3.has_more, false);

    const allAria = await client.call<HistoryResult>("conversation.get_history", {
      persona_id: aria.persona_id,
    });
    assert.equal(allAria.messages.length, 6);
    assert.equal(allAria.messages[0]!.content, "market 0");
    const market = await client.call<HistoryResult>("conversation.get_history", {
      persona_id: aria.persona_id,
      room_id: "market",
    });
    assert.deepEqual(market.messages.map((m) => m.content), ["market 0"]);

    await client.call("persona.switch", { persona_id: kira.persona_id });
    const forKira = await client.call<HistoryResult>("conversation.get_history");
    assert.deepEqual(
      forKira.messages.map((m) => m.content),
      ["for kira"],
      "the active persona by default",
    );

    await assert.rejects(
      client.call("conversation.get_history", {
        persona_id: kira.persona_id,
        before_id: page1.messages[0]!.id,
      }),
      (error: RpcCallError) => error.code === -32602 && /before_id|msg_/.test(error.message),
    );
    await assert.rejects(
      client.call("conversation.get_history", { limit: 0 }),
      (error: RpcCallError) => error.code === -32602,
    );
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("the prompt window follows the room: earlier turns of the same room only", async (p) => {
  const fake = p.start();
  const server = await startTestServer(p.env(fake));
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "about dragons", room_id: "a" });
    await client.call("conversation.send_message", { content: "about ships", room_id: "b" });
    await client.call("conversation.send_message", { content: "more please", room_id: "a" });
    const third = fake.chatRequests()[2]!.messages.map((m) => m.content).join("\n");
    assert.ok(third.includes("about dragons"));
    assert.ok(!third.includes("about ships"));
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("REST: POST /api/personas/:id/chat answers JSON and GET /history lists it", async (p) => {
  const fake = p.start({ reply: () => "Greetings from REST." });
  const server = await startTestServer(p.env(fake));
  try {
    const personas = await (await fetch(`${server.apiUrl}/personas`)).json();
    const kira = personas.personas.find((p: { name: string }) => p.name === "Kira");
    const response = await fetch(`${server.apiUrl}/personas/${kira.id}/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: "hello over http", sender: "web" }),
    });
    assert.equal(response.status, 200);
    const result = await response.json();
    assert.equal(result.response, "Greetings from REST.");
    assert.equal(result.persona_id, kira.id);

    const history = await (await fetch(`${server.apiUrl}/personas/${kira.id}/history?limit=5`))
      .json();
    assert.equal(history.messages[0].content, "hello over http");
    assert.equal(history.messages[0].sender, "web");

    const bad = await fetch(`${server.apiUrl}/personas/${kira.id}/history?limit=many`);
    assert.equal(bad.status, 400);
    await bad.body?.cancel();
    const missing = await fetch(`${server.apiUrl}/personas/nobody/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ content: "hi" }),
    });
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("REST: a streaming chat arrives as Server-Sent Events, chunks then the result", async (p) => {
  const fake = p.start({ reply: () => "A story in several pieces.", tokenDelayMs: 2 });
  const server = await startTestServer(p.env(fake));
  try {
    const personas = await (await fetch(`${server.apiUrl}/personas`)).json();
    const aria = personas.personas[0];
    const response = await fetch(`${server.apiUrl}/personas/${aria.id}/chat`, {
      method: "POST",
      headers: { Accept: "text/event-stream", "Content-Type": "application/json" },
      body: JSON.stringify({ content: "tell me a story" }),
    });
    assert.equal(response.headers.get("content-type"), "text/event-stream");
    const text = await response.text();
    const events = text.trim().split("\n\n").map((block) => {
      const event = /^event: (.*)$/m.exec(block)![1];
      return { event, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) };
    });
    const chunks = events.filter((e) => e.event === "chunk");
    assert.ok(chunks.length >= 4);
    assert.equal(events.at(-1)!.event, "result");
    assert.equal(chunks.map((c) => c.data.text).join(""), events.at(-1)!.data.response);

    const invalid = await fetch(`${server.apiUrl}/personas/${aria.id}/chat`, {
      method: "POST",
      headers: { Accept: "text/event-stream", "Content-Type": "application/json" },
      body: JSON.stringify({ content: "" }),
    });
    assert.equal(invalid.status, 400, "invalid input is refused before the stream starts");
    await invalid.body?.cancel();
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});

eachProvider.test("get_history returns 20 messages by default", async (p) => {
  const fake = p.start({ reply: () => "Noted." });
  const server = await startTestServer({ ...p.env(fake), PROMPT_MEMORY_COUNT: "0" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Kira" });
    for (let i = 0; i < 21; i++) {
      await client.call("conversation.send_message", { content: `note ${i}` });
    }
    const page = await client.call<HistoryResult>("conversation.get_history");
    assert.equal(page.messages.length, 20);
    assert.equal(page.messages[0]!.content, "note 20");
    assert.equal(page.has_more, true);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
