import assert from "node:assert/strict";
import { z } from "zod";
import { createServices } from "../../services.ts";
import { LlmUnavailable, NoActivePersona } from "../../errors.ts";
import { defineHandler } from "../define_handler.ts";
import { createDispatcher } from "../server_dispatcher.ts";
import { HandlerRegistry } from "../rpc/registry.ts";
import { Session } from "../../sessions/mod.ts";
import { testConfig, testLogger, waitUntilCancelled } from "../../../tests/_helpers.ts";
import cancelled from "../../../handlers/notifications/cancelled.ts";
import { modernMeta } from "../../../tests/_mcp_modern.ts";
import { callTool } from "./tool_call.ts";
import { listTools, type ToolSpec } from "./tools.ts";
import { ECHO_MAX } from "../../text_cut.ts";

const CLOSED = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
};

/** Tools over test methods: a streaming chat, an Ollama failure and a bug. */
const TEST_TOOLS: ToolSpec[] = [
  {
    name: "test_chat",
    method: "test.chat",
    title: "Chat",
    annotations: CLOSED,
    streaming: { param: "stream", chunk: "test.chunk" },
  },
  { name: "test_down", method: "test.down", title: "Down", annotations: CLOSED },
  { name: "test_bug", method: "test.bug", title: "Bug", annotations: CLOSED },
  { name: "test_wait", method: "test.wait", title: "Wait", annotations: CLOSED },
  {
    name: "test_persona",
    method: "test.persona",
    title: "Persona",
    annotations: CLOSED,
    persona: "persona_id",
  },
];

async function setup() {
  const services = await createServices(testConfig(), {
    databasePath: ":memory:",
    log: testLogger(),
  });
  const registry = new HandlerRegistry([
    defineHandler({
      method: "test.chat",
      description: "Answers in three chunks when streaming",
      params: z.strictObject({ content: z.string().min(1), stream: z.boolean().default(false) }),
      handle(params, ctx) {
        const chunks = ["Well ", "met, ", params.content];
        if (params.stream) {
          chunks.forEach((text, index) => ctx.notify("test.chunk", { index, text }));
        }
        ctx.notify("test.other", {});
        return { response: chunks.join(""), streamed: params.stream };
      },
    }),
    defineHandler({
      method: "test.down",
      description: "Ollama is not running",
      params: z.strictObject({}),
      handle() {
        throw new LlmUnavailable("Cannot reach Ollama at http://localhost:11434", {
          reason: "unreachable",
          hint: "Start it with `ollama serve`",
        });
      },
    }),
    defineHandler({
      method: "test.bug",
      description: "Fails unexpectedly",
      params: z.strictObject({}),
      handle() {
        throw new TypeError("secret internals");
      },
    }),
    waitUntilCancelled("test.wait"),
    defineHandler({
      method: "test.persona",
      description: "Needs the session's persona unless persona_id is given",
      params: z.strictObject({ persona_id: z.string().optional(), note: z.string() }),
      handle(params) {
        if (params.persona_id === undefined || params.persona_id === "nobody") {
          throw new NoActivePersona();
        }
        return { persona_id: params.persona_id, note: params.note };
      },
    }),
    defineHandler({
      method: "tools/call",
      description: "tools/call over the test tools",
      params: z.looseObject({ name: z.string(), arguments: z.record(z.string(), z.unknown()) }),
      handle: (params, ctx) => callTool(ctx, params, TEST_TOOLS),
    }),
    cancelled,
  ]);
  const dispatcher = createDispatcher(registry, services);
  const session = new Session("internal");
  const sent: Array<{ method: string; params?: Record<string, unknown> }> = [];
  const call = async (name: string, args: Record<string, unknown>, meta?: object, id = 1) =>
    await dispatcher.handleValue(
      {
        jsonrpc: "2.0",
        id,
        method: "tools/call",
        params: { name, arguments: args, ...(meta ? { _meta: meta } : {}) },
      },
      session,
      (message) => sent.push(message),
    ) as { result?: Record<string, unknown>; error?: { code: number; data?: unknown } };
  return { services, registry, dispatcher, session, sent, call };
}

