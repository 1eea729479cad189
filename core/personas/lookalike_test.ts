/**
 * Names that look alike are one name (`name_key.ts`): refused beside each other on create and on
 * rename, found by each other on lookup; names a reader tells apart stay two; a name that reads
 * as an id is refused; a database holding look-alikes from before the rule opens as it was.
 * Both storage backends.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { type AppError, Conflict, InvalidInput } from "../errors.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { formOf, looksLikeUuid, nameKeys, skeleton } from "./name_key.ts";
import prototypes from "unhomoglyph/data.json" with { type: "json" };
import { nameProblem } from "./name_rules.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate, PersonaPatch } from "./schema.ts";
import { PersonaService } from "./service.ts";

/** Aria's look-alikes: full-width, Cyrillic а, Greek Α, Cyrillic capitals, soft hyphen. */
const ARIA_ALIKES = [
  "ARIA",
  "\uff21\uff52\uff49\uff41",
  "Ari\u0430",
  "\u0391ria",
  "\u0410RI\u0410",
  "Ar\u00adia",
];

function fieldsOf(error: AppError): { field: string; message: string }[] {
  return (error.data as { fields: { field: string; message: string }[] }).fields;
}

async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const clock = new ManualClock();
  const service = new PersonaService(new PersonaRepository(db), clock);
  const create = (name: string) => {
    clock.advance(1000);
    return service.create(PersonaCreate.parse({ name }));
  };
  return { clock, service, create };
}

eachDatabase("a look-alike of a persona's name is refused on create, and finds it", async (db) => {
  const { service, create } = await setup(db);
  const aria = await create("Aria");
  const helen = await create("Helen");
  for (const name of ARIA_ALIKES) {
    await assert.rejects(create(name), (error: Conflict) => {
      assert.ok(error instanceof Conflict, `${JSON.stringify(name)}: ${error}`);
      const [issue] = fieldsOf(error);
      assert.equal(issue?.field, "name");
      assert.match(issue?.message ?? "", /persona "Aria"/);
      return true;
    });
    assert.equal((await service.resolve(name)).id, aria.id, JSON.stringify(name));
  }
  // Cyrillic Н looks like H in capitals: one name with "HELEN" in any case.
  for (const name of ["\u041delen", "h\u0415LEN", "\u041d\u0415L\u0415N"]) {
    await assert.rejects(create(name), Conflict, JSON.stringify(name));
    assert.equal((await service.resolve(name)).id, helen.id, JSON.stringify(name));
  }
  // "rn" reads as "m", capital I as small L.
  const emma = await create("Emma");
  await assert.rejects(create("Ernrna"), Conflict);
  assert.equal((await service.findByName("Ernrna"))?.id, emma.id);
  await create("AI");
  await assert.rejects(create("Al"), Conflict);
  assert.equal((await service.list()).length, 4, "nothing was created");
});

eachDatabase(
  "a rename to another persona's look-alike is refused; to its own, taken",
  async (db) => {
    const { service, create } = await setup(db);
    await create("Aria");
    const kira = await create("Kira");
    for (const name of ARIA_ALIKES) {
      await assert.rejects(service.update(kira.id, PersonaPatch.parse({ name })), Conflict);
    }
    assert.equal((await service.get(kira.id)).name, "Kira");
    for (const name of ["KIRA", "\u041aira", "\uff2bira"]) {
      assert.equal((await service.update(kira.id, PersonaPatch.parse({ name }))).name, name);
    }
  },
);

eachDatabase(
  "names a reader tells apart stay two: Мария and Maria, Кира and Kira, José and Jose",
  async (db) => {
    const { service, create } = await setup(db);
    const pairs = [["Maria", "\u041c\u0430\u0440\u0438\u044f"], [
      "Kira",
      "\u041a\u0438\u0440\u0430",
    ], [
      "Jose",
      "Jos\u00e9",
    ], ["Anna", "\u0410\u043d\u043d\u0430"]];
    for (const [latin, other] of pairs) {
      const a = await create(latin!);
      const b = await create(other!);
      assert.equal((await service.resolve(latin!)).id, a.id, latin);
      assert.equal((await service.resolve(other!)).id, b.id, other);
    }
    assert.equal(await service.findByName("Josè"), undefined, "another accent is another name");
  },
);

eachDatabase(
  "a rename on a clash skips look-alikes: the free name is one no persona looks like",
  async (db) => {
    const { service, create } = await setup(db);
    await create("Aria");
    await create("Aria (2)");
    const renamed = await service.create(PersonaCreate.parse({ name: "Ari\u0430" }), {
      rename: true,
    });
    assert.equal(renamed.name, "Ari\u0430 (3)");
  },
);

eachDatabase(
  "a name that reads as a UUID or is a persona's id is -32602 on create and rename",
  async (db) => {
    const { service, create } = await setup(db);
    const aria = await create("Aria");
    for (
      const name of [aria.id, aria.id.toUpperCase(), `{${aria.id}}`, aria.id.replace(/-/g, "")]
    ) {
      assert.equal(PersonaCreate.safeParse({ name }).success, false, name);
      await assert.rejects(
        service.update(aria.id, PersonaPatch.parse({ name })),
        (error: InvalidInput) =>
          error instanceof InvalidInput && fieldsOf(error)[0]?.field === "name",
      );
    }
    // An id of another form (stored by an older version) is refused as a name too.
    await db.run("UPDATE personas SET id = 'aria-1' WHERE id = ?", aria.id);
    // Opened as a new process does: rows written behind a repository are not in its cache.
    const reopened = new PersonaService(new PersonaRepository(db), new ManualClock());
    await assert.rejects(reopened.create(PersonaCreate.parse({ name: "Aria-1" })), InvalidInput);
  },
);

