/**
 * Names stored before the name rules (another Unicode form, refused characters), names cut for a
 * rename suffix, and names looked up as chat senders.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { Conflict, InvalidInput } from "../errors.ts";
import { type Database, storageMigrations } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { cutName, mendName, NAME_MAX, nameProblem } from "./name_rules.ts";
import { namedRow, nameKeys } from "./name_key.ts";
import { nameMentionedAt } from "./name_mention.ts";
import { personaMigrations, PersonaRepository } from "./repository.ts";
import { PersonaCreate, PersonaPatch } from "./schema.ts";
import { PersonaService } from "./service.ts";

const NFD = "A\u0301ria";
const NFC = "\u00c1ria";

async function setup(db: Database) {
  await db.migrate([...storageMigrations, ...personaMigrations]);
  const clock = new ManualClock();
  const service = new PersonaService(new PersonaRepository(db), clock);
  /** A persona as an older version stored it: `name` written as is, after `clock` moved on. */
  const stored = async (name: string) => {
    clock.advance(1000);
    const persona = await reopened().create(PersonaCreate.parse({ name: "placeholder" }));
    await db.run("UPDATE personas SET name = ? WHERE id = ?", name, persona.id);
    return persona.id;
  };
  /** The same database as a new process opens it: a fresh repository, no cache. */
  const reopened = () => new PersonaService(new PersonaRepository(db), clock);
  return { clock, service, stored, reopened };
}

eachDatabase(
  "a name stored in NFD is rewritten to NFC: either spelling finds it, its twin is refused",
  async (db) => {
    const { stored, reopened } = await setup(db);
    const id = await stored(NFD);
    const service = reopened();
    assert.deepEqual(await service.normalizeStoredNames(), [{ id, from: NFD, to: NFC }]);
    assert.equal((await service.findByName(NFD))?.id, id);
    assert.equal((await service.findByName(NFC))?.id, id);
    assert.equal((await service.resolve(NFC)).name, NFC);
    await assert.rejects(service.create(PersonaCreate.parse({ name: NFC })), Conflict);
    assert.deepEqual(await service.normalizeStoredNames(), [], "once done, nothing to do");
  },
);

eachDatabase(
  "on an NFC clash the older persona keeps the name, the newer takes a free suffix",
  async (db) => {
    const { stored, clock, reopened } = await setup(db);
    // The NFD persona is the older: the NFC twin created after it (allowed then) gives way.
    const olderNfd = await stored(NFD);
    const newerNfc = { id: await stored(NFC) };
    // Each step by a process of its own: rows written behind a repository are not in its cache.
    await reopened().create(PersonaCreate.parse({ name: `${NFC} (2)` }));
    // The NFC persona is the older: the NFD one created after it gives way.
    clock.advance(1000);
    const olderBob = await reopened().create(PersonaCreate.parse({ name: "Bj\u00f6rn" }));
    const newerBob = await stored("Bjo\u0308rn");
    const service = reopened();
    const renames = await service.normalizeStoredNames();
    assert.deepEqual(renames, [
      { id: newerNfc.id, from: NFC, to: `${NFC} (3)` },
      { id: olderNfd, from: NFD, to: NFC },
      { id: newerBob, from: "Bjo\u0308rn", to: "Bj\u00f6rn (2)" },
    ]);
    assert.equal((await service.findByName(NFD))?.id, olderNfd);
    assert.equal((await service.findByName("Bjo\u0308rn"))?.id, olderBob.id);
  },
);

eachDatabase(
  "an unchanged name that breaks the rules passes update; a new one is refused",
  async (db) => {
    const { service, stored } = await setup(db);
    const id = await stored("Bob\u200bx");
    const patch = PersonaPatch.parse({ name: "Bob\u200bx", description: "new" });
    assert.equal((await service.update(id, patch)).description, "new");
    await assert.rejects(
      service.update(id, PersonaPatch.parse({ name: "Bob\u200by" })),
      (error: InvalidInput) => {
        assert.ok(error instanceof InvalidInput);
        assert.match(error.message, /invisible/);
        return true;
      },
    );
    assert.equal((await service.get(id)).name, "Bob\u200bx");
  },
);

