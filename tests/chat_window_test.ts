/**
 * A WebSocket session's prompt window is kept between its chats (`core/chat/session_windows.ts`):
 * over a real socket, each chat's prompt still holds the session's earlier exchanges with the
 * persona, its room chats and its greeting, as read from the database, and another session's
 * exchanges never; after a greeting of another persona, a greeting added by `persona.switch`, a
 * greeting picked again, and texts the database cannot keep as they are (U+0000, lone
 * surrogates), the next prompt is what a read of the database gives.
 */
import assert from "node:assert/strict";
import type { PromptMessage } from "../core/chat/history.ts";
import { Session } from "../core/sessions/session.ts";
import { RpcClient, type TestHarness, withTestServer } from "./_helpers.ts";

const TURNS = 6;
const ENV = { PROMPT_HISTORY_TURNS: String(TURNS), PROMPT_HISTORY_CHARS: "1000000" };

/** The user/assistant turns of a chat request after the system prompt (users' with the sender). */
function turns(messages: { role: string; content: string }[]): string[] {
  return messages.slice(1).map((message) => `${message.role}: ${message.content}`);
}

Deno.test("chat windows: each prompt holds the session's earlier exchanges, room chats and greeting", async () => {
  await withTestServer(async ({ fake, server, client }) => {
    let replies = 0;
    fake.behavior.reply = () => `reply ${++replies}`;
    const { persona_id } = await client.call("persona.create", {
      name: "Wren",
      first_mes: "Welcome, traveller.",
    });
    const say = (c: RpcClient, content: string, extra: Record<string, unknown> = {}) =>
      c.call("conversation.send_message", { persona_id, content, ...extra });
    await say(client, "one");
    await say(client, "two");
    await say(client, "in the hall", { room_id: "hall" });
    const other = await RpcClient.connect(server.wsUrl);
    try {
      await say(other, "elsewhere");
    } finally {
      await other.close();
    }
    await say(client, "three");
    const requests = fake.chatRequests();
    assert.deepEqual(turns(requests[1]!.messages), [
      "assistant: Welcome, traveller.",
      "user: user: one",
      "assistant: reply 1",
      "user: user: two",
    ]);
    // The session's window is persona and session: its room chat is in it; the other session's
    // chat (which had its own greeting) is not.
    assert.deepEqual(turns(requests[4]!.messages), [
      "assistant: Welcome, traveller.",
      "user: user: one",
      "assistant: reply 1",
      "user: user: two",
      "assistant: reply 2",
      "user: user: in the hall",
      "assistant: reply 3",
      "user: user: three",
    ]);
  }, { PROMPT_HISTORY_TURNS: "8" });
});

/** The string `field` of what `method` answers. */
async function answer(
  client: RpcClient,
  method: string,
  params: Record<string, unknown>,
  field: string,
): Promise<string> {
  const value = (await client.call(method, params))[field];
  assert.equal(typeof value, "string");
  return value as string;
}

const create = (client: RpcClient, params: Record<string, unknown>) =>
  answer(client, "persona.create", params, "persona_id");
const sessionOf = (client: RpcClient) => answer(client, "session.get_info", {}, "session_id");
/** Sends a message; its stored message's id. */
const send = (client: RpcClient, params: Record<string, unknown>) =>
  answer(client, "conversation.send_message", params, "message_id");

/** The turns of `window` as a prompt has them. */
function storedTurns(window: PromptMessage[]): string[] {
  return window.flatMap((m) =>
    m.kind === "greeting"
      ? [`assistant: ${m.response}`]
      : [`user: ${m.sender}: ${m.content}`, `assistant: ${m.response}`]
  );
}

/**
 * The last chat's prompt (its turns before the message) against the session's window read from
 * the database before the message `messageId` that chat kept.
 */
async function assertPromptIsStored(
  { fake, server }: Pick<TestHarness, "fake" | "server">,
  scope: { personaId: string; sessionId: string },
  messageId: string,
): Promise<string[]> {
  const stored = await server.services.history.promptWindow(scope, TURNS + 1);
  const before = stored.filter((message) => message.id !== messageId).slice(-TURNS);
  const prompt = turns(fake.chatRequests().at(-1)!.messages).slice(0, -1);
  assert.deepEqual(prompt, storedTurns(before));
  return prompt;
}

Deno.test("chat windows: a model's reply with U+0000 or a lone surrogate is kept as the database has it", async () => {
  await withTestServer(async (harness) => {
    const { fake, client } = harness;
    const replies = ["one\u0000cut", "two \ud800 lone", "three"];
    fake.behavior.reply = () => replies.shift() ?? "more";
    const persona_id = await create(client, { name: "Wren" });
    const scope = { personaId: persona_id, sessionId: await sessionOf(client) };
    let last = "";
    for (const content of ["a", "b", "c"]) last = await send(client, { persona_id, content });
    const prompt = await assertPromptIsStored(harness, scope, last);
    assert.deepEqual(prompt.filter((turn) => turn.startsWith("assistant")), [
      "assistant: onecut",
      "assistant: two \ufffd lone",
    ]);
  }, ENV);
});