Deno.test("looksLikeUuid: any case, braces, no hyphens, full-width or look-alike digits", () => {
  const id = "4f985d3a-1b2c-4d5e-8f90-123456789abc";
  for (
    const name of [
      id,
      id.toUpperCase(),
      `{${id}}`,
      id.replace(/-/g, ""),
      "\uff14f985d3a-1b2c-4d5e-8f90-123456789abc",
      "4f985d3\u0430-lb2c-4d5e-8f9O-123456789abc",
    ]
  ) {
    assert.ok(looksLikeUuid(name), name);
    assert.match(nameProblem(name) ?? "", /persona id/, name);
  }
  for (const name of ["Aria", "deadbeef", `${id} fan`, "Agent 4f985d3a"]) {
    assert.equal(looksLikeUuid(name), false, name);
  }
});

eachDatabase(
  "a database with look-alike personas from before the rule opens and lists both",
  async (db) => {
    const { create, clock } = await setup(db);
    const aria = await create("Aria");
    const twins = [];
    for (const name of ["Ari\u0430", "\uff21\uff52\uff49\uff41"]) {
      // As a version before the look-alike rule stored them.
      const twin = await create(`placeholder ${twins.length}`);
      await db.run("UPDATE personas SET name = ? WHERE id = ?", name, twin.id);
      twins.push({ ...twin, name });
    }
    // Stored in NFD too: made NFC at the start, as any name, but not renamed for looking alike.
    const accented = await create("Ari\u00f3");
    const nfd = await create("placeholder nfd");
    await db.run("UPDATE personas SET name = ? WHERE id = ?", "\uff21rio\u0301", nfd.id);
    const reopened = new PersonaService(new PersonaRepository(db), clock);
    assert.deepEqual(await reopened.normalizeStoredNames(), [
      { id: nfd.id, from: "\uff21rio\u0301", to: "\uff21ri\u00f3" },
    ]);
    assert.deepEqual(
      (await reopened.list()).map((persona) => persona.name),
      ["Aria", "Ari\u0430", "\uff21\uff52\uff49\uff41", "Ari\u00f3", "\uff21ri\u00f3"],
    );
    assert.equal((await reopened.resolve("Ari\u00f3")).id, accented.id);
    assert.equal((await reopened.resolve("\uff21ri\u00f3")).id, nfd.id);
    // Each spelling finds its own persona; a look-alike of all three, the oldest.
    assert.equal((await reopened.resolve("Aria")).id, aria.id);
    for (const twin of twins) assert.equal((await reopened.resolve(twin.name)).id, twin.id);
    assert.equal((await reopened.resolve("\u0391ria")).id, aria.id);
    // Each can still be updated under its name; a fourth look-alike is refused.
    const patch = PersonaPatch.parse({ name: twins[0]!.name, description: "kept" });
    assert.equal((await reopened.update(twins[0]!.id, patch)).description, "kept");
    await assert.rejects(reopened.create(PersonaCreate.parse({ name: "\u0391ria" })), Conflict);
  },
);

Deno.test("an ASCII text's skeleton (the fast way) is the skeleton the general way gives", () => {
  const general = (text: string) => {
    let mapped = "";
    for (const char of text.normalize("NFD")) {
      const prototype = (prototypes as Record<string, string>)[char];
      mapped += prototype ?? char;
    }
    return mapped.normalize("NFD");
  };
  const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join("");
  for (const text of [ascii, "Persona 1001", "l0rd |ron", "Mr. O'Neil", "rn m", "W VV", ""]) {
    assert.equal(skeleton(text), general(text), JSON.stringify(text));
  }
});

Deno.test("a plain ASCII name's keys (the fast way) are the keys the general way gives", () => {
  const printable = Array.from({ length: 95 }, (_, code) => String.fromCharCode(code + 32));
  const names = ["Persona 1001", "Mr. O'Neil", "a b", "~x~", printable.join(""), " lead", "trail "];
  for (let i = 0; i < 2000; i++) {
    let name = "";
    for (let n = 1 + (i % 9); n > 0; n--) name += printable[(i * 7919 + n * 104729) % 95];
    names.push(name, `${name} ${name}`, `${name}  ${name}`, `\t${name}`);
  }
  for (const name of names) {
    const form = formOf(name);
    const keys = nameKeys(name);
    // A name of blanks alone keys as itself, never as empty (`name_key.ts`, attack25 F5).
    if (form === "") {
      assert.equal(keys.folded, `\u0000${name}`, JSON.stringify(name));
      continue;
    }
    assert.equal(keys.folded, form.toLowerCase(), JSON.stringify(name));
    assert.equal(keys.lower, skeleton(form.toLowerCase()), JSON.stringify(name));
    assert.equal(keys.upper, skeleton(form.toUpperCase()), JSON.stringify(name));
    assert.equal(keys.typed, skeleton(form), JSON.stringify(name));
  }
});
