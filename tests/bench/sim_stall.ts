/**
 * How long the server stops answering while the largest `simulation.run`s play (attack18 F4):
 * `--parallel` runs (default 2, the most allowed at once) of 64 personas, 64 at once in groups of
 * 8, `--ticks` ticks (default 10,000) with the scripted model, while another connection pings every
 * 20 ms. Prints the run time, the worst ping, how many pings waited over 250 ms, and the most CPU
 * the server used while one ping waited (on a loaded machine pings wait for the CPU: the CPU
 * figure bounds the server's own longest block whatever the load). The server is
 * a child process of each tree (this one, then each `--tree`, e.g. the session's base, run with
 * `--frozen`).
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/sim_stall.ts [--tree /tmp/base24] \
 *     [--parallel 2] [--ticks 10000]
 *
 * @module
 */
import { MIND_OFF, RpcClient } from "../_helpers.ts";
import { numberFlag } from "./_load.ts";

const PARALLEL = numberFlag(Deno.args, "parallel", 2);
const TICKS = numberFlag(Deno.args, "ticks", 10_000);
const here = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const trees = [here];
Deno.args.forEach((arg, i) => {
  if (arg === "--tree" && Deno.args[i + 1]) trees.push(Deno.args[i + 1]!.replace(/\/$/, ""));
});

/** Starts `tree`'s server on a temporary data directory; resolves with its WebSocket URL. */
async function spawn(
  tree: string,
): Promise<{ url: string; child: Deno.ChildProcess; dataDir: string }> {
  const dataDir = Deno.makeTempDirSync({ prefix: "persona-bench-stall-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--frozen", `--lock=${tree}/tests/deno.lock`, `${tree}/main.ts`],
    cwd: tree,
    env: {
      SERVER_PORT: "0",
      API_PORT: "0",
      ENV_FILE: "/nonexistent",
      OLLAMA_HOST: "http://127.0.0.1:9",
      ...MIND_OFF,
      DATA_DIR: dataDir,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  // With DENO_V8_FLAGS=--trace-gc (V8 writes it to stdout): the collections that paused 100 ms+.
  (async () => {
    for await (const value of child.stdout.pipeThrough(new TextDecoderStream())) {
      for (const line of value.split("\n")) {
        const pause = /(Mark-Compact|Scavenge)[^,]*, ([\d.]+) \/ /.exec(line);
        if (pause && Number(pause[2]) >= 100) console.log(`  gc: ${line.trim().slice(0, 200)}`);
      }
    }
  })();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited:\n${text}`);
    text += value;
    const ready = /READY persona-mcp \S+ websocket=(\S+)/.exec(text);
    if (ready) {
      (async () => {
        while (!(await reader.read()).done) { /* drain */ }
      })();
      return { url: ready[1]!, child, dataDir };
    }
  }
}

/**
 * CPU milliseconds the server process has used (utime + stime, /proc, 10 ms resolution): a ping
 * that waited long while the server used little CPU waited for the machine, not for the server.
 */
function cpuMs(pid: number): number {
  const fields = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const scenario = {
  name: "big",
  seed: 1,
  model: "scripted",
  ticks: TICKS,
  tick_seconds: 1,
  max_concurrent: 64,
  group_size: { min: 8, max: 8 },
  start_chance: 1,
  min_start_energy: 0,
  topics: Array.from({ length: 64 }, (_, i) => `topic${i}`),
  personas: Array.from({ length: 64 }, (_, i) => ({
    name: `N${i}`,
    description: "d".repeat(2000),
    personality_traits: {
      openness: 0.9,
      conscientiousness: 0.5,
      extraversion: 1,
      agreeableness: 0.9,
      neuroticism: 0,
    },
  })),
  settings: { DIALOGUE_COOLDOWN_S: 0 },
};

for (const tree of trees) {
  const { url, child, dataDir } = await spawn(tree);
  const client = await RpcClient.connect(url);
  const probe = await RpcClient.connect(url);
  const pings: number[] = [];
  const stalls: string[] = [];
  /** The most CPU the server used while one ping waited (ms): its longest block at most. */
  let busiest = 0;
  let going = true;
  const begun = performance.now();
  const pinger = (async () => {
    while (going) {
      const start = performance.now();
      const cpu = cpuMs(child.pid);
      await probe.call("ping");
      const ms = performance.now() - start;
      const used = cpuMs(child.pid) - cpu;
      busiest = Math.max(busiest, used);
      pings.push(ms);
      if (ms > 500) {
        stalls.push(
          `${ms.toFixed(0)} ms (server CPU ${used}) at ${((start - begun) / 1000).toFixed(1)} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const start = performance.now();
  const answers = await Promise.all(
    Array.from(
      { length: PARALLEL },
      (_, i) =>
        client.request("simulation.run", { scenario, seed: i + 1, include_transcript: true }),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  going = false;
  await pinger;
  const errors = answers.filter((a) => "error" in a).map((a) => JSON.stringify(a).slice(0, 200));
  pings.sort((a, b) => a - b);
  const over = pings.filter((ms) => ms > 250).length;
  console.log(
    `${tree}: ${PARALLEL} runs of ${TICKS} ticks in ${
      seconds.toFixed(1)
    } s; pings ${pings.length}, ` +
      `p50 ${pings[Math.floor(pings.length / 2)]?.toFixed(0)} ms, worst ${
        pings.at(-1)?.toFixed(0)
      } ms, over 250 ms: ${over}; most server CPU during one ping ${busiest} ms${
        errors.length ? `; errors ${errors.join(" | ")}` : ""
      }`,
  );
  console.log(`  pings over 500 ms: ${stalls.join(", ")}`);
  await client.close();
  await probe.close();
  child.kill("SIGTERM");
  await child.status;
  await Deno.remove(dataDir, { recursive: true });
}
