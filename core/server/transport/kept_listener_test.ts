/**
 * Running out of file descriptors through plain HTTP connections: a server in its own process
 * under `ulimit -n 160` (testdata/serve_child.ts, `serveOn` as the server uses it) takes 250
 * connections that each send a header and one byte of body, and stall. Deno's accept loop fails
 * with EMFILE; the process must live on, keep its WebSocket, and accept connections again once
 * the clients are gone.
 */
import assert from "node:assert/strict";
import { describeAcceptFailure, RELISTEN_FIRST_MS, RELISTEN_MAX_MS } from "./kept_listener.ts";

const CHILD = new URL("./testdata/serve_child.ts", import.meta.url).pathname;

/** The child's stdout, line by line, with a wait for a line matching a pattern. */
function lineReader(stream: ReadableStream<Uint8Array>) {
  const lines: string[] = [];
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  let ended = false;
  const pump = (async () => {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return void (ended = true);
      buffered += decoder.decode(value, { stream: true });
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      lines.push(...parts);
    }
  })();
  return {
    lines,
    pump,
    async until(pattern: RegExp): Promise<RegExpExecArray> {
      while (true) {
        for (const line of lines) {
          const match = pattern.exec(line);
          if (match) return match;
        }
        if (ended) throw new Error(`the child ended before ${pattern}:\n${lines.join("\n")}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** A WebSocket to the child, open. */
async function openSocket(port: number): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  return socket;
}

/** Sends `text` on `socket` and resolves to the echo. */
function echo(socket: WebSocket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.onmessage = (event) => resolve(event.data);
    socket.addEventListener("close", () => reject(new Error("the WebSocket closed")));
    socket.send(text);
  });
}

Deno.test("accept failures are named: EMFILE and ENFILE plainly, others as they are", () => {
  assert.equal(
    describeAcceptFailure(new Error("Too many open files (os error 24)")),
    "out of file descriptors (EMFILE, ulimit -n)",
  );
  assert.equal(
    describeAcceptFailure(new Error("x", { cause: new Error("(os error 23)") })),
    "the system is out of file descriptors (ENFILE)",
  );
  assert.equal(describeAcceptFailure(new Error("other")), "Error: other");
  assert.equal(RELISTEN_FIRST_MS, 100);
  assert.equal(RELISTEN_MAX_MS, 5_000);
});

Deno.test("running out of descriptors through HTTP connections does not end the process", {
  ignore: Deno.build.os !== "linux",
}, async () => {
  const child = new Deno.Command("sh", {
    args: ["-c", 'ulimit -n 160 && exec "$0" run -A "$1"', Deno.execPath(), CHILD],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const out = lineReader(child.stdout);
  const held: Deno.Conn[] = [];
  try {
    const port = Number((await out.until(/^PORT (\d+)$/))[1]);
    const socket = await openSocket(port);
    const closed = new Promise<number>((resolve) =>
      socket.addEventListener("close", (event) => resolve(event.code))
    );
    assert.equal(await echo(socket, "before"), "before");

    const head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{";
    for (let i = 0; i < 250; i++) {
      try {
        const conn = await Deno.connect({ hostname: "127.0.0.1", port });
        held.push(conn);
        await conn.write(new TextEncoder().encode(head));
      } catch {
        // Refused or reset while the server listens again: expected.
      }
    }
    await out.until(/ERROR SERVER_PORT listener stopped accepting connections.*EMFILE/);
    assert.equal(await closed, 1001, "the failed listener's WebSocket closed as going away");

    for (const conn of held.splice(0)) conn.close();
    // Served again (the listener retries with a back-off), WebSockets included.
    let answer = "";
    while (answer !== "ok") {
      try {
        answer = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await out.until(/INFO SERVER_PORT listener accepting connections again/);
    const again = await openSocket(port);
    assert.equal(await echo(again, "after"), "after");
    again.close();
    await new Promise((resolve) => again.onclose = resolve);
  } finally {
    for (const conn of held) conn.close();
    child.kill("SIGKILL");
    await child.status;
    await out.pump;
  }
});
