/**
 * What a reply's size costs a server that does nothing else: the bare echo answering each
 * `persona.get` frame with the frame itself (about 110 bytes) and, beside it in alternating
 * rounds, with a reply of `--reply-bytes` (default 1,300: a persona's) — server CPU µs per request
 * and requests per second, the same client as `ws_load.ts`. The part of `persona.get`'s figures
 * over `ping`'s that any server sending its reply pays.
 *
 *   deno run -A tests/bench/echo_size.ts [--reply-bytes 1300] [--seconds 2] [--rounds 4]
 *
 * @module
 */
import {
  type LoadSamples,
  mergeRuns,
  numberFlag,
  printResults,
  runWebSocketLoad,
  spawnHelper,
} from "./_load.ts";
import { loadAverage } from "./_table.ts";

const replyBytes = numberFlag(Deno.args, "reply-bytes", 1300);
const seconds = numberFlag(Deno.args, "seconds", 2);
const rounds = numberFlag(Deno.args, "rounds", 4);
const echo = new URL("./echo_server.ts", import.meta.url).pathname;
const frame = (n: number) =>
  JSON.stringify({
    jsonrpc: "2.0",
    method: "persona.get",
    params: { persona_id: crypto.randomUUID() },
    id: n,
  });
const servers = {
  small: await spawnHelper(["--allow-net=127.0.0.1", echo], /PORT (\d+)/),
  large: await spawnHelper(
    ["--allow-net=127.0.0.1", echo, "--reply-bytes", String(replyBytes)],
    /PORT (\d+)/,
  ),
};
try {
  const runs: Record<"small" | "large", LoadSamples[]> = { small: [], large: [] };
  for (let round = 0; round <= rounds; round++) {
    for (const kind of ["small", "large"] as const) {
      const { announced, pid } = servers[kind];
      const url = `ws://127.0.0.1:${announced}/`;
      const samples = await runWebSocketLoad({
        url,
        connections: 64,
        seconds,
        frame,
        serverPid: pid,
      });
      // Round 0 only compiles both servers' hot code.
      if (round > 0) runs[kind].push(samples);
    }
  }
  console.log(`64 connections, ${rounds} alternating rounds of ${seconds}s, load ${loadAverage()}`);
  printResults([
    mergeRuns("bare echo, the frame itself", runs.small),
    mergeRuns(`bare echo, a ${replyBytes}-byte reply`, runs.large),
  ]);
} finally {
  for (const server of Object.values(servers)) await server.stop();
}