Deno.test("with a progress token, chunks become notifications/progress before the result", async () => {
  const { services, sent, call } = await setup();
  try {
    const reply = await call("test_chat", { content: "traveller" }, { progressToken: "tok-1" });
    assert.deepEqual(sent.map((message) => message.params), [
      { progressToken: "tok-1", progress: 1, message: "Well " },
      { progressToken: "tok-1", progress: 2, message: "met, " },
      { progressToken: "tok-1", progress: 3, message: "traveller" },
    ]);
    assert.ok(sent.every((message) => message.method === "notifications/progress"));
    assert.deepEqual(reply.result!.structuredContent, {
      response: "Well met, traveller",
      streamed: true,
    });
  } finally {
    await services.db.close();
  }
});

Deno.test("without a progress token nothing streams, and method notifications never leak", async () => {
  const { services, sent, call } = await setup();
  try {
    // A client cannot turn streaming on behind the tool's back either.
    const reply = await call("test_chat", { content: "hi", stream: true });
    assert.deepEqual(sent, []);
    assert.equal((reply.result!.structuredContent as { streamed: boolean }).streamed, false);
    const text = (reply.result!.content as Array<{ text: string }>)[0]!.text;
    assert.deepEqual(JSON.parse(text), reply.result!.structuredContent);
  } finally {
    await services.db.close();
  }
});

Deno.test("the streaming switch is not part of the tool's inputSchema", async () => {
  const { services, registry } = await setup();
  try {
    const chat = listTools({ registry, meta: undefined }, TEST_TOOLS)
      .find((tool) => tool.name === "test_chat")!;
    assert.deepEqual(Object.keys(chat.inputSchema.properties as object), ["content"]);
  } finally {
    await services.db.close();
  }
});

Deno.test("failures the agent can act on are isError results with helpful text", async () => {
  const { services, call } = await setup();
  try {
    const down = (await call("test_down", {})).result!;
    assert.equal(down.isError, true);
    const text = (down.content as Array<{ text: string }>)[0]!.text;
    assert.match(text, /test_down failed: Cannot reach Ollama/);
    assert.match(text, /ollama serve/);
    assert.equal((down.structuredContent as { error: { code: number } }).error.code, -32003);

    const invalid = (await call("test_chat", { content: "", extra: 1 })).result!;
    assert.equal(invalid.isError, true);
    const lines = (invalid.content as Array<{ text: string }>)[0]!.text.split("\n");
    assert.ok(lines.includes("- content Too small: expected string to have >=1 characters"));
    assert.ok(lines.includes("- extra is not a known field"));
  } finally {
    await services.db.close();
  }
});

Deno.test("an unknown tool is -32602; an unexpected failure stays -32603", async () => {
  const { services, call } = await setup();
  try {
    const unknown = await call("nope", {});
    assert.equal(unknown.error!.code, -32602);
    assert.deepEqual((unknown.error!.data as { tools: string[] }).tools, [
      "test_chat",
      "test_down",
      "test_bug",
      "test_wait",
      "test_persona",
    ]);
    const bug = await call("test_bug", {});
    assert.deepEqual(bug.error, { code: -32603, message: "Internal error" });
  } finally {
    await services.db.close();
  }
});

Deno.test("notifications/cancelled aborts a tool call, which then gets no answer", async () => {
  const { services, session, call, dispatcher } = await setup();
  try {
    const pending = call("test_wait", {}, undefined, 77);
    assert.deepEqual(session.inflightIds(), [77]);
    const notification = await dispatcher.handleValue(
      { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 77 } },
      session,
    );
    assert.equal(notification, undefined);
    assert.equal(await pending, undefined, "MCP: the cancelled request is never answered");
    assert.deepEqual(session.inflightIds(), []);
  } finally {
    await services.db.close();
  }
});

