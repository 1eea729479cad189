/**
 * A scenario's persona names match as persona names do: an existing persona or a built-in one is
 * found by its same name or a look-alike ("Ｍｉｌａ", "Mіla" with a Cyrillic "і"), exactly the
 * names creating beside it would refuse; merely similar names stay strangers. Both backends.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import {
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { resolvePersonas } from "./room.ts";
import { ScenarioError } from "./scenario.ts";

const FULL_WIDTH_MILA = "\uff2d\uff49\uff4c\uff41";
const CYRILLIC_I_MILA = "M\u0456la";
const CYRILLIC_K_KIRA = "\u041aira";

eachDatabase(
  "a scenario finds a persona or a built-in one by a look-alike of its name",
  async (db) => {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const personas = new PersonaService(new PersonaRepository(db), new ManualClock());
    const mila = await personas.create(PersonaCreate.parse({ name: "Mila" }));
    const roster = await resolvePersonas(
      [
        FULL_WIDTH_MILA,
        CYRILLIC_K_KIRA,
        { ...PersonaCreate.parse({ name: CYRILLIC_I_MILA }), description: "not created" },
      ],
      personas,
    );
    assert.deepEqual(roster.map((p) => p.name), ["Mila", "Kira", "Mila"]);
    assert.equal(roster[0]!.id, mila.id);
    assert.equal(
      roster[2]!.id,
      mila.id,
      "a definition under a taken look-alike name is not created",
    );
    assert.deepEqual((await personas.list()).map((p) => p.name).sort(), ["Kira", "Mila"]);
    // Each look-alike is a name creating would refuse beside Mila or Kira.
    for (const name of [FULL_WIDTH_MILA, CYRILLIC_I_MILA, CYRILLIC_K_KIRA]) {
      await assert.rejects(personas.create(PersonaCreate.parse({ name })), JSON.stringify(name));
    }
  },
);

eachDatabase("a scenario tells merely similar names apart from a persona's", async (db) => {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const clock = new ManualClock();
  const personas = new PersonaService(new PersonaRepository(db), clock);
  await personas.create(PersonaCreate.parse({ name: "Mila" }));
  clock.advance(1000);
  // An accent, an extra letter, another script's own letters (к is no k): not Mila, not Kira.
  for (const name of ["M\u00edla", "Milan", "\u041a\u0438\u0440\u0430", "Kiran"]) {
    await assert.rejects(resolvePersonas([name], personas), ScenarioError, JSON.stringify(name));
  }
  const defined = await resolvePersonas([PersonaCreate.parse({ name: "M\u00edla" })], personas);
  assert.deepEqual((await personas.list()).map((p) => p.name).sort(), ["Mila", "M\u00edla"]);
  assert.equal(defined[0]!.name, "M\u00edla");
});
