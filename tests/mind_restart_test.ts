/**
 * The job queue survives restarts: a server process with a queue of 100 fact-extraction jobs is
 * stopped (SIGTERM) and later killed (SIGKILL) while the jobs run; after each restart on the same
 * data the queue goes on, and in the end every job is done and every fact stored exactly once.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { RpcClient, type ServerProcess, spawnServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { eventually, MIND_ON, mindReply } from "./_mind.ts";

const JOBS = 100;

interface Counts {
  queued: number;
  running: number;
  done: number;
  failed: number;
  skipped: number;
}

async function counts(server: ServerProcess): Promise<Counts> {
  const response = await fetch(`${server.apiUrl}/jobs?kind=extract_facts&limit=1`);
  return (await response.json()).counts;
}

Deno.test("a restart in the middle of a queue of 100 jobs (stopped, then killed) finishes them all exactly once", async () => {
  const fake = FakeOllama.start({
    reply: mindReply({
      facts: (transcript) => {
        const n = /lantern number (\d+)/.exec(transcript)?.[1];
        return n ? [{ content: `Lantern ${n} hangs by the north gate.` }] : [];
      },
    }),
    // Each job's model call takes a while, so a good part of the queue is left at each stop.
    json: { firstTokenDelayMs: 40 },
  });
  const dataDir = tempDirSync("mind-restart-");
  const env = {
    OLLAMA_HOST: fake.url,
    DATA_DIR: dataDir,
    ...MIND_ON,
    MEMORY_REFLECTION: "false",
    MEMORY_SUPERSESSION: "false",
    MEMORY_BLOCK_UPDATES: "false",
    JOBS_LEASE_S: "1",
    LOG_LEVEL: "warn",
  };
  let server = await spawnServer(env);
  try {
    // Ten clients at once: chats go before background jobs in the model's queue, so the queue
    // of jobs is still long when the chats are done.
    await Promise.all(Array.from({ length: 10 }, async (_, c) => {
      const client = await RpcClient.connect(server.wsUrl);
      await client.call("persona.switch", { persona_id: "Aria" });
      for (let n = c * 10 + 1; n <= c * 10 + 10; n++) {
        await client.call("conversation.send_message", {
          content: `Remember lantern number ${n}, it hangs by the north gate.`,
          // A sender each: one sender's chats waiting for a worker gather into one job.
          sender: `Tam${n}`,
        });
      }
      await client.close();
    }));
    const first = await counts(server);
    assert.equal(first.queued + first.running + first.done, JOBS, "one job per chat");
    await eventually(async () => (await counts(server)).done >= 10, { what: "10 jobs done" });
    await server.stop();

    server = await spawnServer(env);
    const middle = await counts(server);
    assert.ok(middle.done < JOBS, `jobs were left after the stop (${middle.done} done)`);
    await eventually(async () => (await counts(server)).done >= middle.done + 10, {
      what: "10 more jobs done",
    });
    await server.kill();

    server = await spawnServer(env);
    const late = await counts(server);
    assert.ok(late.done < JOBS, `jobs were left after the crash (${late.done} done)`);
    await eventually(async () => {
      const now = await counts(server);
      return now.queued === 0 && now.running === 0;
    }, { what: "the queue to drain", ms: 60_000 });
    const end = await counts(server);
    assert.deepEqual(end, { queued: 0, running: 0, done: JOBS, failed: 0, skipped: 0, dropped: 0 });
    const jobs: Array<{ attempts: number }> = (await (await fetch(
      `${server.apiUrl}/jobs?kind=extract_facts&limit=100`,
    )).json()).jobs;
    // The job cut short by SIGTERM went back as it was (one attempt); only the one the crash
    // left running counts a second attempt, once its lease passed.
    const retried = jobs.filter((job) => job.attempts > 1).length;
    assert.ok(retried <= 1, `${retried} jobs ran twice`);

    const list = await fetch(
      `${server.apiUrl}/personas/${await ariaId(server)}/memories?memory_type=fact&limit=100`,
    );
    const facts: Array<{ content: string; source_ids: string[] }> = (await list.json()).memories;
    assert.equal(facts.length, JOBS, "one fact per job");
    assert.equal(new Set(facts.map((fact) => fact.content)).size, JOBS, "none stored twice");
    assert.equal(new Set(facts.map((fact) => fact.source_ids[0])).size, JOBS);
  } finally {
    await server.stop();
    await fake.stop();
  }
});

async function ariaId(server: ServerProcess): Promise<string> {
  const { personas } = await (await fetch(`${server.apiUrl}/personas`)).json();
  return personas.find((persona: { name: string }) => persona.name === "Aria").id;
}
