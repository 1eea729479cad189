/**
 * The first start on a clean cache (`deno task bench:start`): `deno task start` with an empty
 * `DENO_DIR`, as a new user runs it. Reported: bytes fetched from the network (counted by an HTTP
 * CONNECT proxy in this process, which Deno reaches through `HTTPS_PROXY`), the size of the
 * cache afterwards, the time until the server's READY line, and the CPU time `deno task` and the
 * server used until then (unpacking packages, transpiling, loading modules: the part of the
 * time a loaded machine stretches).
 *
 *   deno task bench:start [--runs 3] [--tree PATH]
 *
 * `--tree` measures another checkout (a baseline) instead of this one.
 *
 * @module
 */
import { numberFlag } from "./_load.ts";
import { REPO_ROOT } from "../_helpers.ts";
import { loadAverage, treeCpuSeconds } from "./_table.ts";

/** One first start. */
export interface FirstStart {
  /** Bytes received from the network (through the proxy). */
  downloadBytes: number;
  /** Bytes in `DENO_DIR` once the server is ready. */
  cacheBytes: number;
  /** Seconds from the command to the READY line. */
  readySeconds: number;
  /** CPU seconds of `deno task` and the server until READY. */
  cpuSeconds: number;
}

/** A CONNECT proxy that counts the bytes it relays to the client. */
function countingProxy(): { port: number; received: () => number; close(): void } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let received = 0;
  const pipe = async (from: Deno.Conn, to: Deno.Conn, count: boolean) => {
    const buffer = new Uint8Array(64 * 1024);
    try {
      while (true) {
        const n = await from.read(buffer);
        if (n === null) break;
        if (count) received += n;
        let written = 0;
        while (written < n) written += await to.write(buffer.subarray(written, n));
      }
    } catch {
      // One side went away.
    } finally {
      try {
        to.closeWrite();
      } catch {
        // Already closed.
      }
    }
  };
  const serveOne = async (client: Deno.Conn) => {
    const head = new Uint8Array(8192);
    const n = await client.read(head) ?? 0;
    const request = new TextDecoder().decode(head.subarray(0, n));
    const target = /^CONNECT (\S+):(\d+) /.exec(request);
    if (!target) {
      client.close();
      return;
    }
    const upstream = await Deno.connect({ hostname: target[1]!, port: Number(target[2]) });
    await client.write(new TextEncoder().encode("HTTP/1.1 200 Connection Established\r\n\r\n"));
    await Promise.all([pipe(client, upstream, false), pipe(upstream, client, true)]);
    client.close();
    upstream.close();
  };
  (async () => {
    for await (const client of listener) serveOne(client).catch(() => client.close());
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    received: () => received,
    close: () => listener.close(),
  };
}

async function treeSize(path: string): Promise<number> {
  let total = 0;
  for await (const entry of Deno.readDir(path)) {
    const child = `${path}/${entry.name}`;
    if (entry.isDirectory) total += await treeSize(child);
    else if (entry.isFile) total += (await Deno.lstat(child)).size;
  }
  return total;
}

/** Runs `deno task start` in `tree` with an empty cache until READY, then stops it. */
export async function firstStart(tree = REPO_ROOT): Promise<FirstStart> {
  const denoDir = await Deno.makeTempDir({ prefix: "persona-bench-denodir-" });
  const dataDir = await Deno.makeTempDir({ prefix: "persona-bench-data-" });
  const proxy = countingProxy();
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "start"],
    cwd: tree,
    env: {
      DENO_DIR: denoDir,
      HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`,
      NO_PROXY: "",
      SERVER_PORT: "0",
      API_PORT: "0",
      DATA_DIR: dataDir,
      ENV_FILE: "/nonexistent",
      NO_COLOR: "1",
    },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  try {
    while (!text.includes(" READY ")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`deno task start exited before READY:\n${text}`);
      text += value;
    }
    const readySeconds = (performance.now() - started) / 1000;
    const cpuSeconds = await treeCpuSeconds(child.pid);
    return {
      downloadBytes: proxy.received(),
      cacheBytes: await treeSize(denoDir),
      readySeconds,
      cpuSeconds,
    };
  } finally {
    // `deno task` runs the server as its child: stop the whole process group's leader, the
    // task, and the server with it.
    child.kill("SIGTERM");
    await child.status;
    await reader.cancel().catch(() => {});
    proxy.close();
    await Deno.remove(denoDir, { recursive: true }).catch(() => {});
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const runs = numberFlag(Deno.args, "runs", 3);
  const at = Deno.args.indexOf("--tree");
  const tree = at >= 0 ? Deno.args[at + 1]! : REPO_ROOT;
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(`first start of ${tree}, empty DENO_DIR, ${runs} runs`);
  console.log("| run | downloaded MB | cache MB | seconds to READY | CPU seconds | load |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (let run = 1; run <= runs; run++) {
    const result = await firstStart(tree);
    console.log(
      `| ${run} | ${mb(result.downloadBytes)} | ${mb(result.cacheBytes)} | ${
        result.readySeconds.toFixed(2)
      } | ${result.cpuSeconds.toFixed(2)} | ${loadAverage()} |`,
    );
  }
}
