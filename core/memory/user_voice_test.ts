import assert from "node:assert/strict";
import { opensWithUserRelative, speaksOfUser, userNamings } from "./user_voice.ts";
import { introducedNames, SPEAKER_NAME_ONLY, speakerVoice } from "./speaker_names.ts";
import { OTHER_THING } from "./other_things.ts";
import { KIN_WORDS, tellsOfRelative } from "./query_kin.ts";
import { voiceOf } from "./query.ts";
import { words } from "./text.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { comparedVoice } from "./update_voices.ts";
import { RELATIVE_SUBJECT, UNNAMED } from "./text_factor_shares.ts";
import { NO_REFERENT } from "./unnamed_referents.ts";

Deno.test("a memory layer's third-person user: 'User ...', 'the user', not the assistant's report", () => {
  assert.equal(speaksOfUser("User is allergic to penicillin."), true);
  assert.equal(speaksOfUser("The user's sister Anna moved to Graz."), true);
  assert.equal(speaksOfUser("Akinyi's sister is getting married; User is an usher."), true);
  assert.equal(speaksOfUser("The user asked me to recommend a book."), false, "the assistant's");
  assert.equal(speaksOfUser("I switched to Arch and I'm a happy Linux user."), false);
  assert.equal(speaksOfUser("Every user of the app gets a badge."), false);
  // The user's memories keep the voice words give them (`voiceOf` is not changed).
  assert.equal(voiceOf("User drives a Mazda."), "other");
});

Deno.test("'the user's <relative or companion>' opens a memory about that person", () => {
  const opens = (text: string) => opensWithUserRelative(words(text), KIN_WORDS);
  assert.equal(opens("The user's colleague Dennis works in the legal office."), true);
  assert.equal(opens("User's younger brother Kevin lives in Mombasa."), true);
  assert.equal(opens("The user's mother Rosemary lives in Kisumu."), true);
  assert.equal(opens("User's wife Akinyi and he met at university."), false, "the user takes part");
  assert.equal(opens("User's medical cover is through his employer."), false);
  assert.equal(opens("User works with a colleague in Westlands."), false);
  assert.equal(tellsOfRelative("The user's sister Achieng moved to Manchester."), true);
  assert.equal(tellsOfRelative("My sister moved to Manchester."), true, "first person as before");
});

Deno.test("the names a memory gives the user: any name, the user as subject", () => {
  assert.deepEqual(
    userNamings("User's name is Daniel Otieno Ouma, 38; friends and family call him Danny."),
    ["Daniel Otieno Ouma", "Danny"],
  );
  assert.deepEqual(userNamings("The user goes by Priya; her colleagues call her Pri."), [
    "Priya",
    "Pri",
  ]);
  assert.deepEqual(userNamings("Kofi prefers to be called KB; his name is Kofi Mensah."), []);
  assert.deepEqual(userNamings("The user said their teacher's name is Mr Lutta. I agreed."), []);
  assert.deepEqual(introducedNames("User's name is Daniel; friends call him Danny."), [
    "daniel",
    "danni",
  ]);
});

Deno.test("a query calling the user by name or 'the user' asks about the speaker", () => {
  assert.equal(speakerVoice("Where does Danny live?", "other", ["danni"]), "self");
  assert.equal(speakerVoice("Where does the user work?", "other", []), "self");
  assert.equal(speakerVoice("Where does Kofi work?", "other", []), "other");
  assert.equal(speakerVoice("Where does the user work?", undefined, []), undefined, "no voice");
});

Deno.test("the user called by name: the user's memories hold it, the naming fact answers nothing", async () => {
  for (
    const [naming, name] of [
      ["User's name is Daniel Otieno Ouma; friends and family call him Danny.", "Danny"],
      ["The user goes by Marisol, and her team calls her Sol.", "Sol"],
    ]
  ) {
    const [adjusted] = await adjustedAmong([
      naming!,
      "User plays chess at the club every week.",
      "Kofi plays chess online every week.",
    ], [`Does ${name} play chess at a club?`]);
    // Only the name matches: SPEAKER_NAME_ONLY, and since recall99 OTHER_THING too (a line that
    // holds nothing asked of the named person but the name: other_things.ts).
    assert.ok(
      Math.abs(adjusted![0]! - SPEAKER_NAME_ONLY * (1 - OTHER_THING)) < 1e-12,
      `${name}: only the name matches (${adjusted![0]})`,
    );
    assert.equal(adjusted![1], 1, `${name}: the user's own fact holds the name`);
    // Kofi, named first, is someone else: no word of it can stand for the user either.
    const kofis = (1 - UNNAMED) * (1 - NO_REFERENT);
    assert.ok(Math.abs(adjusted![2]! - kofis) < 1e-4, `${name}: someone else's`);
  }
});

Deno.test("'the user's colleague' is not the user: it loses RELATIVE_SUBJECT for a question about the user", async () => {
  const adjusted = await adjustedAmong([
    "The user's colleague Dennis works in the legal office.",
    "User works at the Kenya Urban Roads Authority as a senior engineer.",
  ], ["Where does the user work?", "Where does Danny work?"]);
  assert.equal(adjusted[0]![0], 1 - RELATIVE_SUBJECT);
  assert.equal(adjusted[0]![1], 1);
});

Deno.test("a user's third-person fact is compared for unlinked updates; a request or a later mention is not", () => {
  assert.equal(comparedVoice("other", "User drives a dark blue 2019 Mazda CX-5."), true);
  assert.equal(comparedVoice("other", "The user's rent is KSh 95,000 a month."), true);
  assert.equal(comparedVoice("other", "User asked how to change a car battery."), false);
  assert.equal(
    comparedVoice("other", "Mzee Obura died, so the user now learns from videos."),
    false,
  );
  assert.equal(comparedVoice("other", "The user asked me for a recipe."), false, "the assistant's");
});

Deno.test("search: the user's newer third-person fact comes before the one it replaces, unlinked", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const ids: string[] = [];
    for (
      const content of [
        "Kofi drives a white Subaru Forester to site every day.",
        "User asked how to change a car battery.",
        "The user's sister Achieng moved to Manchester in 2019.",
        "User pays 80,000 shillings a month in rent for the flat off Othaya Road.",
        "User's monthly rent is 95,000 shillings.",
      ]
    ) {
      // A minute apart: the last is the newest.
      fixture.clock.advance(60_000);
      ids.push((await fixture.memory.store(fixture.aria, input({ content }))).id);
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query: "How much rent does the user pay?",
      n_results: 5,
      min_importance: 0,
    });
    assert.deepEqual(hits.slice(0, 2).map((hit) => hit.id), [ids[4], ids[3]]);
  } finally {
    await fixture.close();
  }
});
