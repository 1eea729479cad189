/**
 * Structured output: a chat that must answer one JSON value matching a schema, asked for the way
 * each server knows (Ollama's `format`, OpenAI's `response_format`), checked before it returns,
 * and queued behind chats when it is background work.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { eachProvider, failure, OPENAI, reason } from "../../tests/_providers.ts";
import { FakeOpenAi } from "../../tests/fake_openai.ts";
import { jsonSchemaOf } from "./json_output.ts";

const Facts = z.strictObject({
  facts: z.array(z.strictObject({ subject: z.string(), fact: z.string() })),
  mood: z.enum(["happy", "sad", "neutral"]),
});

const ask = [
  { role: "system" as const, content: "You extract facts." },
  { role: "user" as const, content: "Tam: my sister Ilse lives in Ghent." },
];

const ANSWER = { facts: [{ subject: "Ilse", fact: "lives in Ghent" }], mood: "neutral" };

eachProvider.test("chatJson asks for the schema and returns the checked value", async (p) => {
  const fake = p.start({ reply: () => JSON.stringify(ANSWER) });
  try {
    const result = await p.llm(fake).chatJson({
      model: "llama3.1:8b",
      messages: ask,
      schema: Facts,
      schemaName: "extracted facts",
      temperature: 0,
    });
    assert.deepEqual(result.value, ANSWER);
    assert.equal(result.mode, "schema");
    assert.ok(result.completionTokens > 0);
    const [request] = fake.chatRequests();
    assert.ok(request);
    let schema: Record<string, unknown>;
    if (p.name === "ollama") {
      schema = request.format as Record<string, unknown>;
    } else {
      const format = request.response_format as {
        type: string;
        json_schema: { name: string; strict: boolean; schema: Record<string, unknown> };
      };
      assert.equal(format.type, "json_schema");
      assert.equal(format.json_schema.name, "extracted_facts", "a name the API accepts");
      assert.equal(format.json_schema.strict, true);
      schema = format.json_schema.schema;
    }
    assert.equal(schema.type, "object");
    assert.deepEqual(schema.required, ["facts", "mood"]);
    assert.equal(schema.additionalProperties, false);
    assert.equal(schema.$schema, undefined, "no $schema key: some servers reject it");
    assert.deepEqual(request.messages, ask, "the prompt is the caller's");
  } finally {
    await fake.stop();
  }
});

eachProvider.test("a fenced JSON answer is read; anything else is invalid_output", async (p) => {
  const fake = p.start({ reply: () => "```json\n" + JSON.stringify(ANSWER) + "\n```" });
  try {
    const llm = p.llm(fake);
    const call = { model: "llama3.1:8b", messages: ask, schema: Facts };
    assert.deepEqual((await llm.chatJson(call)).value, ANSWER);

    fake.behavior.reply = () => "Ilse lives in Ghent.";
    const notJson = await failure(llm.chatJson(call));
    assert.equal(reason(notJson), "invalid_output");
    assert.match(notJson.message, /not JSON/);

    fake.behavior.reply = () => JSON.stringify({ facts: [{ subject: "Ilse" }], mood: "elated" });
    const wrong = await failure(llm.chatJson(call));
    assert.equal(reason(wrong), "invalid_output");
    const issues = (wrong.data as { issues: Array<{ path: string }> }).issues;
    assert.deepEqual(issues.map((issue) => issue.path).sort(), ["facts.0.fact", "mood"]);
  } finally {
    await fake.stop();
  }
});

eachProvider.test("background calls queue behind chats that arrive later", async (p) => {
  const fake = p.start({
    firstTokenDelayMs: 20,
    reply: (request) =>
      request.format || request.response_format
        ? JSON.stringify(ANSWER)
        : `re: ${request.messages.at(-1)?.content}`,
  });
  try {
    const llm = p.llm(fake, { concurrency: 1 });
    const done: string[] = [];
    const chat = (name: string) =>
      llm.chat({ model: "llama3.1:8b", messages: [{ role: "user", content: name }] })
        .then(() => done.push(name));
    const job = (name: string) =>
      llm.chatJson({ model: "llama3.1:8b", messages: ask, schema: Facts, priority: "background" })
        .then(() => done.push(name));
    const all = [chat("chat-1"), job("job-1"), job("job-2"), chat("chat-2"), chat("chat-3")];
    assert.deepEqual(llm.load(), { running: 1, waiting: 4 });
    await Promise.all(all);
    assert.deepEqual(done, ["chat-1", "chat-2", "chat-3", "job-1", "job-2"]);
  } finally {
    await fake.stop();
  }
});

Deno.test("a server that refuses json_schema is asked for json_object with the schema in the prompt, once per model", async () => {
  const fake = FakeOpenAi.start({
    reply: () => JSON.stringify(ANSWER),
    refuseFormats: ["json_schema"],
  });
  try {
    const llm = OPENAI.llm(fake);
    const first = await llm.chatJson({ model: "llama3.1:8b", messages: ask, schema: Facts });
    assert.deepEqual(first.value, ANSWER);
    assert.equal(first.mode, "json_object");
    const [refused, fallback] = fake.chatRequests();
    assert.equal((refused?.response_format as { type: string }).type, "json_schema");
    assert.deepEqual(fallback?.response_format, { type: "json_object" });
    assert.equal(fallback?.messages.length, 2, "still one system message");
    assert.match(
      fallback?.messages[0]?.content ?? "",
      /^You extract facts\.\n\nAnswer with one JSON object/,
    );
    assert.match(fallback?.messages[0]?.content ?? "", /"required":\["facts","mood"\]/);

    const second = await llm.chatJson({ model: "llama3.1:8b", messages: ask, schema: Facts });
    assert.equal(second.mode, "json_object");
    assert.equal(fake.chatRequests().length, 3, "the refusal is remembered: one request");
    assert.deepEqual(fake.chatRequests()[2]?.response_format, { type: "json_object" });

    fake.behavior.refuseFormats = ["json_schema", "json_object"];
    const other = await failure(
      llm.chatJson({ model: "llama3.1:8b", messages: ask, schema: Facts }),
    );
    assert.equal(reason(other), "server_error");
    assert.equal((other.data as { status: number }).status, 400);
    assert.match(other.message, /json_object/);
  } finally {
    await fake.stop();
  }
});

Deno.test("a zod schema is converted to JSON Schema once, frozen, and the same on every call", () => {
  const first = jsonSchemaOf(Facts);
  assert.equal(jsonSchemaOf(Facts), first, "the conversion is kept, not made again");
  const { $schema: _, ...expected } = z.toJSONSchema(Facts, { unrepresentable: "any" });
  assert.deepEqual(first, expected);
  assert.ok(Object.isFrozen(first), "shared by every call: no caller may change it");
  const properties = first.properties as Record<string, Record<string, unknown>>;
  assert.ok(Object.isFrozen(properties.facts!.items), "frozen all the way down");
  const other = z.strictObject({ mood: z.enum(["happy", "sad"]) });
  assert.notEqual(jsonSchemaOf(other), first);
  assert.deepEqual(jsonSchemaOf(other).required, ["mood"]);
});

eachProvider.test("chatJson sends the same schema on a second call", async (p) => {
  const fake = p.start({ reply: () => JSON.stringify(ANSWER) });
  try {
    const llm = p.llm(fake);
    for (let i = 0; i < 2; i++) {
      await llm.chatJson({ model: "llama3.1:8b", messages: ask, schema: Facts, temperature: 0 });
    }
    const sent = fake.chatRequests().map((request) =>
      p.name === "ollama"
        ? request.format
        : (request.response_format as { json_schema: { schema: unknown } }).json_schema.schema
    );
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[1], sent[0]);
    assert.deepEqual(sent[0], jsonSchemaOf(Facts));
  } finally {
    await fake.stop();
  }
});
