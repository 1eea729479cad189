/**
 * Pins how a mind job asks the model (context.ts `askJson`), through the real LLM service and a
 * fake Ollama: the call runs in the background lane at temperature 0 with JOB_MAX_TOKENS; a
 * person's chat that finds the one slot taken cuts it and the job ends with JobGaveWay, unless
 * the job may no longer give way (`mayGiveWay: false`), when the chat waits; any other failure
 * reaches the job as it was.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { OLLAMA } from "../../tests/_providers.ts";
import { eventually } from "../../tests/_mind.ts";
import { JobGaveWay } from "../jobs/mod.ts";
import { completeTraits, type Persona, SEED_PERSONAS } from "../personas/mod.ts";
import { askJson, JOB_MAX_TOKENS, type MindSettings } from "./context.ts";

const Answer = z.object({ ok: z.boolean() });
const persona: Persona = {
  ...SEED_PERSONAS[0]!,
  id: "mut63-asker",
  model: null,
  personality_traits: completeTraits(SEED_PERSONAS[0]!.personality_traits),
  traits_source: "set",
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};
const settings: MindSettings = {
  extraction: true,
  extractionDelayMs: 0,
  supersession: true,
  reflection: false,
  reflectionThreshold: 1,
  blockUpdates: false,
  model: "",
  defaultModel: "llama3.1:8b",
};

/** One model slot; the fake holds JSON answers until `open`, and answers `reply`. */
function slot(reply = `{"ok":true}`) {
  const gate = Promise.withResolvers<void>();
  const fake = OLLAMA.start({ reply: () => reply, json: { held: gate.promise } });
  const llm = OLLAMA.llm(fake, { concurrency: 1, queueLimit: 5 });
  const ask = (mayGiveWay?: boolean) =>
    askJson({ llm, settings }, {
      persona,
      messages: [{ role: "user", content: "which facts?" }],
      schema: Answer,
      name: "facts",
      signal: new AbortController().signal,
      mayGiveWay,
    });
  const chat = () =>
    llm.chat({
      model: "llama3.1:8b",
      messages: [{ role: "user", content: "hello" }],
      cutsBackground: true,
    });
  const stop = async () => {
    gate.resolve();
    await fake.stop();
  };
  return { fake, llm, ask, chat, open: () => gate.resolve(), stop };
}

Deno.test("askJson asks the job's model at temperature 0 with JOB_MAX_TOKENS", async () => {
  const { fake, ask, open, stop } = slot();
  try {
    open();
    assert.deepEqual(await ask(), { ok: true });
    const [request] = fake.chatRequests();
    assert.equal(request!.model, "llama3.1:8b");
    assert.equal(request!.options?.temperature, 0);
    assert.equal(request!.options?.num_predict, JOB_MAX_TOKENS);
  } finally {
    await stop();
  }
});

for (const mayGiveWay of [undefined, true]) {
  Deno.test(`a chat cuts askJson's call (mayGiveWay ${mayGiveWay}): JobGaveWay named after the question`, async () => {
    const { fake, ask, chat, stop } = slot();
    try {
      const job = ask(mayGiveWay);
      await eventually(() => fake.chatRequests().length === 1, { what: "the job's call" });
      const answer = chat();
      const error = await job.then(() => undefined, (error: unknown) => error);
      assert.ok(error instanceof JobGaveWay, `gave way, not ${error}`);
      assert.equal(error.message, "facts: gave way to a chat");
      await answer;
    } finally {
      await stop();
    }
  });
}

Deno.test("a job that may no longer give way keeps its slot: the chat waits for its call", async () => {
  const { fake, llm, ask, chat, open, stop } = slot();
  try {
    const job = ask(false);
    await eventually(() => fake.chatRequests().length === 1, { what: "the job's call" });
    const answer = chat();
    await eventually(() => llm.load().waiting === 1, { what: "the chat to wait" });
    open();
    assert.deepEqual(await job, { ok: true });
    await answer;
  } finally {
    await stop();
  }
});

Deno.test("a failure other than giving way reaches the job as it was", async () => {
  const { ask, open, stop } = slot(`{"ok":"not a boolean"}`);
  try {
    open();
    const error = await ask().then(() => undefined, (error: unknown) => error);
    assert.ok(error instanceof Error, "askJson fails");
    assert.ok(!(error instanceof JobGaveWay), "an invalid answer is no give-way");
  } finally {
    await stop();
  }
});
