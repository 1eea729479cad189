/**
 * What one idle WebSocket keeps alive in a server's JS heap (`deno task bench:sockets:heap`): a
 * server of each checkout (this one, and `--base PATH` if given) holds `--step` idle sockets (one
 * `ping` each, as `bench:sockets` does), writes a heap snapshot after a forced GC, holds `--step`
 * more and writes another; the difference, per socket, is printed in total and by constructor
 * (type and name; a class's fields by their names), largest first.
 *
 *   deno task bench:sockets:heap [--step 1000] [--top 25] [--base /tmp/base]
 *
 * Snapshots are tens of MB each, written to a temporary folder and removed after.
 *
 * @module
 */
import { numberFlag, spawnBenchServer, stringFlag } from "./_load.ts";
import { loadAverage } from "./_table.ts";
import { fileLimitFor } from "../../core/server/transport/fd_limit.ts";
import { holdSockets } from "./idle_sockets.ts";

/** Self size and count of a snapshot's objects, by kind (type and constructor name). */
type Census = Map<string, { count: number; bytes: number }>;

/** Counts a heap snapshot's nodes by kind. */
async function census(file: string): Promise<Census> {
  const snapshot = JSON.parse(await Deno.readTextFile(file));
  const meta = snapshot.snapshot.meta;
  const fields = meta.node_fields as string[];
  const types = meta.node_types[0] as string[];
  const [type, name, size] = ["type", "name", "self_size"].map((field) => fields.indexOf(field));
  const nodes = snapshot.nodes as number[];
  const strings = snapshot.strings as string[];
  const kinds: Census = new Map();
  for (let at = 0; at < nodes.length; at += fields.length) {
    const kindType = types[nodes[at + type!]!]!;
    // Strings, numbers and code are counted by type alone; contexts by their being contexts.
    const kindName = /string|number|code|hidden/.test(kindType)
      ? ""
      : strings[nodes[at + name!]!]!.replace(/^system \/ Context.*/, "system / Context");
    const kind = `${kindType} ${kindName.slice(0, 60)}`;
    const entry = kinds.get(kind) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += nodes[at + size!]!;
    kinds.set(kind, entry);
  }
  return kinds;
}

/** The per-socket census of `tree`'s server between `step` and 2 × `step` idle sockets. */
async function socketHeap(tree: string, step: number): Promise<Census> {
  const dir = await Deno.makeTempDir({ prefix: "persona-heap-" });
  const fdLimit = fileLimitFor(2 * step + 64);
  const server = await spawnBenchServer({
    tree,
    fdLimit,
    env: { MAX_CONNECTIONS: String(2 * step + 16), HEAP_SNAPSHOT_DIR: dir },
    flags: [
      "--v8-flags=--expose-gc",
      "--preload",
      new URL("./_heap_snapshot_preload.ts", import.meta.url).pathname,
    ],
  });
  const holders: Array<{ release(): Promise<void> }> = [];
  try {
    const files: string[] = [];
    for (let round = 0; round < 2; round++) {
      holders.push(await holdSockets(server.wsUrl, step, fdLimit));
      const file = `${dir}/${round}.heapsnapshot`;
      Deno.kill(server.pid, "SIGUSR2");
      // The snapshot is written when the file is complete: its size stops changing.
      let size = -1;
      while (true) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const now = await Deno.stat(file).then((info) => info.size, () => -1);
        if (now > 0 && now === size) break;
        size = now;
      }
      files.push(file);
    }
    const [before, after] = await Promise.all(files.map(census)) as [Census, Census];
    const perSocket: Census = new Map();
    for (const kind of new Set([...before.keys(), ...after.keys()])) {
      const a = before.get(kind) ?? { count: 0, bytes: 0 };
      const b = after.get(kind) ?? { count: 0, bytes: 0 };
      perSocket.set(kind, { count: (b.count - a.count) / step, bytes: (b.bytes - a.bytes) / step });
    }
    return perSocket;
  } finally {
    for (const holder of holders) await holder.release();
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const step = numberFlag(Deno.args, "step", 1000);
  const top = numberFlag(Deno.args, "top", 25);
  const trees: [string, string][] = [["now", new URL("../..", import.meta.url).pathname]];
  const base = stringFlag(Deno.args, "base");
  if (base) trees.push(["base", base]);
  const results = new Map<string, Census>();
  for (const [label, tree] of trees) results.set(label, await socketHeap(tree, step));
  console.log(`${step} → ${2 * step} idle sockets, ${Deno.build.target}, load ${loadAverage()}`);
  const total = (census: Census) => [...census.values()].reduce((sum, e) => sum + e.bytes, 0);
  console.log(
    `JS heap per idle socket: ${
      [...results].map(([label, census]) => `${label} ${total(census).toFixed(0)} B`).join(", ")
    }`,
  );
  const now = results.get("now")!;
  const rows = [...now].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top);
  for (const [kind, { count, bytes }] of rows) {
    const other = results.get("base")?.get(kind);
    const baseColumn = other ? `  (base ${other.bytes.toFixed(0).padStart(4)} B)` : "";
    console.log(
      `${bytes.toFixed(0).padStart(6)} B ${count.toFixed(2).padStart(6)}× ${kind}${baseColumn}`,
    );
  }
}
