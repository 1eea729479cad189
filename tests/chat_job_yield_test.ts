/**
 * A background job never makes a chat wait for its model call. With one model slot (Ollama's
 * default) a chat that arrives while a job's call runs takes that call's slot: the job's request
 * is cut, the chat is answered, and the job goes back to
 * the queue as it was (no error, no attempt used) and runs again once the model is free.
 */
import assert from "node:assert/strict";
import { eventually, jobRequests, jobsIdle } from "./_mind.ts";
import { startOneSlotMind } from "./_job_yield.ts";

interface JobsResult {
  jobs: Array<{
    kind: string;
    state: string;
    attempts: number;
    error: { reason: string } | null;
  }>;
}

Deno.test("a chat takes the one model slot from a running job's call; the job runs again later", async () => {
  const { fake, server, client, stop } = await startOneSlotMind();
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "I live in Lyon", sender: "Tam" });
    await eventually(() => jobRequests(fake.chatRequests(), "facts").length === 1, {
      what: "the extraction job's call to reach the model",
    });

    const second = await client.call<{ response: string }>("conversation.send_message", {
      content: "What shall we cook tonight?",
      sender: "Tam",
    });
    assert.equal(typeof second.response, "string", "the chat is answered");
    // Deno's server may not see a client go for a body this long, so `fake.abandoned` cannot
    // tell; the job's record does: its held call did not end by the time limit.
    const { jobs } = await client.call<JobsResult>("memory.jobs", { limit: 5 });
    const extraction = jobs.find((job) => job.kind === "extract_facts")!;
    assert.equal(extraction.error, null, "giving way is no failure (not the call's time limit)");
    assert.notEqual(extraction.state, "failed");

    // The model answers jobs again: the job runs again (after one more chat, which takes the
    // slot again if its second call is still held) and keeps its fact.
    fake.behavior.json = { mode: "ok" };
    await client.call("conversation.send_message", { content: "Thanks", sender: "Tam" });
    await jobsIdle(server.services.jobs);
    const done = await client.call<JobsResult>("memory.jobs", { limit: 5 });
    const first = done.jobs.filter((job) => job.kind === "extract_facts").at(-1)!;
    assert.equal(first.state, "done");
    assert.equal(first.error, null);
    const facts = await client.call<{ memories: Array<{ content: string }> }>("memory.list", {
      memory_type: "fact",
    });
    assert.deepEqual(facts.memories.map((memory) => memory.content), ["Tam lives in Lyon."]);
  } finally {
    await stop();
  }
});
