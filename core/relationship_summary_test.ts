import assert from "node:assert/strict";
import { PersonaCreate } from "./personas/mod.ts";
import { relationshipSummary } from "./relationship_summary.ts";
import { createServices } from "./services.ts";
import { ScriptedModel } from "./simulation/mod.ts";
import { testConfig, testLogger } from "../tests/_helpers.ts";

Deno.test("relationshipSummary names each of a persona's relationships by the other persona", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-relationship-summary-" });
  const services = await createServices(testConfig({ DATA_DIR: dataDir, SEED_PERSONAS: "false" }), {
    log: testLogger(),
    llm: new ScriptedModel({ seed: 5, roster: () => [] }),
  });
  try {
    const { personas, relationships } = services;
    const aria = await personas.create(PersonaCreate.parse({ name: "Aria" }));
    const kira = await personas.create(PersonaCreate.parse({ name: "Kira" }));
    await personas.create(PersonaCreate.parse({ name: "Milo" }));
    const declared = await relationships.declare(aria.id, kira.id, {
      type: "friend",
      strength: 0.75,
    });
    const expected = [{
      name: "Kira",
      relationship_type: "friend",
      strength: declared.strength,
      trust: declared.trust,
      affinity: declared.affinity,
    }];
    assert.deepEqual(await relationshipSummary({ relationships, personas }, aria), expected);
    // Seen from either side: Kira's summary names Aria.
    const fromKira = await relationshipSummary({ relationships, personas }, kira);
    assert.deepEqual(fromKira.map((summary) => summary.name), ["Aria"]);
  } finally {
    await services.memory.close();
    await services.db.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});
