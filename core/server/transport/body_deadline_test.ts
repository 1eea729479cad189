/**
 * The body deadline over real sockets: a body that stalls after one byte is answered 408, time
 * the handler spends before reading is not counted, and a client that closes mid-body is an
 * abort its reader can tell from a server error.
 */
import assert from "node:assert/strict";
import {
  BODY_GRACE_MS,
  BODY_MIN_BYTES_PER_SECOND,
  BodyNotReceived,
  bodyReadFailure,
  withBodyDeadline,
} from "./body_deadline.ts";
import { createLogger } from "../../log.ts";
import { ECHO_MAX } from "../../text_cut.ts";

const encoder = new TextEncoder();

/** A server on 127.0.0.1 running `handler` behind the deadline; `lines` gets its log. */
function serve(handler: Deno.ServeHandler<Deno.NetAddr>, graceMs: number) {
  const lines: string[] = [];
  const log = createLogger("debug", { write: (line) => lines.push(line) });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    withBodyDeadline(handler, { graceMs, log }),
  );
  return { server, lines, port: server.addr.port };
}

/** Sends `head` and `body` on a raw connection, then reads one response (head + its body). */
async function sendPartial(
  port: number,
  body: string,
  path = "/api/personas",
): Promise<{ conn: Deno.Conn; text: string }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  await conn.write(encoder.encode(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: 100\r\n\r\n${body}`,
  ));
  let text = "";
  const buffer = new Uint8Array(4096);
  while (true) {
    const read = await conn.read(buffer);
    if (read === null) break;
    text += new TextDecoder().decode(buffer.subarray(0, read));
    const end = text.indexOf("\r\n\r\n");
    const length = Number(/content-length: *(\d+)/i.exec(text)?.[1] ?? NaN);
    if (end >= 0 && text.length - end - 4 >= length) break;
  }
  return { conn, text };
}

Deno.test("the deadline's defaults: 10 s of waiting, plus a second per 16 KiB received", () => {
  assert.equal(BODY_GRACE_MS, 10_000);
  assert.equal(BODY_MIN_BYTES_PER_SECOND, 16_384);
});

Deno.test("a body that stalls after one byte is answered 408, and its reader fails", async () => {
  let readerSaw: unknown;
  const { server, port, lines } = serve(async (request) => {
    try {
      await request.text();
    } catch (error) {
      readerSaw = error;
    }
    return new Response("read");
  }, 200);
  try {
    const { conn, text } = await sendPartial(port, "{");
    conn.close();
    assert.match(text, /^HTTP\/1\.1 408 /);
    const body = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
    assert.deepEqual(body, {
      jsonrpc: "2.0",
      id: null,
      error: { code: -32600, message: "Request Timeout: the request body did not arrive in time" },
    });
    assert.ok(readerSaw instanceof BodyNotReceived && readerSaw.reason === "timeout");
    assert.ok(lines.some((line) => line.includes("DEBUG Request body timed out")), lines.join());
  } finally {
    await server.shutdown();
  }
});

Deno.test("the timeout's debug line quotes a long path cut to ECHO_MAX", async () => {
  const { server, port, lines } = serve(async (request) => new Response(await request.text()), 100);
  try {
    const { conn, text } = await sendPartial(port, "{", `/${"p".repeat(6000)}`);
    conn.close();
    assert.match(text, /^HTTP\/1\.1 408 /);
    const logged = lines.find((line) => line.includes("Request body timed out"))!;
    assert.ok(logged.includes(`route="POST /${"p".repeat(ECHO_MAX - 1)}…"`), logged.slice(0, 300));
    assert.ok(logged.length < ECHO_MAX + 200, `${logged.length} characters logged`);
  } finally {
    await server.shutdown();
  }
});

Deno.test("time the handler spends before reading is not counted against the body", async () => {
  const { server, port } = serve(async (request) => {
    // Longer than the grace: only time spent waiting for the client's bytes counts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return new Response(`got ${(await request.text()).length}`);
  }, 100);
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "hello" });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "got 5");
  } finally {
    await server.shutdown();
  }
});

/**
 * A server whose handler reads the body: `reading` once the handler has started, `handled` with
 * what the read threw once it has failed (or undefined).
 */
function serveReader() {
  let started!: () => void;
  const reading = new Promise<void>((resolve) => started = resolve);
  let read!: (saw: unknown) => void;
  const handled = new Promise<unknown>((resolve) => read = resolve);
  const served = serve(async (request) => {
    started();
    let saw: unknown;
    try {
      await request.text();
    } catch (error) {
      saw = error;
    }
    read(saw);
    return new Response("read");
  }, 60_000);
  return { ...served, reading, handled };
}

Deno.test("a client closing mid-body is an abort (debug), not a server error", async () => {
  const { server, port, lines, reading, handled } = serveReader();
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(encoder.encode(
      "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{",
    ));
    await reading;
    conn.close();
    const readerSaw = await handled;
    assert.ok(readerSaw instanceof BodyNotReceived, String(readerSaw));
    assert.equal(readerSaw.reason, "closed");
    assert.ok(
      lines.some((line) => line.includes("DEBUG Client closed the connection before its body")),
      lines.join(),
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("a chunked body whose framing breaks partway is the client's error (warn), not a 500", async () => {
  // review38 F6: Deno's reader throws a plain Error, once logged as an internal error with its stack.
  const { server, port, lines, reading, handled } = serveReader();
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(encoder.encode(
      "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
    ));
    await reading;
    await conn.write(encoder.encode("zz\r\n")); // no chunk size
    const readerSaw = await handled;
    conn.close();
    assert.ok(readerSaw instanceof BodyNotReceived, String(readerSaw));
    assert.equal(readerSaw.reason, "malformed");
    assert.match(readerSaw.message, /^Bad Request: the request body's framing/);
    const warned = lines.filter((line) => line.includes("WARN Request body framing is invalid"));
    assert.equal(warned.length, 1, lines.join());
    assert.doesNotMatch(warned[0]!, /\bat /, "no stack");
  } finally {
    await server.shutdown();
  }
});

Deno.test("Deno's BadResource from a body read becomes a client abort; other errors pass", () => {
  const closed = bodyReadFailure(new Deno.errors.BadResource("Cannot read body"));
  assert.ok(closed instanceof BodyNotReceived && closed.reason === "closed");
  const broken = bodyReadFailure(new Error("invalid HTTP/1 request: Invalid"));
  assert.ok(broken instanceof BodyNotReceived && broken.reason === "malformed");
  const other = new Error("a bug");
  assert.equal(bodyReadFailure(other), other);
});
