import assert from "node:assert/strict";
import { LineTooLong, READ_BUFFER_BYTES, readLines } from "./ndjson.ts";

/** A body that yields `chunks` (bytes), then ends; `cancelled` tells whether it was cancelled. */
function body(chunks: Uint8Array[]) {
  const state = { cancelled: false, reason: undefined as unknown, pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[state.pulled++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
    cancel(reason) {
      state.cancelled = true;
      state.reason = reason;
    },
  });
  return { stream, state };
}

const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("lines come whole across chunk boundaries, characters too, the last one without newline", async () => {
  const encoded = bytes('{"a":"é"}\n\n{"b":1}\n{"c":"ü"}');
  // Cut inside the two-byte é and inside a line: every boundary a network read may make.
  const at = encoded.indexOf(0xc3) + 1;
  const { stream } = body([encoded.slice(0, at), encoded.slice(at, at + 9), encoded.slice(at + 9)]);
  const lines: string[] = [];
  await readLines(stream, new AbortController().signal, (line) => void lines.push(line));
  assert.deepEqual(lines, ['{"a":"é"}', '{"b":1}', '{"c":"ü"}']);
});

Deno.test("onLine returning true stops the reading and cancels the rest of the body", async () => {
  const { stream, state } = body([bytes("one\ntwo\nthree\n"), bytes("four\n")]);
  const lines: string[] = [];
  await readLines(stream, new AbortController().signal, (line) => {
    lines.push(line);
    return line === "two";
  });
  assert.deepEqual(lines, ["one", "two"]);
  assert.equal(state.cancelled, true);
});

Deno.test("a line the caller throws on rejects the read and cancels the body", async () => {
  const { stream, state } = body([bytes("ok\nbad\nafter\n"), bytes("more\n")]);
  await assert.rejects(
    readLines(stream, new AbortController().signal, (line) => {
      if (line === "bad") throw new Error("an error line");
    }),
    /an error line/,
  );
  assert.equal(state.cancelled, true);
});

Deno.test("an abort rejects with the signal's reason and cancels the body with it", async () => {
  let release!: () => void;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      controller.enqueue(bytes("first\n"));
      await new Promise<void>((resolve) => (release = resolve));
    },
    cancel(reason) {
      cancelled = reason;
    },
  });
  let cancelled: unknown;
  const controller = new AbortController();
  const lines: string[] = [];
  const reading = readLines(stream, controller.signal, (line) => {
    lines.push(line);
    if (line === "first") queueMicrotask(() => controller.abort(new Error("cancelled by user")));
  });
  await assert.rejects(reading, /cancelled by user/);
  assert.deepEqual(lines, ["first"]);
  assert.match(String(cancelled), /cancelled by user/);
  release?.();
});

Deno.test("a signal aborted before the read starts cancels at once", async () => {
  const { stream, state } = body([bytes("never\n")]);
  const controller = new AbortController();
  controller.abort(new Error("too late"));
  await assert.rejects(readLines(stream, controller.signal, () => {}), /too late/);
  assert.equal(state.cancelled, true);
  assert.equal(state.pulled, 0);
});

/** A byte stream (like a `fetch` body) that answers each read in the reader's own buffer. */
function byteBody(chunks: Uint8Array[]) {
  const views: number[] = [];
  let next = 0;
  const stream = new ReadableStream({
    type: "bytes",
    pull(controller) {
      const chunk = chunks[next++];
      if (!chunk) {
        controller.close();
        controller.byobRequest?.respond(0);
        return;
      }
      const request = controller.byobRequest;
      if (!request?.view) return controller.enqueue(chunk);
      views.push(request.view.byteLength);
      new Uint8Array(request.view.buffer, request.view.byteOffset).set(chunk);
      request.respond(chunk.length);
    },
  });
  return { stream, views };
}

Deno.test("a byte stream is read into the reader's one buffer, lines whole across reads", async () => {
  const encoded = bytes('{"a":"é"}\n{"b":1}\n{"c":"ü"}\n');
  const at = encoded.indexOf(0xc3) + 1;
  const { stream, views } = byteBody([encoded.slice(0, at), encoded.slice(at)]);
  const lines: string[] = [];
  await readLines(stream, new AbortController().signal, (line) => void lines.push(line));
  assert.deepEqual(lines, ['{"a":"é"}', '{"b":1}', '{"c":"ü"}']);
  assert.deepEqual(views, [READ_BUFFER_BYTES, READ_BUFFER_BYTES], "each read offered the buffer");
});

Deno.test("a fetch body streamed by a real server comes line by line", async () => {
  const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ i, text: "ü".repeat(i) }));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    const encoder = new TextEncoder();
    return new Response(
      new ReadableStream({
        async start(controller) {
          for (const line of lines) {
            controller.enqueue(encoder.encode(`${line}\n`));
            if (Number(JSON.parse(line).i) % 50 === 0) await new Promise((r) => setTimeout(r, 5));
          }
          controller.close();
        },
      }),
    );
  });
  try {
    const response = await fetch(`http://127.0.0.1:${server.addr.port}/`);
    const seen: string[] = [];
    await readLines(response.body!, new AbortController().signal, (line) => void seen.push(line));
    assert.deepEqual(seen, lines);
  } finally {
    await server.shutdown();
  }
});

Deno.test("a line of maxLineBytes passes, one byte more rejects with LineTooLong, across chunks", async () => {
  const max = 10;
  const read = async (chunks: string[]) => {
    const { stream } = body(chunks.map(bytes));
    const lines: string[] = [];
    const sizes: number[] = [];
    await readLines(stream, new AbortController().signal, (line) => void lines.push(line), {
      maxLineBytes: max,
      onBytes: (chunk) => sizes.push(chunk.length),
    });
    return { lines, sizes };
  };
  const ok = await read(["ab", "cdefgh", "ij\nxy\n", "0123456789", "\n"]);
  assert.deepEqual(ok.lines, ["abcdefghij", "xy", "0123456789"]);
  assert.deepEqual(ok.sizes, [2, 6, 6, 10, 1], "every chunk's bytes count as activity");
  await assert.rejects(read(["ok\nabcde", "fghijk"]), LineTooLong);
  await assert.rejects(read(["01234567890"]), /line too long \(over 10 bytes/);
  // Bytes, not characters: five two-byte é are ten bytes.
  assert.deepEqual((await read(["éééé", "é\n"])).lines, ["ééééé"]);
  await assert.rejects(read(["ééééé", "x"]), LineTooLong);
});
