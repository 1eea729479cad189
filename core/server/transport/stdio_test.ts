import { tempDirSync } from "../../testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { REPO_ROOT, testConfig, testLogger } from "../../../tests/_helpers.ts";
import { boundedLines, keepStdoutForProtocol, type NOT_UTF8, serveStdio } from "./stdio.ts";

const encoder = new TextEncoder();

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  return ReadableStream.from(chunks.map((chunk) => encoder.encode(chunk)));
}

async function collect(input: ReadableStream<Uint8Array>, limit: number) {
  const lines: Array<string | null | typeof NOT_UTF8> = [];
  for await (const line of boundedLines(input, limit)) lines.push(line);
  return lines;
}

Deno.test("boundedLines splits on newlines across chunks and keeps multi-byte text whole", async () => {
  const text = '{"a":"élan 🎭"}\n';
  const bytes = encoder.encode(text + "second\nlast");
  // Cut inside the emoji's bytes: decoding must wait for the whole line.
  const chunks = [bytes.subarray(0, 12), bytes.subarray(12, 20), bytes.subarray(20)];
  const lines = await collect(ReadableStream.from(chunks), 100);
  assert.deepEqual(lines, ['{"a":"élan 🎭"}', "second", "last"]);
});

Deno.test("boundedLines reports an over-long line as null and goes on", async () => {
  const lines = await collect(streamOf("short\n", "x".repeat(30), "y".repeat(30), "\nok\n"), 40);
  assert.deepEqual(lines, ["short", null, "ok"]);
  assert.deepEqual(await collect(streamOf("z".repeat(50)), 40), [null]);
});

Deno.test("serveStdio answers each line, sends nothing for notifications, ends at EOF", async () => {
  const app = await buildServer(testConfig({ MAX_FRAME_BYTES: "200" }), {
    log: testLogger(),
    databasePath: ":memory:",
  });
  const output: string[] = [];
  const decoder = new TextDecoder();
  try {
    await serveStdio(app.connections, {
      input: streamOf(
        '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25"}}\n',
        '{"jsonrpc":"2.0","method":"notifications/initialized"}\n\n',
        `{"jsonrpc":"2.0","id":2,"method":"ping","params":{"pad":"${"x".repeat(300)}"}}\n`,
        "not json\n",
        '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"persona_switch",',
        '"arguments":{"persona_id":"aria"}}}', // The last line may lack its newline.
      ),
      output: new WritableStream({ write: (chunk) => void output.push(decoder.decode(chunk)) }),
    });
    assert.ok(output.every((line) => line.endsWith("\n") && !line.slice(0, -1).includes("\n")));
    const replies = output.map((line) => JSON.parse(line));
    const byId = new Map(replies.map((reply) => [reply.id, reply]));
    assert.equal(byId.get(1).result.serverInfo.name, "persona-mcp");
    assert.equal(byId.get(3).result.structuredContent.name, "Aria");
    const errors = replies.filter((reply) => reply.id === null).map((reply) => reply.error.code);
    assert.deepEqual(errors.sort(), [-32700, -32600].sort(), "too large, then not JSON");
    assert.equal(replies.length, 4, "the notification got no answer");
    assert.equal(app.services.sessions.counts().total, 0, "the session ended with the input");
  } finally {
    await app.services.db.close();
  }
});

Deno.test("serveStdio writes a call's notifications before its response", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const lines: string[] = [];
  try {
    await serveStdio(app.connections, {
      input: streamOf(
        '{"jsonrpc":"2.0","id":1,"method":"logging/setLevel","params":{"level":"debug"}}\n',
        '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"persona_list"}}\n',
      ),
      output: new WritableStream({
        write: (chunk) => void lines.push(new TextDecoder().decode(chunk)),
      }),
    });
    const messages = lines.map((line) => JSON.parse(line));
    const logged = messages.findIndex((message) => message.method === "notifications/message");
    const answered = messages.findIndex((message) => message.id === 2);
    assert.ok(
      logged >= 0 && answered > logged,
      JSON.stringify(messages.map((m) => m.id ?? m.method)),
    );
  } finally {
    await app.services.db.close();
  }
});

Deno.test("main.ts --stdio keeps stdout for protocol messages and exits at end of input", async () => {
  const dataDir = tempDirSync("persona-stdio-");
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO_ROOT}/main.ts`, "--stdio", "--data-dir", dataDir],
    env: { ENV_FILE: "/nonexistent", LOG_LEVEL: "debug" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(encoder.encode('{"jsonrpc":"2.0","id":"a","method":"persona.list"}\n'));
  await writer.write(encoder.encode('{"jsonrpc":"2.0","id":"b","method":"resources/list"}\n'));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const out = new TextDecoder().decode(stdout);
  const err = new TextDecoder().decode(stderr);
  assert.equal(code, 0, err);
  const replies = out.trim().split("\n").map((line) => JSON.parse(line));
  assert.deepEqual(replies.map((reply) => reply.id).sort(), ["a", "b"]);
  assert.equal(replies.find((reply) => reply.id === "a").result.total_count, 2);
  assert.match(err, /READY persona-mcp \S+ stdio/);
});

Deno.test("keepStdoutForProtocol: every console method that writes to stdout writes to stderr", () => {
  const calls: string[] = [];
  const methods: Record<string, (...args: unknown[]) => void> = {};
  // Node's and Deno's console methods that print on stdout; the others (error, warn, trace,
  // assert, group…) already print on stderr.
  const stdout = [
    "log",
    "info",
    "debug",
    "dir",
    "dirxml",
    "table",
    "count",
    "timeLog",
    "timeEnd",
  ];
  for (const name of [...stdout, "error"]) methods[name] = () => calls.push(name);
  const fake = methods as unknown as Console;
  keepStdoutForProtocol(fake);
  for (const name of stdout) {
    calls.length = 0;
    methods[name]!("x");
    assert.deepEqual(calls, ["error"], `console.${name} goes to stderr`);
  }
});

Deno.test("serveStdio: a line that is not UTF-8 is -32700; a client's response gets no answer", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const output: string[] = [];
  const decoder = new TextDecoder();
  try {
    const bad = encoder.encode('{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"a?"}}\n');
    bad[bad.indexOf("?".charCodeAt(0))] = 0xff;
    await serveStdio(app.connections, {
      input: ReadableStream.from([
        bad,
        encoder.encode('{"jsonrpc":"2.0","id":"srv-1","result":{}}\n'),
        encoder.encode('{"jsonrpc":"2.0","id":2,"method":"ping"}\n'),
      ]),
      output: new WritableStream({ write: (chunk) => void output.push(decoder.decode(chunk)) }),
    });
    const replies = output.map((line) => JSON.parse(line));
    assert.equal(replies.length, 2, JSON.stringify(replies));
    assert.equal(replies[0].error.code, -32700);
    assert.match(replies[0].error.message, /not valid UTF-8/);
    assert.deepEqual(replies[1], { jsonrpc: "2.0", id: 2, result: {} });
  } finally {
    await app.services.db.close();
  }
});
