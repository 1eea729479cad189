/**
 * Shared by the `memory.search` diagnostics (`_memory_gap.ts`, `_memory_trip.ts`): queries drawn
 * from a data directory left by `bench:memory --keep DIR`, and a server started on it.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { RpcClient, startTestServer } from "../_helpers.ts";
import type { Persona } from "../../core/personas/mod.ts";

/**
 * Query `i`: 2-4 words of a stored memory (as in `bench:memory`, common words are common here
 * too), from a sample of up to 5,000 memories of `dataDir`.
 */
export function storedQueries(dataDir: string): (i: number) => string {
  const db = new DatabaseSync(`${dataDir}/persona.db`, { readOnly: true });
  let texts: string[];
  try {
    texts = db.prepare("SELECT content FROM memories WHERE seq % 37 = 1 LIMIT 5000").all()
      .map((row) => String(row.content));
  } finally {
    db.close();
  }
  return (i) => {
    const words = texts[i % texts.length]!.split(" ");
    return Array.from({ length: 2 + (i % 3) }, (_, j) => words[(i + j * 5) % words.length])
      .join(" ");
  };
}

/** A server on `dataDir` with decay and pruning off: nothing moves while it is measured. */
export function startStillServer(dataDir: string): ReturnType<typeof startTestServer> {
  return startTestServer({
    DATA_DIR: dataDir,
    MEMORY_DECAY_ENABLED: "false",
    MEMORY_AUTO_PRUNE: "false",
    LOG_LEVEL: "error",
  });
}

/**
 * A server on `dataDir` with decay and pruning off (nothing moves while it is measured), and a
 * client whose session speaks as Aria, the persona `bench:memory` fills.
 */
export async function startOnData(dataDir: string) {
  const server = await startStillServer(dataDir);
  const client = await RpcClient.connect(server.wsUrl);
  await client.call("persona.switch", { persona_id: "Aria" });
  const persona: Persona = (await server.services.personas.list())
    .find((item) => item.name === "Aria")!;
  return { server, client, persona };
}
