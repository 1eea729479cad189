/**
 * What a fragmented WebSocket message without end costs the server (attack27 F1), and what the
 * memory guard (MEMORY_GUARD_MB) keeps of it. `--sockets` raw clients each start a text message
 * (FIN=0) and send 1 MiB continuation frames every `--every-ms` for `--seconds`, answering pings
 * and ignoring the server's close, while a steady client sends `ping` every 500 ms. The server
 * runs in its own process (`main.ts` of this tree, or of `--before <tree>` for a side-by-side
 * run); its VmRSS is sampled every 100 ms.
 *
 *   deno run -A tests/bench/fragment_flood.ts [--sockets 1] [--every-ms 100] [--seconds 40]
 *     [--guard-mb <MEMORY_GUARD_MB>] [--before /tmp/base27]
 */
import { RssWatch } from "../_attack.ts";
import { fragmentFlood } from "../_fragment_flood.ts";
import { spawnServer } from "../_helpers.ts";
import { numberFlag } from "./_load.ts";

const sockets = numberFlag(Deno.args, "sockets", 1);
const everyMs = numberFlag(Deno.args, "every-ms", 100);
const seconds = numberFlag(Deno.args, "seconds", 40);
const guardAt = Deno.args.indexOf("--guard-mb");
const beforeAt = Deno.args.indexOf("--before");
const before = beforeAt >= 0 ? Deno.args[beforeAt + 1] : undefined;

/** One run against the `main.ts` at `entry`; a line of the table. */
async function run(label: string, entry: string): Promise<string> {
  const env: Record<string, string> = { LOG_LEVEL: "warn" };
  if (guardAt >= 0) env.MEMORY_GUARD_MB = Deno.args[guardAt + 1]!;
  const server = await spawnServer(env, [], entry);
  try {
    const steady = new WebSocket(server.wsUrl);
    let asked = 0;
    let answered = 0;
    steady.onmessage = () => answered++;
    await new Promise((resolve) => steady.onopen = resolve);
    const pinger = setInterval(() => {
      steady.send(JSON.stringify({ jsonrpc: "2.0", id: ++asked, method: "ping" }));
    }, 500);
    const watch = new RssWatch(server.pid, 100);
    const started = performance.now();
    const budgetMiB = Math.round(seconds * 1000 / everyMs);
    const outcomes = await Promise.all(
      Array.from({ length: sockets }, () => fragmentFlood(server.wsUrl, { budgetMiB, everyMs })),
    );
    const wall = (performance.now() - started) / 1000;
    const growth = await watch.stop();
    clearInterval(pinger);
    const open = steady.readyState === WebSocket.OPEN;
    steady.close();
    const cut = outcomes.filter((outcome) => outcome.ended).length;
    const sent = outcomes.reduce((sum, outcome) => sum + outcome.sentMiB, 0);
    return `| ${label} | ${watch.baseline.toFixed(0)} | +${
      growth.toFixed(0)
    } | ${cut}/${sockets} ` +
      `| ${sent.toFixed(0)} | ${wall.toFixed(0)} | ${answered}/${asked}${
        open ? "" : " (closed)"
      } |`;
  } finally {
    await server.stop();
  }
}

const rows = [
  "| Server | RSS before (MiB) | Peak growth (MiB) | Attackers cut | MiB sent | s | Steady pings |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
];
if (before) rows.push(await run(`before (${before})`, `${before}/main.ts`));
rows.push(await run("this tree", new URL("../../main.ts", import.meta.url).pathname));
console.log(
  `${sockets} socket(s), 1 MiB every ${everyMs} ms each, ${seconds} s` +
    (guardAt >= 0 ? `, MEMORY_GUARD_MB=${Deno.args[guardAt + 1]}` : ""),
);
console.log(rows.join("\n"));
