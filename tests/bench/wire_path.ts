/**
 * The JSON-RPC path of one WebSocket message, in process and without the socket: a real server's
 * parts (`buildServer`, a real SQLite data folder), one {@linkcode Connection} whose outbound
 * channel only counts replies, and `ping` or `persona.get` frames handed to `receive` one after
 * the other. What it times is the server's own work per message (parse, admission, dispatch,
 * validation, handler, metrics, serialisation), the part of `ws_load.ts`'s figures a change of
 * the wire code can move, with neither the client nor the socket's framing in the figure. With
 * `--tree PATH` another checkout (e.g. one exported with `git archive`) runs beside this one in
 * alternating rounds, in the same process. Beside the CPU it reports the JS heap bytes allocated
 * per message (V8's `total_allocated_bytes`, the frame's own string and the loop's promise
 * included alike for every tree): a count the machine's load does not move. Two large `ping`s time the scans before parsing
 * (review36 R36-1), `--big` of them a round: `ping.commas` carries a 1 MiB string of `word, `
 * (170,000 commas inside it), `ping.numbers` an array of 190,000 numbers (within the value bound).
 *
 *   deno run -A tests/bench/wire_path.ts [--tree PATH] [--rounds 7] [--messages 50000]
 *     [--big 200] [--only ping|persona.get|ping.commas|ping.numbers]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { getHeapStatistics } from "node:v8";
import { cpuSeconds, loadAverage } from "./_table.ts";

/** Bytes the isolate allocated so far: Deno's `getHeapStatistics` has it, its types do not. */
const allocatedBytes = () =>
  (getHeapStatistics() as unknown as { total_allocated_bytes: number }).total_allocated_bytes;

interface PathConnection {
  receive(text: string): void;
}

/** One checkout's server parts and a connection into them. */
async function openTree(path: string) {
  const { testConfig, testLogger } = await import(`${path}/tests/_helpers.ts`);
  const { buildServer } = await import(`${path}/core/server/server.ts`);
  const { Connection } = await import(`${path}/core/server/transport/connection.ts`);
  const dataDir = await Deno.makeTempDir({ prefix: "persona-wire-path-" });
  const parts = await buildServer(testConfig({ DATA_DIR: dataDir, LOG_LEVEL: "error" }), {
    log: testLogger(),
  });
  let replies = 0;
  let waiting: (() => void) | undefined;
  const connection: PathConnection = Connection.open(parts.connections, {
    kind: "websocket",
    outbound: () => {
      replies++;
      waiting?.();
    },
  });
  const personas = await parts.services.personas.list();
  const personaId = personas[0].id as string;
  /**
   * Sends `count` frames one after the other (each waits for its reply); resolves to the
   * process's CPU µs and heap bytes allocated per message (CPU, not wall time: on a shared
   * machine a process waits for a core, and that wait is nobody's cost).
   */
  const run = async (frame: (n: number) => string, count: number) => {
    const started = await cpuSeconds(Deno.pid);
    const allocated = allocatedBytes();
    for (let n = 0; n < count; n++) {
      const before = replies;
      connection.receive(frame(n));
      if (replies === before) await new Promise<void>((resolve) => waiting = resolve);
    }
    const bytes = (allocatedBytes() - allocated) / count;
    return { cpu: ((await cpuSeconds(Deno.pid) - started) * 1e6) / count, bytes };
  };
  return {
    personaId,
    run,
    close: () => Deno.remove(dataDir, { recursive: true }).catch(() => {}),
  };
}

const here = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const other = stringFlag(Deno.args, "tree");
const rounds = numberFlag(Deno.args, "rounds", 7);
const messages = numberFlag(Deno.args, "messages", 50_000);
const big = numberFlag(Deno.args, "big", 200);
const trees = [{ label: "now", path: here }, ...(other ? [{ label: other, path: other }] : [])];
const opened = [];
for (const tree of trees) opened.push(await openTree(tree.path));
/** A `ping` carrying `x` in its `_meta`: one text for every message (none is built per message). */
const largePing = (x: string) => {
  const text = `{"jsonrpc":"2.0","method":"ping","id":1,"params":{"_meta":{"x":${x}}}}`;
  return () => () => text;
};
const allKinds = {
  ping: () => (n: number) => JSON.stringify({ jsonrpc: "2.0", method: "ping", id: n }),
  "ping.commas": largePing(JSON.stringify("word, ".repeat(170_000))),
  "ping.numbers": largePing(`[${"7,".repeat(189_999)}7]`),
  "persona.get": (personaId: string) => (n: number) =>
    JSON.stringify({
      jsonrpc: "2.0",
      method: "persona.get",
      params: { persona_id: personaId },
      id: n,
    }),
};
// `--only` runs one kind (a profile of one method's path: `deno run -A --cpu-prof ...`).
const only = stringFlag(Deno.args, "only");
const kinds = Object.fromEntries(
  Object.entries(allKinds).filter(([kind]) => only === undefined || kind === only),
);
/** Messages a round of `kind` sends: `--big` of the large ones. */
const countOf = (kind: string) => kind.startsWith("ping.") ? big : messages;
const times = new Map<string, number[]>();
const bytes = new Map<string, number[]>();
// Warm-up: every tree's code compiled for each kind before any round counts.
for (const tree of opened) {
  for (const [kind, make] of Object.entries(kinds)) {
    await tree.run(make(tree.personaId), countOf(kind) / 5);
  }
}
for (let round = 0; round < rounds; round++) {
  const order = round % 2 ? [...opened.keys()].reverse() : [...opened.keys()];
  for (const [kind, make] of Object.entries(kinds)) {
    for (const i of order) {
      const key = `${trees[i]!.label} ${kind}`;
      const result = await opened[i]!.run(make(opened[i]!.personaId), countOf(kind));
      times.set(key, [...times.get(key) ?? [], result.cpu]);
      bytes.set(key, [...bytes.get(key) ?? [], result.bytes]);
    }
  }
}
console.log(
  `${messages} messages per round (${big} large), ${rounds} rounds, load ${loadAverage()}`,
);
console.log(
  "| tree | method | median CPU µs per message | rounds (µs) | median bytes allocated per message |",
);
console.log("| --- | --- | ---: | --- | ---: |");
for (const [key, values] of times) {
  const [label, kind] = key.split(" ");
  const sorted = [...values].sort((a, b) => a - b);
  console.log(
    `| ${label} | ${kind} | ${percentile(sorted, 50).toFixed(2)} | ${
      values.map((v) => v.toFixed(2)).join(", ")
    } | ${percentile([...bytes.get(key)!].sort((a, b) => a - b), 50).toFixed(0)} |`,
  );
}
for (const tree of opened) await tree.close();
Deno.exit(0);