Deno.test("persona names are looked up only in lists and texts a method could accept", async () => {
  const { services, call } = await setup();
  try {
    const looked: string[] = [];
    const resolve = services.personas.resolve.bind(services.personas);
    services.personas.resolve = (value: string) => {
      looked.push(value);
      return resolve(value);
    };
    // test_chat takes no persona: the arguments are the method's to refuse, after the lookups.
    await call("test_chat", { content: "hi", participants: Array(10_000).fill("Aria") });
    await call("test_chat", { content: "hi", persona_id: "x".repeat(100_000) });
    assert.deepEqual(looked, []);
    await call("test_chat", { content: "hi", participants: ["Aria", "Bram"], persona_id: "Cy" });
    assert.deepEqual(looked.sort(), ["Aria", "Bram", "Cy"]);
  } finally {
    await services.db.close();
  }
});

Deno.test("2026-07-28: a missing persona_id is -32602 before the method runs, never 'persona.switch'", async () => {
  const { services, call } = await setup();
  try {
    const text = (result: Record<string, unknown>) =>
      (result.content as Array<{ text: string }>)[0]!.text;
    const errorOf = (result: Record<string, unknown>) =>
      (result.structuredContent as { error: { code: number; message: string } }).error;
    const modern = (await call("test_persona", { note: "n" }, modernMeta())).result!;
    assert.equal(modern.isError, true);
    assert.equal(errorOf(modern).code, -32602);
    assert.equal(errorOf(modern).message, "Invalid params: persona_id is required");
    assert.match(text(modern), /\nPass persona_id: the persona's id or name/);
    // Every required argument the listed inputSchema names is checked.
    const none = (await call("test_persona", {}, modernMeta())).result!;
    assert.deepEqual((errorOf(none) as { data?: { fields: unknown } }).data?.fields, [
      { field: "note", message: "is required" },
      { field: "persona_id", message: "is required" },
    ]);
    assert.doesNotMatch(text(modern), /switch/);
    // The method's own "no active persona" is reworded for the era, too.
    const noPersona =
      (await call("test_persona", { persona_id: "nobody", note: "n" }, modernMeta()))
        .result!;
    assert.equal(errorOf(noPersona).code, -32001);
    assert.doesNotMatch(text(noPersona), /switch/);
    assert.match(text(noPersona), /pass persona_id/);
    const given = (await call("test_persona", { persona_id: "p1", note: "n" }, modernMeta()))
      .result!;
    assert.deepEqual(given.structuredContent, { persona_id: "p1", note: "n" });

    // With a session the persona is optional: the method runs and answers for itself.
    const legacy = (await call("test_persona", { note: "n" })).result!;
    assert.equal(errorOf(legacy).code, -32001);
    assert.match(text(legacy), /persona_switch/);
  } finally {
    await services.db.close();
  }
});

Deno.test("an unknown tool's name is quoted back cut to ECHO_MAX, in the message and in data (attack36 A1)", async () => {
  const { services, call } = await setup();
  try {
    const long = "x".repeat(100_000);
    const reply = await call(long, {});
    const error = reply.error as unknown as {
      code: number;
      message: string;
      data: { name: string };
    };
    assert.equal(error.code, -32602);
    assert.equal(error.message, `Unknown tool: ${"x".repeat(ECHO_MAX)}…`);
    assert.equal(error.data.name, `${"x".repeat(ECHO_MAX)}…`);
    // A name of ECHO_MAX units comes back whole.
    const short = "y".repeat(ECHO_MAX);
    const whole = (await call(short, {})).error as unknown as {
      message: string;
      data: { name: string };
    };
    assert.equal(whole.message, `Unknown tool: ${short}`);
    assert.equal(whole.data.name, short);
  } finally {
    await services.db.close();
  }
});
