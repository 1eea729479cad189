/**
 * Test support: persona-mcp as a cluster on one machine: N server processes (`main.ts`, as a user
 * runs it) on one PostgreSQL schema (`TEST_DATABASE_URL`, or a server of the tests' own), memory
 * vectors in a real Chroma server (or pgvector), and one fake Ollama shared by every node, which
 * counts the chats it is answering at once.
 *
 * @module
 */
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { testSchema } from "../core/storage/testing/databases.ts";
import { type ServerProcess, spawnServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import type { FakeBehavior } from "./fake_model_behavior.ts";

/** A fake Ollama that also knows how many chats it answers at once, now and at most. */
export class CountingOllama extends FakeOllama {
  inFlight = 0;
  maxInFlight = 0;

  /** Starts one on an ephemeral port. */
  static override start(behavior: Partial<FakeBehavior> = {}): CountingOllama {
    return new CountingOllama(behavior, 0);
  }

  protected override async route(path: string, body: unknown, request: Request) {
    if (path !== "/api/chat") return await super.route(path, body, request);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const response = await super.route(path, body, request);
      // A streamed answer is done when its body is: count until then.
      if (!response.body) return response;
      const [forClient, forCount] = response.body.tee();
      (async () => {
        const reader = forCount.getReader();
        try {
          while (!(await reader.read()).done) { /* drain */ }
        } catch {
          // The client went away.
        } finally {
          this.inFlight--;
        }
      })();
      return new Response(forClient, { status: response.status, headers: response.headers });
    } catch (error) {
      this.inFlight--;
      throw error;
    }
  }

  /** Starts counting the most chats at once afresh. */
  resetMax(): void {
    this.maxInFlight = this.inFlight;
  }
}

/** A running cluster. */
export interface Cluster {
  nodes: ServerProcess[];
  /** `postgres://...?search_path=<schema>`: what every node was given as DATABASE_URL. */
  databaseUrl: string;
  chromaUrl: string | null;
  model: CountingOllama;
  /** Starts one more node with the cluster's settings (and `env` on top). */
  addNode(env?: Record<string, string>): Promise<ServerProcess>;
  /** Stops every node, Chroma and the model, and drops the schema. */
  stop(): Promise<void>;
}

/** Starts `count` nodes at once (they migrate the fresh schema together) with `env` on top. */
export async function startCluster(
  options: { nodes: number; env?: Record<string, string>; chroma?: boolean },
): Promise<Cluster> {
  const schema = await testSchema();
  const chroma = options.chroma === false ? null : await startChromaServer();
  const model = CountingOllama.start();
  const env: Record<string, string> = {
    STORAGE: "postgres",
    DATABASE_URL: schema.url,
    DATABASE_POOL_SIZE: "4",
    // Without a Chroma server the nodes still need a vector store: one that is never reached
    // (PostgreSQL here has no pgvector), for tests that store no memories.
    MEMORY_BACKEND: "chroma",
    CHROMA_URL: chroma?.url ?? "http://127.0.0.1:9",
    OLLAMA_HOST: model.url,
    LOG_LEVEL: "warn",
    ...options.env,
  };
  const nodes: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await chroma?.stop();
    await model.stop();
    await schema.drop();
  };
  try {
    nodes.push(
      ...await Promise.all(
        Array.from(
          { length: options.nodes },
          (_, i) => spawnServer({ ...env, NODE_ID: String.fromCharCode(97 + i) }),
        ),
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes,
    databaseUrl: schema.url,
    chromaUrl: chroma?.url ?? null,
    model,
    addNode: async (extra = {}) => {
      const node = await spawnServer({ ...env, ...extra });
      nodes.push(node);
      return node;
    },
    stop,
  };
}
