/**
 * The model-slot yield tests' server (`tests/chat_job_yield_test.ts`,
 * `tests/chat_job_yield_bound_test.ts`): one model slot, the mind on without reflection, and a
 * fake Ollama that holds every extraction call ("hang") and reads "Tam lives in Lyon." from a
 * transcript naming Lyon. A chat then always finds the slot taken by the job's call.
 *
 * @module
 */
import type { RunningServer } from "../core/server/server.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { MIND_ON, mindReply } from "./_mind.ts";

/** The fake model, the server and a connected client; `stop` ends all three. */
export interface OneSlotMind {
  fake: FakeOllama;
  server: RunningServer;
  client: RpcClient;
  stop(): Promise<void>;
}

/** Starts the one-slot server described in the module doc. */
export async function startOneSlotMind(): Promise<OneSlotMind> {
  const fake = FakeOllama.start({
    reply: mindReply({
      facts: (transcript) => /Lyon/.test(transcript) ? [{ content: "Tam lives in Lyon." }] : [],
      replaced: () => [],
    }),
    // The job's extraction calls reach the model and stay there.
    json: { mode: "hang" },
  });
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    ...MIND_ON,
    MEMORY_REFLECTION: "false",
    LLM_CONCURRENCY: "1",
    // Only a bound for the case these tests exist to catch (a chat queued behind the job).
    OLLAMA_TIMEOUT_MS: "20000",
  });
  const client = await RpcClient.connect(server.wsUrl);
  return {
    fake,
    server,
    client,
    stop: async () => {
      await client.close();
      await server.shutdown();
      await fake.stop();
    },
  };
}
