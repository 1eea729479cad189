/**
 * What a server holding many idle WebSockets allocates while nothing is sent (session 34, perf45):
 * a server of each tree (this checkout, and `--base PATH` if given, one after the other) takes
 * `--idle` sockets (one `ping` each, as `bench:sockets` does), then, for `--seconds`, prints every
 * 10 s its JS allocation rate (V8's `total_allocated_bytes`), RSS and young and old generations
 * (committed / used MB). `--env K=V` (repeatable) sets the servers' environment, e.g.
 * `MEMORY_GUARD_MB=0` to see the memory guard's part.
 *
 *   deno task bench:sockets:allocation [--idle 10000] [--seconds 60] [--base PATH] [--env K=V]
 *
 * V8 shrinks the young generation a load grew, and collects what the load promoted, only once the
 * process allocates little (its memory reducer; below ~1 MB/s): so a steady allocation while idle
 * keeps an idle server's RSS at its peak.
 *
 * @module
 */
import { numberFlag, spawnBenchServer, stringFlag } from "./_load.ts";
import { loadAverage } from "./_table.ts";
import { fileLimitFor } from "../../core/server/transport/fd_limit.ts";
import { holdSockets } from "./idle_sockets.ts";

const idle = numberFlag(Deno.args, "idle", 10_000);
const seconds = numberFlag(Deno.args, "seconds", 60);
const base = stringFlag(Deno.args, "base");
const env: Record<string, string> = {};
Deno.args.forEach((arg, at) => {
  if (arg !== "--env") return;
  const [name, ...value] = (Deno.args[at + 1] ?? "").split("=");
  env[name!] = value.join("=");
});
const here = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/** The lines `tree`'s server printed while it held `idle` sockets for `seconds`. */
async function measure(tree: string): Promise<string[]> {
  const fdLimit = fileLimitFor(idle + 64);
  const lines: string[] = [];
  let kept = 0;
  const original = console.error;
  // `spawnBenchServer` shows what the server writes after READY with `console.error`.
  console.error = (...parts: unknown[]) => {
    for (const line of parts.join(" ").split("\n")) {
      const match = /ALLOCATION (\{.*\})/.exec(line);
      if (match) lines.push(match[1]!);
    }
  };
  try {
    const server = await spawnBenchServer({
      tree,
      fdLimit,
      env: { MAX_CONNECTIONS: String(idle + 16), ...env },
      flags: ["--preload", new URL("./_allocation_preload.ts", import.meta.url).pathname],
    });
    try {
      const holder = await holdSockets(server.wsUrl, idle, fdLimit);
      lines.push(`held ${holder.held}, refused ${holder.refused}, failed ${holder.failed}`);
      Deno.kill(server.pid, "SIGUSR1");
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 500));
      // What the server prints while the holder closes its sockets is not idle any more.
      kept = lines.length;
      await holder.release();
    } finally {
      await server.stop();
    }
  } finally {
    console.error = original;
  }
  return lines.slice(0, kept);
}

console.log(
  `load average ${loadAverage()}; ${idle} idle sockets, ${seconds} s, env ${JSON.stringify(env)}`,
);
for (const tree of base ? [here, base] : [here]) {
  console.log(`${tree}:`);
  for (const line of await measure(tree)) console.log(`  ${line}`);
}
console.log(`load average ${loadAverage()}`);
