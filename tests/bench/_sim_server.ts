/**
 * The server side of the simulation benchmarks (`sim_turns.ts`, `sim_same.ts`): a server of a
 * checkout's code (`tree`, its modules imported by path so that a baseline runs its own code)
 * with the scripted model, a manual clock and the sample scenario's personas, on a temporary data
 * directory, driven over a real WebSocket: each pair of personas in turn holds a conversation
 * on the scenario's next topic, run to its end, then the clock jumps two hours (so cooldowns and
 * energy never hold the run up).
 *
 * @module
 */
import type { Persona } from "../../core/personas/mod.ts";
import type { Services } from "../../core/services.ts";

/** What one `conversation.turn` answered, and how long its round trip took (ms). */
export interface TimedTurn {
  result: Record<string, unknown>;
  ms: number;
}

/** A running scripted server and a client socket to it. */
export interface SimServer {
  services: Services;
  /** The personas of the sample scenario, as created. */
  roster: readonly Persona[];
  /** One JSON-RPC call over the socket; throws on an error answer. */
  rpc(method: string, params: unknown): Promise<Record<string, unknown>>;
  /** Runs conversations pair after pair until `turns` turns were taken; `onTurn` sees each. */
  converse(turns: number, onTurn: (turn: TimedTurn) => void): Promise<number>;
  close(): Promise<void>;
}

/** Starts `tree`'s server with the scripted model and creates the sample scenario's personas. */
export async function startSimServer(tree: string): Promise<SimServer> {
  const { ManualClock }: typeof import("../../core/clock.ts") = await import(
    `${tree}/core/clock.ts`
  );
  const { startServer }: typeof import("../../core/server/server.ts") = await import(
    `${tree}/core/server/server.ts`
  );
  const { ScriptedModel }: typeof import("../../core/simulation/mod.ts") = await import(
    `${tree}/core/simulation/mod.ts`
  );
  const { testConfig, testLogger }: typeof import("../_helpers.ts") = await import(
    `${tree}/tests/_helpers.ts`
  );
  const { sampleScenario }: typeof import("../_simulation.ts") = await import(
    `${tree}/tests/_simulation.ts`
  );
  const clock = new ManualClock();
  // The model is built before the server, which owns the personas it must recognise.
  // The scripted model reads names synchronously: it gets the personas once they exist.
  let roster: readonly Persona[] = [];
  const llm = new ScriptedModel({ seed: 42, roster: () => roster });
  const dataDir = await Deno.makeTempDir({ prefix: "persona-bench-sim-" });
  const server = await startServer(testConfig({ DATA_DIR: dataDir, LOG_LEVEL: "error" }), {
    log: testLogger(),
    clock,
    llm,
  });
  const socket = new WebSocket(server.wsUrl);
  await new Promise((resolve) => (socket.onopen = resolve));
  let id = 1;
  const rpc = async (method: string, params: unknown) => {
    const own = id++;
    const answer = new Promise<Record<string, unknown>>((resolve) => {
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data as string);
        if (message.id === own) resolve(message);
      };
    });
    socket.send(JSON.stringify({ jsonrpc: "2.0", id: own, method, params }));
    const message = await answer;
    if (message.error) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
    return message.result as Record<string, unknown>;
  };
  const close = async () => {
    await new Promise((resolve) => {
      socket.onclose = resolve;
      socket.close();
    });
    await server.shutdown();
    await Deno.remove(dataDir, { recursive: true });
  };
  const scenario = sampleScenario();
  try {
    for (const persona of scenario.personas) {
      if (typeof persona === "object") await rpc("persona.create", persona);
    }
    roster = await server.services.personas.list();
  } catch (error) {
    await close();
    throw error;
  }
  const ids = roster.map((p) => p.id);
  const pairs = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b]));
  const converse = async (turns: number, onTurn: (turn: TimedTurn) => void) => {
    let taken = 0;
    let conversations = 0;
    while (taken < turns) {
      const pair = pairs[conversations % pairs.length];
      const topic = scenario.topics[conversations % scenario.topics.length];
      const { conversation_id } = await rpc("conversation.start", { participants: pair, topic });
      conversations++;
      let ended = false;
      while (!ended && taken < turns) {
        const sent = performance.now();
        const result = await rpc("conversation.turn", { conversation_id });
        onTurn({ result, ms: performance.now() - sent });
        taken++;
        ended = result.ended as boolean;
      }
      if (!ended) await rpc("conversation.end", { conversation_id });
      clock.advance(2 * 3_600_000);
    }
    return conversations;
  };
  return { services: server.services, roster, rpc, converse, close };
}