const LONG_NAMES = [
  "a".repeat(59) + "\u{1F600}" + "bbb",
  "x".repeat(57) + "\u{1F469}\u200d\u{1F4BB}" + "ab",
];

eachDatabase(
  "a rename on a clash cuts the name at a grapheme boundary: the result is a valid name",
  async (db) => {
    const { service } = await setup(db);
    const expected = ["a".repeat(59) + " (2)", "x".repeat(57) + " (2)"];
    for (const [i, name] of LONG_NAMES.entries()) {
      await service.create(PersonaCreate.parse({ name }));
      const renamed = await service.create(PersonaCreate.parse({ name }), { rename: true });
      assert.equal(renamed.name, expected[i]);
      assert.ok(renamed.name.isWellFormed());
      assert.equal(nameProblem(renamed.name), null);
      assert.equal((await service.get(renamed.id)).name, renamed.name, "stored as answered");
      // Sent back as is, it is the same name.
      await service.update(renamed.id, PersonaPatch.parse({ name: renamed.name }));
    }
  },
);

Deno.test("cutName keeps whole graphemes; mendName drops refused characters", () => {
  assert.equal(cutName("ab\u{1F600}", 3), "ab");
  assert.equal(cutName("ab\u{1F469}\u200d\u{1F4BB}c", 6), "ab");
  assert.equal(cutName("ab\u{1F469}\u200d\u{1F4BB}c", 7), "ab\u{1F469}\u200d\u{1F4BB}");
  assert.equal(cutName("abc", NAME_MAX), "abc");
  assert.equal(mendName("Bob\u200bx"), "Bobx");
  assert.equal(mendName(` ${NFD}\u202e `), NFC);
  assert.equal(mendName("Line\nbreak"), "Linebreak");
  assert.equal(mendName("\u{1F469}\u200d\u{1F4BB}"), "\u{1F469}\u200d\u{1F4BB}", "emoji ZWJ kept");
  assert.equal(mendName("a\u200db"), "ab");
  assert.equal(mendName("\u200b\u200e"), "");
  const long = mendName("\u200b" + "a".repeat(63) + "\u{1F600}");
  assert.equal(long, "a".repeat(63));
  for (const name of ["Bob\u200bx", "a\u200d\u200d\u{1F600}", "\u200c\u200dx"]) {
    assert.equal(nameProblem(mendName(name)), null, name);
  }
});

eachDatabase("a chat sender's name matches in any Unicode form", async (db) => {
  const { service } = await setup(db);
  const aria = await service.create(PersonaCreate.parse({ name: NFC }));
  const kira = await service.create(PersonaCreate.parse({ name: "Kira" }));
  assert.equal((await service.matchSender(NFD, kira.id))?.id, aria.id);
  assert.equal((await service.matchSender(` ${NFD} `, kira.id))?.id, aria.id);
});

Deno.test("a name must show a character: mendName leaves nothing of a blank one; no name keys as empty", () => {
  for (const blank of ["\u3164", "\u2800", "\u0301\u0301", "\ufe0f", "\u00ad", "\u115f\u1160"]) {
    assert.match(nameProblem(blank) ?? "", /visible character/, JSON.stringify(blank));
    assert.equal(mendName(blank), "", JSON.stringify(blank));
    const keys = nameKeys(blank);
    for (const key of [keys.folded, keys.lower, keys.upper, keys.typed]) {
      assert.notEqual(key, "", JSON.stringify(blank));
    }
  }
  // Each blank name is one name with itself alone, and with no visible name.
  assert.notEqual(nameKeys("\u3164").folded, nameKeys("\u00ad").folded);
  assert.equal(namedRow([{ name: "\u3164" }], "\u00ad"), undefined);
  assert.equal(namedRow([{ name: "\u3164" }], "\u3164")?.name, "\u3164");
  assert.equal(nameMentionedAt("\u3164 said hello", "\u3164"), -1);
  assert.equal(nameProblem("\u3164Ann"), null);
  assert.equal(mendName("\u2800Ann\u200b"), "\u2800Ann");
});
