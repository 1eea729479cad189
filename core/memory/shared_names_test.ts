import assert from "node:assert/strict";
import { nameWords, sharesName } from "./shared_names.ts";
import { NEWER_SHARE_NAMED } from "./update_bounds.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

Deno.test("two memories share a name when a word is capitalised in both, inside a sentence in one", () => {
  const older = "I commute in a silver Toyota Corolla.";
  assert.ok(sharesName(older, "I sold the Corolla and bought a Tesla."));
  assert.ok(sharesName("My manager is a strict woman called Petra.", "Petra retired last year."));
  assert.ok(
    sharesName("My phone is an iPhone 11.", "I switched after the iPhone stopped charging."),
  );
  // A word only ever opening a sentence is no name; nor "I", nor a word in capitals.
  assert.ok(!sharesName("After lunch I walk.", "After the move I cycle."));
  assert.ok(!sharesName("I live in Ghent.", "I moved to Antwerp."));
  assert.ok(!sharesName("I read the BBC news.", "I stopped reading the BBC."));
  assert.ok(!sharesName("I drive a Toyota.", "I sold the toyota."), "lower case in one");
  assert.ok(sharesName("Bring the bikes.\nToyota called.", "Call Toyota back."));
});

Deno.test("a line opens as a sentence does: a kept exchange's speakers are no names it shares", () => {
  // The shape `exchangeInput` stores after a chat turn: each speaker opens a line.
  const desk = "Theo said: I mix the shows on a DiGiCo SD12\nJuno replied: Ha, a desk as a baby";
  const plugs =
    "Theo said: I've switched to the 25dB filters\nJuno replied: Good call, the mix matters";
  assert.ok(!sharesName(desk, plugs), "speakers opening lines");
  assert.equal(nameWords(plugs).get("juno"), false, "a line's first word is not inside");
  for (const breaking of ["\r\n", "\r", "\u2028", "\u2029"]) {
    assert.ok(!sharesName(desk, plugs.replace("\n", breaking)), JSON.stringify(breaking));
  }
  // Inside a line a speaker named again is a name: "Juno" mid-sentence shares with a line's.
  assert.ok(sharesName(desk, "Theo said: thanks Juno\nJuno replied: any time"));
  // A line break ends a run of capitalised words, as a mark does.
  const runs = nameWords("I sing in Charnwood Choir\nDental Care rang").phrases;
  assert.deepEqual(runs.map((run) => run.map(({ word }) => word)), [
    ["charnwood", "choir"],
    ["dental", "care"],
  ]);
});

Deno.test("search: an unlinked update that names what the older fact named comes first though it shares little else (real SQLite)", async () => {
  assert.equal(NEWER_SHARE_NAMED, 0.25);
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "My sister drives a red Toyota that she has had since university.",
        "Traffic on the ring road was terrible this morning.",
        "The Tesla charging station at the supermarket is always busy.",
        "It rained all weekend at the campsite.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    const older = await fixture.memory.store(
      fixture.aria,
      input({ content: "I commute in a silver Toyota Corolla." }),
    );
    fixture.clock.advance(60_000);
    const newer = await fixture.memory.store(
      fixture.aria,
      input({ content: "I sold the Corolla and bought a second-hand Tesla Model 3." }),
    );
    const ranked = async (query: string) =>
      (await fixture.memory.search(fixture.aria, { query, n_results: 5, min_importance: 0 }))
        .map((hit) => hit.id);
    const hits = await ranked("Do I still own the Toyota?");
    assert.equal(hits[0], newer.id);
    assert.equal(hits[1], older.id, "the older one just below");
  } finally {
    await fixture.close();
  }
});

Deno.test("days, months, feasts, titles and lone letters are no names", () => {
  assert.ok(!sharesName("I have piano lessons every Monday evening.", "Since Monday I cook."));
  assert.ok(!sharesName("I love the markets at Christmas.", "I stopped going home at Christmas."));
  assert.ok(!sharesName("We met in March.", "I changed jobs in March."));
  assert.ok(!sharesName("My dentist is Dr. Weber.", "I saw Dr. Lopez instead."));
  assert.ok(!sharesName("My friend is J. Smith.", "I wrote to J. Brown."));
  assert.ok(sharesName("My dentist is Dr. Weber.", "I left Weber for another dentist."));
});

Deno.test("search across personas: another persona's newer memory never replaces one's own (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const kiras = await fixture.memory.store(
      fixture.kira,
      input({ content: "I commute in a silver Toyota Corolla.", visibility: "public" }),
    );
    fixture.clock.advance(60_000);
    const arias = await fixture.memory.store(
      fixture.aria,
      input({ content: "I sold the Corolla and bought a second-hand Tesla Model 3." }),
    );
    const hits = await fixture.memory.searchCrossPersona(fixture.aria, {
      query: "Does Kira still own the Toyota Corolla?",
      n_results: 5,
      min_importance: 0,
      include_shared: true,
      include_public: true,
    });
    const kira = hits.find((hit) => hit.id === kiras.id);
    const aria = hits.find((hit) => hit.id === arias.id);
    assert.ok(kira && aria, "both found");
    assert.ok(kira.score > aria.score, `Kira's own fact first (${kira.score} vs ${aria.score})`);
  } finally {
    await fixture.close();
  }
});

