/**
 * `createServices` hands the mind's reaction to the quiet-work queue with the time of the store
 * it reacts to (`since`: `core/mind/mind.ts`), not the time it is queued: the queue's bounded
 * wait (`MAX_DELAY_MS`, `core/jobs/quiet_work.ts`) counts from the store.
 */
import assert from "node:assert/strict";
import { PersonaCreate } from "./personas/mod.ts";
import { closeServices } from "./server/server.ts";
import { createServices } from "./services.ts";
import { input } from "./memory/testing/contract_fixture.ts";
import { testConfig, testLogger } from "../tests/_helpers.ts";

Deno.test("the mind's reaction is queued as quiet work due from its store", async () => {
  const services = await createServices(
    testConfig({
      SEED_PERSONAS: "false",
      MEMORY_REFLECTION: "true",
      MEMORY_REFLECTION_THRESHOLD: "1000",
    }),
    { log: testLogger() },
  );
  try {
    const persona = await services.personas.create(PersonaCreate.parse({ name: "Aria" }));
    const { quiet } = services;
    const add = quiet.add.bind(quiet);
    const queued = Promise.withResolvers<{ label: string; since?: number; at: number }>();
    quiet.add = (label, run, since) => {
      queued.resolve({ label, since, at: performance.now() });
      return add(label, run, since);
    };
    const before = performance.now();
    await services.memory.store(persona, input({ content: "I work night shifts as a nurse" }));
    const piece = await queued.promise;
    assert.equal(piece.label, "the mind's reaction to stored memories");
    assert.equal(typeof piece.since, "number", "the store's time is passed on");
    assert.ok(before <= piece.since! && piece.since! <= piece.at, "since is the store's time");
    await quiet.drain();
  } finally {
    await closeServices(services);
  }
});
