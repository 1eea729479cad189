/**
 * A chat's critical phases and the follow-up work around them, in a real server: the chat is
 * foreground while it prepares the prompt and while it keeps the answer, never while the model
 * answers (so the mind's reaction to the previous chat runs then); a failed chat ends its phase
 * too; the mind's reaction to a chat is queued as follow-up work, and a shutdown right after
 * the reply still writes its job.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { MIND_ON, mindReply } from "./_mind.ts";

Deno.test("a chat is foreground while it prepares the prompt and keeps the answer, not while the model answers", async () => {
  const events: string[] = [];
  const fake = FakeOllama.start({ reply: () => "Fair winds." });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const { quiet } = server.services;
  const begin = quiet.begin.bind(quiet);
  quiet.begin = () => {
    events.push("begin");
    const end = begin();
    return () => {
      events.push("end");
      end();
    };
  };
  fake.behavior.reply = () => {
    events.push(`model asked, ${quiet.foreground} in foreground`);
    return "Fair winds.";
  };
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "Any news from the harbor?" });
    assert.deepEqual(events, ["begin", "end", "model asked, 0 in foreground", "begin", "end"]);
    assert.equal(quiet.foreground, 0);

    events.length = 0;
    fake.behavior.mode = "error";
    await assert.rejects(
      client.call("conversation.send_message", { content: "And now?" }),
      RpcCallError,
    );
    assert.deepEqual(events.slice(0, 2), ["begin", "end"]);
    assert.equal(quiet.foreground, 0, "a failed chat ends its phase");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("the mind's reaction to a chat is follow-up work; a shutdown right after the reply still queues its job", async () => {
  const fake = FakeOllama.start({ reply: mindReply({ chat: () => "Noted." }) });
  const dataDir = tempDirSync("quiet-work-");
  // The jobs never start (a long quiet time before background work): only their rows count.
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    DATA_DIR: dataDir,
    ...MIND_ON,
    LLM_BACKGROUND_QUIET_MS: "600000",
  });
  const client = await RpcClient.connect(server.wsUrl);
  const queued: string[] = [];
  const add = server.services.quiet.add.bind(server.services.quiet);
  server.services.quiet.add = (label, run, since) => {
    queued.push(label);
    return add(label, run, since);
  };
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", {
      content: "The lighthouse keeper is called Brann.",
      sender: "Tam",
    });
    // The exchange is stored after the reply (core/memory/write_behind.ts), then reacted to. The
    // reaction may already be queued when the reply reaches the client: the server goes quiet as
    // soon as it has sent the reply, and the client reads it on the same thread later.
    assert.equal(queued[0], "storing chats' exchanges");
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
  assert.deepEqual(
    queued,
    ["storing chats' exchanges", "the mind's reaction to stored memories"],
    "both went through the quiet-time queue, and ran before the shutdown ended",
  );
  const db = new DatabaseSync(join(dataDir, "persona.db"));
  try {
    const rows = db.prepare("SELECT kind, state FROM jobs ORDER BY kind").all();
    assert.deepEqual(
      rows.map((row) => `${row.kind} ${row.state}`),
      ["extract_facts queued"],
    );
  } finally {
    db.close();
  }
});
