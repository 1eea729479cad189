/**
 * attack9 F4: an HTTP client that gives up cancels its chat, as a closed WebSocket does: REST
 * chat, `POST /api/rpc` and MCP Streamable HTTP `tools/call` answered with JSON. A chat queued
 * behind another (LLM_CONCURRENCY=1) never reaches the model server and nothing of it is stored.
 * Over real HTTP on 127.0.0.1, the model server a fake.
 */
import assert from "node:assert/strict";
import { delay, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import type { RunningServer } from "../core/server/server.ts";
import { type GiveUp, mcpToolsCall, restChat } from "./_give_up.ts";
import { open } from "../core/server/transport/_mcp_http_test_utils.ts";
import { BATCH_CONCURRENCY } from "../core/server/rpc/batch.ts";
import { defineHandler, type Handler } from "../core/server/define_handler.ts";
import { z } from "zod";
import { postRpc } from "./_rest.ts";

/** The model queue now, as `GET /api/system/status` shows it. */
async function queue(server: RunningServer): Promise<{ running: number; waiting: number }> {
  const response = await fetch(`${server.apiUrl}/system/status`);
  return (await response.json()).llm_queue;
}

/** Waits (bounded) until the model queue is as `wanted` says; returns what it was last. */
async function queueUntil(
  server: RunningServer,
  wanted: (load: { running: number; waiting: number }) => boolean,
): Promise<{ running: number; waiting: number }> {
  let load = await queue(server);
  for (let tries = 0; tries < 300 && !wanted(load); tries++) {
    await delay(20);
    load = await queue(server);
  }
  return load;
}

async function abandonedWhileQueued(giveUp: GiveUp): Promise<void> {
  const fake = FakeOllama.start({ firstTokenDelayMs: 600 });
  const server = await startTestServer({ OLLAMA_HOST: fake.url, LLM_CONCURRENCY: "1" });
  try {
    const aria = await server.services.personas.resolve("aria");
    const chat = (content: string, signal?: AbortSignal) =>
      fetch(`${server.apiUrl}/personas/${aria.id}/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ content, sender: "kept" }),
        signal,
      });
    // The first chat holds the only slot; the given-up one waits behind it.
    const first = chat("first question");
    await fake.waitForChats(1);
    const client = new AbortController();
    const gaveUp = giveUp(server, aria.id, client.signal).catch(() => "aborted");
    assert.deepEqual(await queueUntil(server, (load) => load.waiting === 1), {
      running: 1,
      waiting: 1,
    });
    client.abort();
    assert.equal(await gaveUp, "aborted");
    assert.equal((await first).status, 200);
    await queueUntil(server, (load) => load.running === 0 && load.waiting === 0);
    assert.equal(fake.chatRequests().length, 1, "the given-up chat never reached the model");
    const history = await (await fetch(`${server.apiUrl}/personas/${aria.id}/history`)).json();
    const said = JSON.stringify(history);
    assert.match(said, /first question/);
    assert.doesNotMatch(said, /given up/, "nothing of the given-up chat was stored");
  } finally {
    await server.shutdown();
    await fake.stop();
  }
}

Deno.test("REST chat: a client that gives up while queued cancels its chat", async () => {
  await abandonedWhileQueued(restChat);
});

Deno.test("POST /api/rpc: a client that gives up while queued cancels its chat", async () => {
  await abandonedWhileQueued((server, personaId, signal) =>
    postRpc(server.apiUrl, {
      jsonrpc: "2.0",
      id: 1,
      method: "conversation.send_message",
      params: { content: "given up", persona_id: personaId },
    }, { signal })
  );
});

Deno.test("MCP HTTP tools/call (JSON): a client that gives up while queued cancels its chat", async () => {
  await abandonedWhileQueued(mcpToolsCall);
});

/** A method that counts its starts and waits until cancelled (or `ms` pass, then answers). */
function countedWait(method: string, ms: number): { handler: Handler; started: () => number } {
  let started = 0;
  const handler = defineHandler({
    method,
    description: "Counts its starts; waits until cancelled",
    params: z.strictObject({}),
    handle: (_params, ctx) => {
      started++;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => resolve("done"), ms);
        ctx.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(ctx.signal.reason);
        });
      });
    },
  });
  return { handler, started: () => started };
}

Deno.test("MCP HTTP legacy batch: a client that goes away cancels the batch, and what has not started does not start", async () => {
  const server = await startTestServer();
  // Deno 2.9 aborts request.signal on a client's leaving only for small bodies (~300 bytes):
  // one-letter method, six requests.
  const wait = countedWait("w", 1_000);
  server.dispatcher.registry.add(wait.handler);
  try {
    // Batches exist up to 2025-03-26: later sessions refuse them (400 -32600).
    const headers = await open(server, "2025-03-26");
    const batch = Array.from({ length: 6 }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "w" }));
    const client = new AbortController();
    const sent = fetch(server.mcpUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
      body: JSON.stringify(batch),
      signal: client.signal,
    }).catch(() => "aborted");
    for (let tries = 0; tries < 300 && wait.started() < BATCH_CONCURRENCY; tries++) await delay(10);
    assert.equal(wait.started(), BATCH_CONCURRENCY, "a batch runs a few at a time");
    client.abort();
    assert.equal(await sent, "aborted");
    await delay(1_500);
    assert.equal(wait.started(), BATCH_CONCURRENCY, "the requests not started never ran");
  } finally {
    await server.shutdown();
  }
});

Deno.test("REST: a call answered before the client leaves is not cancelled afterwards", async () => {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  try {
    const aria = await server.services.personas.resolve("aria");
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.apiUrl}/personas/${aria.id}/chat`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ content: `question ${i}` }),
      });
      assert.equal(response.status, 200);
      assert.match((await response.json()).response, new RegExp(`question ${i}`));
    }
    const history = await (await fetch(`${server.apiUrl}/personas/${aria.id}/history`)).json();
    assert.match(JSON.stringify(history), /question 2/);
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});
