/**
 * A chat that ends after the memory service closed (one that outlived the shutdown's grace, e.g.
 * a model ignoring the abort): its exchange is not queued on a drained queue with
 * `memory_stored: true`; it is stored inline, which fails on the closed store and so reports
 * `false` (review45a F6). Real server, real SQLite file.
 */
import assert from "node:assert/strict";
import { keepExchange } from "../core/chat/keep_exchange.ts";
import { createLogger } from "../core/log.ts";
import { startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";

Deno.test("a chat's exchange handed to memory after it closed reports memory_stored false", async () => {
  const fake = FakeOllama.start({ reply: () => "Aye." });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const { memory, personas, sessions } = server.services;
  const persona = await personas.resolve("Aria");
  const session = sessions.open("websocket");
  await server.shutdown();
  await fake.stop();
  const warnings: string[] = [];
  const log = createLogger("warn", { write: (line) => warnings.push(line) });
  const input = { persona, session, content: "Late words.", sender: "Tam", roomId: null };
  const reply = { response: "Too late.", at: new Date().toISOString(), later: true };
  assert.equal(await keepExchange({ memory, log }, input, reply), false);
  assert.ok(warnings.some((line) => line.includes("Memory store failed")), warnings.join("\n"));
});