Deno.test("a name is its whole run of capitalised words: two runs that each hold a word the other lacks name two things", () => {
  const choir = "I sing with the Charnwood Community Choir on Tuesday nights.";
  assert.ok(!sharesName(choir, "We switched the dog to Charnwood Vets on Ashby Road."));
  assert.ok(
    !sharesName(
      "Dad retired from the hosiery factory on Hinckley Road.",
      "Dr Mehta retired, so we see Dr Lowe at Forest Road Dental now.",
    ),
  );
  // The same name told in full or short: one run holds all the other's words.
  assert.ok(sharesName("Dad's bungalow is on Forest Road.", "Sold it to Forest Road Dental."));
  assert.ok(sharesName("Aunt Reena lives in Belgrave.", "I rang Reena about her eyes."));
  // A mark or a word without a capital ends a run.
  assert.ok(sharesName("I work in Leeds, Bradford and York.", "The office on Bradford Road shut."));
  assert.ok(sharesName("I saw Kav and Steve.", "I met Steve Doyle there."));
  assert.ok(sharesName("That is Reena's GP.", "I rang Reena Patel today."));
  // A run's word opening a sentence may be any capitalised word: it tells no two names apart.
  assert.ok(sharesName("Yesterday Petra retired.", "My manager is Petra Novak."));
  assert.ok(!sharesName("Yesterday Petra Kral retired.", "My manager is Petra Novak."));
});

Deno.test("search: a newer memory sharing one word of another name is no unlinked update of the older (real SQLite)", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    // Eighty lines on other things: in a store of a few dozen the newer one is no contender.
    const others = [...Array(80)].map((_, i) => `Reminder ${i}: take the recycling out.`);
    for (
      const content of [
        "The choir's doing the Requiem for the spring concert.",
        "Choir subs are due next week.",
        ...others,
      ]
    ) {
      fixture.clock.advance(60_000);
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    fixture.clock.advance(60_000);
    const choir = await fixture.memory.store(
      fixture.aria,
      input({
        content:
          "I sing with the Charnwood Community Choir on Tuesday nights at the Methodist hall",
      }),
    );
    fixture.clock.advance(60_000);
    const vets = await fixture.memory.store(
      fixture.aria,
      input({ content: "switched Biscuit to Charnwood Vets on Ashby Road, Oakham got too dear" }),
    );
    const hits = (await fixture.memory.search(fixture.aria, {
      query: "Charnwood Community Choir",
      n_results: 5,
      min_importance: 0,
    })).map((hit) => hit.id);
    assert.equal(hits[0], choir.id, "the choir first, not the vets as its update");
    assert.ok(hits.indexOf(vets.id) === -1 || hits.indexOf(vets.id) > 1, "the vets not second");
  } finally {
    await fixture.close();
  }
});

Deno.test("every day, month, feast and title is no name, capitalised inside a sentence in both", () => {
  const days = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday";
  const months = "January February March April May June July August September October November " +
    "December";
  const feasts = "Christmas Easter Halloween Thanksgiving Ramadan Hanukkah Diwali Eid Passover";
  const titles = "Mr Mrs Ms Miss Dr Prof Sir Madam St Mt";
  for (const word of [days, months, feasts, titles].join(" ").split(" ")) {
    assert.ok(!sharesName(`We met on ${word} again.`, `I rang on ${word} too.`), word);
  }
  assert.ok(!sharesName("We met at New Year again.", "I rang at New Year too."), "New Year");
  // A word of the class in a run is passed over, not a run's end: "Charnwood Easter Fair" is
  // one name, not "Charnwood" and "Fair".
  assert.ok(!sharesName("We go to the Charnwood Easter Fair.", "I sing with the Charnwood Choir."));
  assert.ok(
    !sharesName("We see Dr Lowe at the Forest Dr Patel Clinic.", "I drive to Forest Park."),
  );
});

Deno.test("a word after each sentence mark opens a sentence: no name when it opens one in both", () => {
  for (const mark of [".", "!", "?", ":", ";", '"', "“", "‘", "«", "(", "[", "{"]) {
    assert.ok(
      !sharesName(`The note said ${mark}Later we met.`, `He wrote ${mark}Later we left.`),
      mark,
    );
  }
  // Inside a sentence in one of them it is a name.
  assert.ok(sharesName("The note said Later Ltd.", 'He wrote "Later we left.'));
});

Deno.test("a word capitalised inside a sentence once is inside, whatever its later uses", () => {
  // "Petra" inside a sentence first, then opening one: it stays a word inside a sentence.
  assert.ok(sharesName("I met Petra. Petra retired.", "Petra moved away."));
  assert.ok(sharesName("Petra retired. I met Petra.", "Petra moved away."));
});

Deno.test("two-letter names are names; two capitals, a lone capital and I are not", () => {
  assert.ok(sharesName("My brother is called Ed.", "I rang Ed today."));
  assert.ok(!sharesName("I moved to the UK in May.", "I left the UK for good."));
  // "I" ends a run: "Reena" is one name, not a run with the words after it.
  assert.ok(sharesName("The banner said Reena I Love You.", "I rang Reena Patel today."));
  // A lone capital letter stays within its run, as a title does: "Plan B Cafe" is one name.
  assert.ok(!sharesName("We met at the Plan B Cafe.", "I joined the Plan Gym."));
});
