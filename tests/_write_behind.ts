/**
 * Test support for the chat write-behind tests (tests/chat_write_behind_test.ts and
 * tests/chat_write_behind_mutation_test.ts): a real server over a fake model, a client on its
 * WebSocket, and the server's quiet-time queue held by a piece of the test's own (pieces run one
 * at a time), so that "not yet stored" is an order, not a race.
 *
 * @module
 */
import type { RunningServer } from "../core/server/server.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";

/** What memory.search and memory.list answer, as far as these tests read it. */
export type Found = { memories: Array<{ content: string }> };

/** Holds the server's quiet-time queue until `release` (or the server's shutdown). */
export function holdQuietWork(server: RunningServer): () => void {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  server.services.lifetime.signal.addEventListener("abort", () => release());
  void server.services.quiet.add("the test's hold", () => released);
  return release;
}

/** How many conversation memories the persona called `name` has in the database. */
export async function conversationCount(server: RunningServer, name: string): Promise<number> {
  const persona = await server.services.personas.resolve(name);
  const rows = await server.services.db.all<{ n: number }>(
    "SELECT COUNT(*) AS n FROM memories WHERE persona_id = ? AND memory_type = 'conversation'",
    persona.id,
  );
  return Number(rows[0]!.n);
}

/**
 * A server whose fake model answers every chat with `reply` (`env` added to its settings), a
 * client connected to it and its quiet-time queue held; `stop` releases and ends all three.
 */
export async function heldChatServer(
  options: { reply: string; env?: Record<string, string> },
) {
  const fake = FakeOllama.start({ reply: () => options.reply });
  const server = await startTestServer({ OLLAMA_HOST: fake.url, ...options.env });
  const client = await RpcClient.connect(server.wsUrl);
  const release = holdQuietWork(server);
  const stop = async () => {
    release();
    await client.close();
    await server.shutdown();
    await fake.stop();
  };
  return { server, client, release, stop };
}
