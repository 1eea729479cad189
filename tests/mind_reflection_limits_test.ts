/**
 * Reflection's limits end to end (review28 M07, M10, M11, M13): questions are drawn from current
 * memories only (a superseded one is not shown, nor counted toward MIN_STATEMENTS), at most
 * QUESTIONS (3) are asked, at most MAX_INSIGHTS (5) are stored, and an insight already stored
 * as a reflection is not stored again by a later reflection.
 */
import assert from "node:assert/strict";
import { MAX_INSIGHTS, QUESTIONS } from "../core/mind/reflection.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import {
  jobRequests,
  jobsIdle,
  MIND_ON,
  mindReply,
  type MindScript,
  requestText,
} from "./_mind.ts";

interface ReflectJob {
  state: string;
  result: { questions: string[]; reflections: string[] } | null;
  error?: string | null;
}

const INSIGHTS = [...Array(7)].map((_, i) => `Insight number ${i + 1} about Tam and the sea.`);

/** A server whose scripted model answers `script`, reflecting at `threshold`, on persona Aria. */
async function reflecting(script: MindScript, threshold: string) {
  const fake = FakeOllama.start({ reply: mindReply(script) });
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    ...MIND_ON,
    MEMORY_EXTRACTION: "false",
    MEMORY_REFLECTION_THRESHOLD: threshold,
  });
  const client = await RpcClient.connect(server.wsUrl);
  await client.call("persona.switch", { persona_id: "Aria" });
  return {
    fake,
    server,
    client,
    /** Stores a memory of importance 0.25 (with `params`), returning its id. */
    store: async (params: Record<string, unknown>) =>
      (await client.call<{ memory_id: string }>("memory.store", { importance: 0.25, ...params }))
        .memory_id,
    reflectJobs: async () =>
      (await client.call<{ jobs: ReflectJob[] }>("memory.jobs", { kind: "reflect" })).jobs,
    stop: async () => {
      await client.close();
      await server.shutdown();
      await fake.stop();
    },
  };
}

Deno.test("reflection: current memories only, 3 questions, 5 insights, none stored twice", async () => {
  const { fake, server, client, store, reflectJobs, stop } = await reflecting({
    questions: () => ["Q one?", "Q two?", "Q three?", "Q four?", "Q five?"],
    insights: () => INSIGHTS.map((content) => ({ content, evidence: [1], importance: 5 })),
  }, "1");
  const reflections = async () =>
    (await client.call<{ memories: Array<{ content: string }> }>("memory.list", {
      memory_type: "reflection",
      limit: 100,
    })).memories.map((m) => m.content).sort();
  try {
    assert.equal(QUESTIONS, 3);
    assert.equal(MAX_INSIGHTS, 5);
    // Three stores reach 0.75; the fourth (1.0) supersedes one: only 3 current memories left.
    const lyon = await store({ content: "Tam lives in Lyon" });
    await store({ content: "Tam swims in the sea every morning" });
    await store({ content: "Tam fixed the sail of the old boat" });
    await store({ content: "Tam lives in Porto", supersedes: [lyon] });
    await jobsIdle(server.services.jobs);
    const [first] = await reflectJobs();
    assert.equal(first!.state, "done", JSON.stringify(first));
    const [asked] = jobRequests(fake.chatRequests(), "questions");
    assert.ok(requestText(asked!).includes("Tam lives in Porto"));
    assert.ok(!requestText(asked!).includes("Lyon"), "a superseded memory is not reflected on");
    assert.deepEqual(first!.result!.questions, ["Q one?", "Q two?", "Q three?"]);
    const [insightsAsked] = jobRequests(fake.chatRequests(), "insights");
    assert.ok(!requestText(insightsAsked!).includes("Q four?"));
    assert.equal(first!.result!.reflections.length, 5);
    assert.deepEqual(await reflections(), INSIGHTS.slice(0, 5).sort());

    // The next crossing: the model says the same insights; only the two new ones are stored.
    for (const n of [1, 2, 3, 4]) await store({ content: `Tam talked about tides, part ${n}` });
    await jobsIdle(server.services.jobs);
    const jobs = await reflectJobs();
    assert.equal(jobs.length, 2);
    const second = jobs.find((job) => job !== jobs.find((j) => j.result === first!.result))!;
    assert.equal(second.result!.reflections.length, 2, JSON.stringify(second));
    assert.deepEqual(await reflections(), [...INSIGHTS].sort());
  } finally {
    await stop();
  }
});

Deno.test("reflection: a superseded memory does not count toward the 3 it needs", async () => {
  const { fake, server, store, reflectJobs, stop } = await reflecting({
    questions: () => ["Q?"],
  }, "0.75");
  try {
    const lyon = await store({ content: "Tam lives in Lyon" });
    await store({ content: "Tam swims in the sea" });
    await store({ content: "Tam lives in Porto", supersedes: [lyon] });
    await jobsIdle(server.services.jobs);
    const jobs = await reflectJobs();
    assert.equal(jobs.length, 1);
    assert.notEqual(jobs[0]!.state, "done", JSON.stringify(jobs[0]));
    assert.equal(jobRequests(fake.chatRequests(), "questions").length, 0);
  } finally {
    await stop();
  }
});
