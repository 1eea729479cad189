/**
 * The simulation's model choice against the Ollama-compatible test server: Ollama when it is
 * there with the model, the scripted model (with a notice saying why) when it is absent or lacks
 * the model.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { FakeOpenAi } from "./fake_openai.ts";
import { runKept, sampleScenario } from "./_simulation.ts";

const small = () => sampleScenario({ model: "ollama", ticks: 12, start_chance: 1 });

Deno.test("with Ollama reachable the simulation talks to it, turn by turn", async () => {
  let calls = 0;
  const fake = FakeOllama.start({
    reply: (request) => {
      calls++;
      const name = /^You are (\w+)\./.exec(request.messages[0]!.content)?.[1];
      return `Ollama line ${calls} from ${name}, about the evening at the inn.`;
    },
  });
  try {
    const report = await runKept(small(), undefined, { OLLAMA_HOST: fake.url });
    assert.equal(report.model.kind, "ollama");
    assert.equal(report.model.notice, null);
    assert.match(report.model.label, new RegExp(`ollama llama3\\.1:8b at ${fake.url}`));
    const turns = report.conversations.flatMap((c) => c.turns);
    assert.ok(turns.length >= 4);
    assert.equal(fake.chatRequests().length, turns.length, "one model call per turn");
    for (const turn of turns) {
      assert.match(turn.content, new RegExp(`^Ollama line \\d+ from ${turn.speaker},`));
    }
  } finally {
    await fake.stop();
  }
});

Deno.test("without Ollama the simulation falls back to the scripted model and says why", async () => {
  const fake = FakeOllama.start();
  const url = fake.url;
  await fake.stop();
  const absent = await runKept(small(), undefined, { OLLAMA_HOST: url });
  assert.equal(absent.model.kind, "scripted");
  assert.match(absent.model.notice!, new RegExp(`Ollama is not reachable at ${url}`));
  assert.match(absent.model.notice!, /scripted model/);
  assert.ok(absent.summary.turns > 0);

  const empty = FakeOllama.start({ models: [] });
  try {
    const lacking = await runKept(small(), undefined, { OLLAMA_HOST: empty.url });
    assert.equal(lacking.model.kind, "scripted");
    assert.match(lacking.model.notice!, /lacks llama3\.1:8b \(pull it with "ollama pull/);
    assert.equal(empty.chatRequests().length, 0, "no chat is sent to a model that is missing");
  } finally {
    await empty.stop();
  }
});

Deno.test("with LLM_PROVIDER=openai the simulation talks to the OpenAI-compatible server", async () => {
  const fake = FakeOpenAi.start({ reply: () => "An OpenAI-compatible line about the inn." });
  try {
    const env = { LLM_PROVIDER: "openai", OPENAI_BASE_URL: fake.baseUrl };
    const report = await runKept(small(), undefined, env);
    assert.equal(report.model.notice, null);
    assert.match(report.model.label, new RegExp(`^openai llama3\\.1:8b at ${fake.baseUrl}`));
    const turns = report.conversations.flatMap((c) => c.turns);
    assert.ok(turns.length >= 4);
    assert.equal(fake.chatRequests().length, turns.length, "one model call per turn");

    fake.behavior.models = [];
    const lacking = await runKept(small(), undefined, env);
    assert.equal(lacking.model.kind, "scripted");
    assert.match(
      lacking.model.notice ?? "",
      /OpenAI-compatible server .* lacks llama3\.1:8b \(load it/,
    );
  } finally {
    await fake.stop();
  }
});