Deno.test("chat windows: a user's text and name (and so the greeting) with U+0000 or a lone surrogate are kept as the database has them", async () => {
  await withTestServer(async (harness) => {
    const { fake, server, client } = harness;
    fake.behavior.reply = () => "ok";
    const persona_id = await create(client, { name: "Wren", first_mes: "Hello, {{user}}." });
    const persona = await server.services.personas.get(persona_id);
    // The engine itself (the wire may refuse U+0000 before it): a session of this process.
    const session = new Session("websocket");
    const send = (content: string) =>
      server.services.chat.sendMessage({
        persona,
        session,
        content,
        sender: "B\u0000o",
        roomId: null,
      });
    await send("nul \u0000 here");
    await send("lone \udc00 here");
    const { message_id } = await send("next");
    const prompt = await assertPromptIsStored(
      harness,
      { personaId: persona_id, sessionId: session.id },
      message_id,
    );
    assert.deepEqual(prompt.slice(0, 4), [
      "assistant: Hello, Bo.",
      "user: Bo: nul  here",
      "assistant: ok",
      "user: Bo: lone \ufffd here",
    ]);
  }, ENV);
});

Deno.test("chat windows: another persona's greeting in the session stays out of the window", async () => {
  await withTestServer(async (harness) => {
    const { fake, client } = harness;
    fake.behavior.reply = () => "reply";
    const a = await create(client, { name: "Ann" });
    const b = await create(client, { name: "Bea", first_mes: "Hello from Bea." });
    const scope = { personaId: a, sessionId: await sessionOf(client) };
    await send(client, { persona_id: a, content: "a1" });
    // Bea greets the session: her greeting is hers, not Ann's.
    await client.call("persona.switch", { persona_id: b });
    const message_id = await send(client, { persona_id: a, content: "a2" });
    const prompt = await assertPromptIsStored(harness, scope, message_id);
    assert.deepEqual(prompt, ["user: user: a1", "assistant: reply"]);
  }, ENV);
});

Deno.test("chat windows: a greeting added after a failed first chat, or picked again, is in the next prompt", async () => {
  await withTestServer(async (harness) => {
    const { fake, client } = harness;
    fake.behavior.reply = () => "reply";
    const persona_id = await create(client, { name: "Wren" });
    const scope = { personaId: persona_id, sessionId: await sessionOf(client) };
    const chat = (content: string) => send(client, { persona_id, content });
    // The first chat fails after reading its (empty) window; then the persona gets greetings,
    // and `persona.switch` greets the session (`ChatEngine.greet`).
    fake.behavior.mode = "error";
    await assert.rejects(chat("lost"));
    fake.behavior.mode = "ok";
    await client.call("persona.update", {
      persona_id,
      first_mes: "Now I greet.",
      alternate_greetings: ["Or like this."],
    });
    await client.call("persona.switch", { persona_id });
    assert.deepEqual(await assertPromptIsStored(harness, scope, await chat("one")), [
      "assistant: Now I greet.",
    ]);
    // In a new session, a failed chat reads the greeting into the window; the greeting is then
    // picked again (`conversation.greeting`), replacing it in the database.
    const other = await RpcClient.connect(harness.server.wsUrl);
    try {
      const scope = { personaId: persona_id, sessionId: await sessionOf(other) };
      fake.behavior.mode = "error";
      await assert.rejects(send(other, { persona_id, content: "x" }));
      fake.behavior.mode = "ok";
      await other.call("conversation.greeting", { persona_id, index: 1 });
      const message_id = await send(other, { persona_id, content: "two" });
      const prompt = await assertPromptIsStored(harness, scope, message_id);
      assert.deepEqual(prompt, ["assistant: Or like this."]);
    } finally {
      await other.close();
    }
  }, ENV);
});

Deno.test("chat: a reply with U+0000 or a lone surrogate is answered and remembered as history keeps it", async () => {
  await withTestServer(async ({ fake, client }) => {
    const replies = ["one\u0000cut", "two \ud800 lone"];
    fake.behavior.reply = () => replies.shift() ?? "more";
    const persona_id = await create(client, { name: "Wren" });
    const answers: string[] = [];
    for (const content of ["a", "b"]) {
      const result = await client.call<{ response: string }>("conversation.send_message", {
        persona_id,
        content,
      });
      answers.push(result.response);
    }
    assert.deepEqual(answers, ["onecut", "two \ufffd lone"]);
    const { memories } = await client.call<{ memories: { content: string }[] }>("memory.list", {
      persona_id,
      limit: 10,
    });
    const texts = memories.map((memory) => memory.content).join("\n");
    assert.ok(texts.includes("onecut") && texts.includes("two \ufffd lone"), texts);
  }, ENV);
});

Deno.test("chat: greeting a session keeps nothing of it alive once it is gone", async () => {
  await withTestServer(async ({ server, client }) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    assert.ok(gc, "run with --v8-flags=--expose-gc");
    const persona_id = await create(client, { name: "Wren", first_mes: "Hello, {{user}}." });
    const persona = await server.services.personas.get(persona_id);
    let session: Session | undefined = new Session("websocket");
    const ref = new WeakRef(session);
    assert.ok(await server.services.chat.greet({ persona, session, user: "Bo" }));
    session = undefined;
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    assert.equal(ref.deref(), undefined);
  }, ENV);
});
