/**
 * Property-based fuzzing (fast-check) through the dispatcher every transport shares: envelope
 * parsing of any text, broken and mixed frames, and every method's params drawn from its own
 * schema. Whatever comes in, the answer is valid JSON-RPC 2.0 (or nothing, for notifications),
 * never -32603, and never a hang. Seeds are printed on failure: rerun with FUZZ_SEED=<seed>.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildServer, closeServices } from "../core/server/server.ts";
import { plugins } from "../plugins/_manifest.gen.ts";
import { checkReply, frameArbitrary, messageArbitrary, methodShapes, paramsFor } from "./_fuzz.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { testConfig, testLogger } from "./_helpers.ts";

const seed = Deno.env.get("FUZZ_SEED") ? Number(Deno.env.get("FUZZ_SEED")) : undefined;

/** Fails when `work` has not settled within `ms`: a hang is a failure, not a slow test. */
function withinDeadline<T>(work: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms: ${what.slice(0, 300)}`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Ids of the personas that exist now: params that name them get past the lookups. */
async function worldOf(
  server: { services: { personas: { list(): Promise<Array<{ id: string }>> } } },
) {
  return { personas: (await server.services.personas.list()).map((persona) => persona.id) };
}

async function fuzzServer() {
  const fake = FakeOllama.start({ reply: () => "A short answer." });
  const config = testConfig({
    OLLAMA_HOST: fake.url,
    PLUGINS: plugins.map((plugin) => plugin.name).join(","),
    MEMORY_DECAY_ENABLED: "false",
  });
  const server = await buildServer(config, { log: testLogger(), databasePath: ":memory:" });
  const session = server.services.sessions.open("websocket");
  return {
    server,
    session,
    shapes: methodShapes(server.dispatcher.registry.list()),
    async close() {
      server.services.sessions.close(session);
      await closeServices(server.services);
      await fake.stop();
    },
  };
}

Deno.test("any text frame gets valid JSON-RPC or nothing, never -32603", async () => {
  const { server, session, close } = await fuzzServer();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.json()),
        async (text) => {
          const reply = await withinDeadline(server.dispatcher.handleText(text, session), text);
          if (reply !== undefined) checkReply(reply);
        },
      ),
      { numRuns: 400, seed },
    );
  } finally {
    await close();
  }
});

Deno.test("envelopes, batches and deep nesting: valid answers, ids echoed, never -32603", async () => {
  const { server, session, shapes, close } = await fuzzServer();
  try {
    await fc.assert(
      fc.asyncProperty(frameArbitrary(shapes, await worldOf(server)), async (frame) => {
        const reply = await withinDeadline(server.dispatcher.handleText(frame, session), frame);
        if (reply === undefined) return;
        const { ids } = checkReply(reply);
        let sent: unknown;
        try {
          sent = JSON.parse(frame);
        } catch {
          return; // A parse error answers with id null: checked above.
        }
        // Every id answered was sent (or is null, for what had no readable id).
        const sentIds = (Array.isArray(sent) ? sent : [sent]).map((item) =>
          item !== null && typeof item === "object" ? (item as { id?: unknown }).id : undefined
        );
        for (const id of ids) {
          assert.ok(id === null || sentIds.some((sentId) => Object.is(sentId, id)), `id ${id}`);
        }
      }),
      { numRuns: 600, seed },
    );
  } finally {
    await close();
  }
});

Deno.test("every method's params, drawn from its schema: a result or a clean error, never -32603", async () => {
  const { server, session, shapes, close } = await fuzzServer();
  try {
    // Deleting comes last, so that the other methods find personas to work on.
    const ordered = [...shapes].sort((a, b) =>
      Number(a.method === "persona.delete") - Number(b.method === "persona.delete")
    );
    for (const shape of ordered) {
      await fc.assert(
        fc.asyncProperty(paramsFor(shape.schema, await worldOf(server)), async (params) => {
          const request = { jsonrpc: "2.0", id: "p", method: shape.method, params };
          const text = JSON.stringify(request);
          const reply = await withinDeadline(server.dispatcher.handleText(text, session), text);
          assert.ok(reply !== undefined, `${shape.method} answered`);
          const { ids } = checkReply(reply);
          assert.deepEqual(ids, ["p"]);
        }),
        { numRuns: 25, seed },
      );
    }
  } finally {
    await close();
  }
});

Deno.test("messages decoded in any order keep the session usable", async () => {
  const { server, session, shapes, close } = await fuzzServer();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(messageArbitrary(shapes, await worldOf(server)), { maxLength: 10 }),
        async (messages) => {
          await Promise.all(
            messages.map((message) =>
              withinDeadline(
                server.dispatcher.handleValue(message, session),
                JSON.stringify(message),
              )
            ),
          );
          const ping = await server.dispatcher.handleText(
            '{"jsonrpc":"2.0","id":"alive","method":"ping"}',
            session,
          );
          assert.deepEqual(JSON.parse(ping!), { jsonrpc: "2.0", id: "alive", result: {} });
        },
      ),
      { numRuns: 100, seed },
    );
  } finally {
    await close();
  }
});
