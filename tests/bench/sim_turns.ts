/**
 * Turns per second and time per turn of persona-to-persona conversations with the scripted
 * model (`deno task bench:sim`), among the five personas of the sample scenario, on real SQLite
 * files:
 *   1. the chatroom simulation (in process): its whole tick loop, and the engine's time per
 *      `conversation.turn` inside it;
 *   2. the server over a real WebSocket: `conversation.turn` round trips, one after the other,
 *      each conversation run to its end, then the next pair (the clock jumps two hours between
 *      conversations, so cooldowns and energy never hold the benchmark up).
 *
 *   deno task bench:sim [--turns 1000]
 */
import { ManualClock } from "../../core/clock.ts";
import type { Persona } from "../../core/personas/mod.ts";
import { startServer } from "../../core/server/server.ts";
import { percentile, runSimulation, ScriptedModel } from "../../core/simulation/mod.ts";
import { testConfig, testLogger } from "../_helpers.ts";
import { sampleScenario } from "../_simulation.ts";
import { numberFlag } from "./_load.ts";

const turns = numberFlag(Deno.args, "turns", 1000);
const fixed = (value: number, digits = 3) => value.toFixed(digits);

async function simulationRun() {
  const scenario = sampleScenario({
    ticks: 1_000_000,
    max_turns: turns,
    start_chance: 1,
    max_concurrent: 2,
    group_size: { min: 2, max: 3 },
  });
  const report = await runSimulation(scenario, {
    env: { ENV_FILE: "/nonexistent" },
    dotenv: "",
    log: testLogger(),
  });
  return {
    label: "simulation loop (in process)",
    turns: report.summary.turns,
    conversations: report.summary.conversations,
    ticks: String(report.summary.ticks_run),
    seconds: report.run.wall_ms / 1000,
    p50: report.run.turn_ms.p50,
    p99: report.run.turn_ms.p99,
  };
}

async function rpc(socket: WebSocket, id: number, method: string, params: unknown) {
  const answer = new Promise<Record<string, unknown>>((resolve) => {
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data as string);
      if (message.id === id) resolve(message);
    };
  });
  socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
  const message = await answer;
  if (message.error) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
  return message.result as Record<string, unknown>;
}

async function serverRun() {
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
  try {
    let id = 1;
    const scenario = sampleScenario();
    for (const persona of scenario.personas) {
      if (typeof persona === "object") await rpc(socket, id++, "persona.create", persona);
    }
    roster = await server.services.personas.list();
    const ids = roster.map((p) => p.id);
    const pairs = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => [a, b]));
    const samples: number[] = [];
    let conversations = 0;
    const started = performance.now();
    while (samples.length < turns) {
      const pair = pairs[conversations % pairs.length];
      const topic = scenario.topics[conversations % scenario.topics.length];
      const { conversation_id } = await rpc(socket, id++, "conversation.start", {
        participants: pair,
        topic,
      });
      conversations++;
      let ended = false;
      while (!ended && samples.length < turns) {
        const sent = performance.now();
        const turn = await rpc(socket, id++, "conversation.turn", { conversation_id });
        samples.push(performance.now() - sent);
        ended = turn.ended as boolean;
      }
      if (!ended) await rpc(socket, id++, "conversation.end", { conversation_id });
      clock.advance(2 * 3_600_000);
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      label: "server over WebSocket",
      turns: samples.length,
      conversations,
      ticks: "–",
      seconds,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
    };
  } finally {
    await new Promise((resolve) => {
      socket.onclose = resolve;
      socket.close();
    });
    await server.shutdown();
    await Deno.remove(dataDir, { recursive: true });
  }
}

console.log(`${turns} turns among 5 personas, scripted model, ${Deno.build.target}`);
console.log(
  "| run | turns | conversations | ticks | seconds | turns/s | per turn p50 ms | p99 ms |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const run of [simulationRun, serverRun]) {
  await run(); // warm-up: the first run pays for JIT compilation and SQLite statement caches
  const r = await run();
  const perSecond = Math.round(r.turns / r.seconds);
  console.log(
    `| ${r.label} | ${r.turns} | ${r.conversations} | ${r.ticks} | ${fixed(r.seconds, 2)} | ` +
      `${perSecond} | ${fixed(r.p50)} | ${fixed(r.p99)} |`,
  );
}
