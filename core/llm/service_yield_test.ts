/**
 * Which calls may take a running background call's model slot, through the real service and
 * clients against both fake model servers: a person's chat (`cutsBackground`) does; an embedding
 * (what the write-behind store, the remaker, reindex and a job's own searches make with
 * EMBED_MODEL set) and other interactive calls wait for the slot instead.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { eachProvider, failure, type ProviderCase } from "../../tests/_providers.ts";
import { eventually } from "../../tests/_mind.ts";
import { yieldedToChat } from "./queue.ts";

const Answer = z.object({ ok: z.boolean() });
const question = [{ role: "user" as const, content: "a job's question" }];

/** A gate the fake holds JSON answers at until the test lets them go. */
function gate(): { held: Promise<void>; open: () => void } {
  let open!: () => void;
  const held = new Promise<void>((resolve) => (open = resolve));
  return { held, open };
}

/** One model slot taken by a background call whose answer the fake holds until `open`. */
async function heldJob(p: ProviderCase) {
  const jsonGate = gate();
  const fake = p.start({ reply: () => `{"ok":true}`, json: { held: jsonGate.held } });
  const llm = p.llm(fake, { concurrency: 1, queueLimit: 5 });
  const job = llm.chatJson({
    model: "llama3.1:8b",
    messages: question,
    schema: Answer,
    priority: "background",
  });
  await eventually(() => fake.chatRequests().length === 1, { what: "the job's call" });
  return { fake, llm, job, open: jsonGate.open };
}

eachProvider.test("an embedding waits for a running background call's slot instead of cutting it", async (p) => {
  const { fake, llm, job, open } = await heldJob(p);
  try {
    // What MemoryEmbedder passes: no priority, no mark of a person's chat.
    const embedding = llm.embed("llama3.1:8b", ["a memory to store"]);
    await eventually(() => llm.load().waiting === 1, { what: "the embedding to wait" });
    open();
    assert.deepEqual((await job).value, { ok: true }, "the job's call ran to its end");
    assert.equal((await embedding).length, 1);
  } finally {
    open();
    await fake.stop();
  }
});

eachProvider.test("a person's chat takes a running background call's slot", async (p) => {
  const { fake, llm, job, open } = await heldJob(p);
  try {
    const chat = llm.chat({
      model: "llama3.1:8b",
      messages: [{ role: "user", content: "hello" }],
      cutsBackground: true,
    });
    assert.equal(yieldedToChat(await failure(job)), true, "the job's call gave way");
    assert.equal((await chat).text, `{"ok":true}`);
  } finally {
    open();
    await fake.stop();
  }
});
