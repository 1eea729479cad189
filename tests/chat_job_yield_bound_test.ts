/**
 * Giving way to chats is bounded: a job whose calls gave way `MAX_GIVE_WAYS` times keeps its
 * model slot the next time, and the chat waits for that one call. A person chatting steadily
 * (every reply's gap shorter than a job's call) would otherwise cut every extraction call and
 * the persona would learn nothing during the conversation.
 */
import assert from "node:assert/strict";
import { MAX_GIVE_WAYS } from "../core/jobs/give_ways.ts";
import { eventually, jobRequests } from "./_mind.ts";
import { startOneSlotMind } from "./_job_yield.ts";

Deno.test("MAX_GIVE_WAYS is 2", () => {
  assert.equal(MAX_GIVE_WAYS, 2);
});

Deno.test("steady chats cut a job's call at most MAX_GIVE_WAYS times; then the job keeps its slot and stores its fact", async () => {
  const { fake, server, client, stop } = await startOneSlotMind();
  const extractionCalls = () => jobRequests(fake.chatRequests(), "facts").length;
  // The person's later chats go straight to the model the way the chat engine sends them
  // (tests/chat_job_yield_test.ts pins that it does): they store no exchange, so no other job
  // joins the one under test.
  const chat = async (content: string) =>
    (await server.services.llm.chat({
      model: "llama3.1:8b",
      messages: [{ role: "user", content }],
      cutsBackground: true,
    })).text;
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    await client.call("conversation.send_message", { content: "I live in Lyon", sender: "Tam" });
    await eventually(() => extractionCalls() === 1, { what: "the job's first call" });
    // Each chat cuts the job's call; the job runs again at once (quiet time 0).
    for (let cut = 1; cut <= MAX_GIVE_WAYS; cut++) {
      if (cut === MAX_GIVE_WAYS) {
        // The job's next call answers once the test lets it go.
        fake.behavior.json = { mode: "ok", held: released.promise };
      }
      await chat(`Small talk ${cut}`);
      await eventually(() => extractionCalls() === cut + 1, { what: `the job's call ${cut + 1}` });
    }
    // An operator sees it: each cut is counted in the metrics.
    const metrics = await fetch(server.apiUrl.replace(/\/api$/, "/metrics")).then((r) => r.text());
    assert.match(metrics, new RegExp(`^persona_mcp_jobs_gave_way ${MAX_GIVE_WAYS}$`, "m"));
    // The job gave way twice: this chat waits for its call instead of cutting it.
    const waitingChat = chat("And what about you?");
    await eventually(() => server.services.llm.load().waiting === 1, {
      what: "the chat to wait for the job's call",
    });
    released.resolve();
    assert.equal(typeof await waitingChat, "string");
    await eventually(async () => {
      const facts = await client.call<{ memories: Array<{ content: string }> }>("memory.list", {
        memory_type: "fact",
      });
      return facts.memories.some((memory) => memory.content === "Tam lives in Lyon.");
    }, { what: "the job's fact to be stored" });
    assert.equal(extractionCalls(), MAX_GIVE_WAYS + 1, "the last call was not cut");
  } finally {
    released.resolve();
    await stop();
  }
});

const released = Promise.withResolvers<void>();
