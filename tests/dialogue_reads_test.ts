/**
 * What a dialogue turn reads: each participant's emotional state once before it speaks and once
 * (all together, in one query) in its commit, and each pair's relationship once for both the
 * continue score and the speaker's prompt.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../core/clock.ts";
import { PersonaCreate } from "../core/personas/mod.ts";
import { createServices } from "../core/services.ts";
import { ScriptedModel } from "../core/simulation/mod.ts";
import type { SqlValue } from "../core/storage/mod.ts";
import { testConfig, testLogger } from "./_helpers.ts";

Deno.test("a turn of three reads the states twice and each pair's relationship once before committing", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-dialogue-reads-" });
  const llm = new ScriptedModel({ seed: 5, roster: () => [] });
  const services = await createServices(testConfig({ DATA_DIR: dataDir, SEED_PERSONAS: "false" }), {
    log: testLogger(),
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    llm,
  });
  try {
    const people = [];
    for (const name of ["Aria", "Kira", "Milo"]) {
      people.push(await services.personas.create(PersonaCreate.parse({ name })));
    }
    const view = await services.dialogues.start({
      participantIds: people.map((p) => p.id),
      topic: "music",
    });
    const reads: string[] = [];
    const { db } = services;
    const [get, all] = [db.get.bind(db), db.all.bind(db)];
    const note = (sql: string) => {
      if (/FROM persona_states/.test(sql)) reads.push("states");
      if (/FROM relationships WHERE persona1_id = \? AND persona2_id = \?/.test(sql)) {
        reads.push("pair");
      }
    };
    db.get = <T>(sql: string, ...params: SqlValue[]) => (note(sql), get<T>(sql, ...params));
    db.all = <T>(sql: string, ...params: SqlValue[]) => (note(sql), all<T>(sql, ...params));
    for (let turn = 0; turn < 2; turn++) {
      reads.length = 0;
      await services.dialogues.turn(view.conversation_id);
      assert.deepEqual(reads, [
        // Before the model speaks: the states (one query), then the three pairs, for the
        // score and the speaker's prompt alike.
        "states",
        "pair",
        "pair",
        "pair",
        // The commit: everyone's state in one query, then the speaker's two pairs (read,
        // changed, written).
        "states",
        "pair",
        "pair",
      ]);
    }
  } finally {
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
