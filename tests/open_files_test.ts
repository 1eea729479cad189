/**
 * A server under a low open-file limit (`ulimit -n 256`) refuses WebSocket upgrades with 503
 * once a reserve short of the limit, instead of running out of descriptors: without that, Deno's
 * accept loop fails ("Too many open files") and the process ends with every connection it held.
 * Each refused client holds a descriptor until it closes (Deno does not close a connection it
 * answered), so bursts of refusals must fit in the reserve too. The server's descriptors are
 * sampled meanwhile: a failure names their peak, whether the server ended, and its log.
 */
import assert from "node:assert/strict";
import { rawHttp, REPO_ROOT } from "./_helpers.ts";
import { connectionsUnder } from "../core/server/transport/fd_limit.ts";

const LIMIT = 256;

async function serverUnderLimit(dataDir: string) {
  const child = new Deno.Command("sh", {
    args: [
      "-c",
      `ulimit -n ${LIMIT} && exec "$0" run -A "$1"`,
      Deno.execPath(),
      `${REPO_ROOT}/main.ts`,
    ],
    env: {
      SERVER_PORT: "0",
      API_PORT: "0",
      DATA_DIR: dataDir,
      ENV_FILE: "/nonexistent",
      // Above what the descriptors allow: the open-file limit is the one that binds here.
      MAX_CONNECTIONS: "10000",
    },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let log = "";
  while (!/READY .* websocket=(\S+) rest=(\S+)/.test(log)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited:\n${log}`);
    log += value;
  }
  const [, wsUrl, apiUrl] = /READY .* websocket=(\S+) rest=(\S+)/.exec(log)!;
  const drained = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      log += value;
    }
  })();
  let exited: Deno.CommandStatus | undefined;
  child.status.then((status) => exited = status);
  return {
    wsUrl: wsUrl!,
    apiUrl: apiUrl!,
    pid: child.pid,
    log: () => log,
    /** What a failure message needs: whether the server still runs, and its log. */
    state: () =>
      `server ${exited ? `ended (exit code ${exited.code})` : "running"}; its log:\n${log}`,
    async stop() {
      if (!exited) child.kill("SIGTERM");
      await child.status;
      await drained;
    },
  };
}

/** Samples the open descriptors of process `pid` (one `sh` loop) and keeps the highest count. */
class DescriptorWatch {
  peak = 0;
  readonly #sampler: Deno.ChildProcess;
  readonly #reading: Promise<void>;

  constructor(pid: number) {
    const sampler = new Deno.Command("sh", {
      args: ["-c", `while [ -d /proc/${pid}/fd ]; do ls /proc/${pid}/fd | wc -l; sleep 0.01; done`],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    this.#sampler = sampler;
    this.#reading = (async () => {
      for await (const chunk of sampler.stdout.pipeThrough(new TextDecoderStream())) {
        for (const line of chunk.split("\n")) {
          if (line.trim() !== "") this.peak = Math.max(this.peak, Number(line));
        }
      }
    })();
  }

  async stop(): Promise<number> {
    try {
      this.#sampler.kill("SIGTERM");
    } catch {
      // Already ended with the process it watched.
    }
    await this.#reading;
    await this.#sampler.status;
    return this.peak;
  }
}

/** `work`, a failure of which also tells the server's state (a refused connection: did it end?). */
async function explained<T>(work: Promise<T>, server: { state(): string }): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new Error(`${(error as Error).message}; ${server.state()}`, { cause: error });
  }
}

/** Opens a socket; resolves to it once a ping is answered, or to the upgrade's failure. */
function open(url: string): Promise<WebSocket | string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.onopen = () => socket.send(JSON.stringify({ jsonrpc: "2.0", method: "ping", id: 1 }));
    socket.onmessage = () => resolve(socket);
    socket.onerror = (event) => resolve((event as ErrorEvent).message);
  });
}

Deno.test("under ulimit -n 256 the server holds 64 WebSockets, refuses more with 503 and lives on", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-fd-" });
  const server = await serverUnderLimit(dataDir);
  const held: WebSocket[] = [];
  const watch = new DescriptorWatch(server.pid);
  try {
    const capacity = connectionsUnder(LIMIT);
    assert.equal(capacity, 64);
    // More sockets than the limit allows descriptors, in bursts of 50 at once.
    const failures: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      for (
        const result of await Promise.all(Array.from({ length: 50 }, () => open(server.wsUrl)))
      ) {
        if (typeof result === "string") failures.push(result);
        else held.push(result);
      }
    }
    const peak = await watch.stop();
    if (Deno.env.get("TEST_LOG")) console.log(`  peak: ${peak} descriptors of ${LIMIT}`);
    const seen = `${held.length} held, ${failures.length} refused (${
      [...new Set(failures)].join(" / ")
    }); peak ${peak} descriptors of ${LIMIT}; ${server.state()}`;
    assert.equal(held.length, capacity, seen);
    assert.equal(failures.length, 300 - capacity, seen);
    assert.ok(failures.every((message) => message.includes("503")), seen);
    // The refusal names the limit and when to come back.
    const refusal = await explained(
      rawHttp(server.wsUrl.replace(/^ws/, "http"), {
        headers: {
          Upgrade: "websocket",
          Connection: "Upgrade",
          "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
          "Sec-WebSocket-Version": "13",
        },
      }),
      server,
    );
    assert.equal(refusal.status, 503);
    assert.equal(refusal.headers.get("retry-after"), "5");
    assert.match(JSON.parse(refusal.body).error.message, /open-file limit 256.*ulimit -n/);
    assert.match(server.log(), /WebSocket upgrades refused with 503/);
    // Everything held still works, and so does REST.
    const answers = await Promise.all(
      held.slice(0, 10).map((socket, i) =>
        new Promise((resolve) => {
          socket.onmessage = (event) => resolve(JSON.parse(event.data).result);
          socket.send(JSON.stringify({ jsonrpc: "2.0", method: "ping", id: 100 + i }));
        })
      ),
    );
    assert.equal(answers.length, 10);
    const personas = await explained(fetch(`${server.apiUrl}/personas`), server);
    assert.equal((await personas.json()).personas.length, 2);
    // A socket that closes makes room for a new one.
    await new Promise((resolve) => {
      held[0]!.onclose = resolve;
      held[0]!.close();
    });
    held.shift();
    let again: WebSocket | string = "";
    for (let attempt = 0; attempt < 20 && typeof again === "string"; attempt++) {
      again = await open(server.wsUrl);
      if (typeof again === "string") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(again instanceof WebSocket, `${again}; ${server.state()}`);
    held.push(again);
  } finally {
    await watch.stop();
    await Promise.all(held.map((socket) =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve(undefined);
        socket.onclose = resolve;
        socket.close();
      })
    ));
    await server.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});
