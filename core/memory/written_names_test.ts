import assert from "node:assert/strict";
import { TITLE_RUN, writtenAsNames, writtenNameLookups, writtenNames } from "./written_names.ts";
import { adjustedAmong } from "./testing/adjusted_among.ts";
import { UNNAMED } from "./text_factor_shares.ts";

const noPlace = () => false;
const among = (...contents: string[]) => contents.map((content) => ({ record: { content } }));

Deno.test("a query's lower-case word the candidates write as a name is a name", () => {
  const candidates = among(
    "Jayden's birthday is the 3rd of July.",
    "My daughter Claire lives in Leeds with her lad Jayden.",
    "the library printers never work when you need them",
  );
  assert.deepEqual(writtenNames("where does jayden work", candidates, noPlace), ["jayden"]);
  assert.deepEqual(writtenNames("who is jayden's girlfriend", candidates, noPlace), ["jayden"]);
  assert.deepEqual(writtenNames("where does Jayden work", candidates, noPlace), [], "capitalised");
});

Deno.test("written names: not a word some cased text writes in lower case inside a sentence", () => {
  // "Mum" opens a note as a title, "my mum" writes it as a word: no name.
  const candidates = among("Mum sent a parcel from Leeds.", "I rang my mum on Sunday.");
  assert.deepEqual(writtenNames("what did mum send", candidates, noPlace), []);
  // "a burn scar" writes the stem of "Burns kibble" in lower case.
  const burns = among("Biscuit eats Burns kibble.", "Tomás has a burn scar on his arm.");
  assert.deepEqual(writtenNames("tomás's fryer burns", burns, noPlace), []);
});

Deno.test("written names: a sentence opened in lower case, or an all-lower text, says nothing", () => {
  const candidates = among(
    "jayden's moving into a flat in Headingley in September.",
    "im jayden, 19, second year comp sci",
  );
  assert.deepEqual(writtenNames("where does jayden live", candidates, noPlace), []);
  const named = among(...candidates.map((c) => c.record.content), "Our lad Jayden turned 19.");
  assert.deepEqual(writtenNames("where does jayden live", named, noPlace), ["jayden"]);
});

Deno.test("written names: places and frame words are left out", () => {
  const candidates = among("We moved to Leeds in May.", "I Remember the flood.");
  assert.deepEqual(writtenNames("do we live in leeds", candidates, (w) => w === "leeds"), []);
  assert.deepEqual(writtenNames("remember the flood", candidates, noPlace), []);
});

Deno.test("a lower-case name asks about its bearer; a remark without its 'I' is the speaker's", async () => {
  const [adjusted] = await adjustedAmong([
    "im jayden, 19, second year comp sci at uni",
    "My daughter's lad Jayden turned 19 in July.",
    "quit the cinema, working at the uni library help desk now",
    "the library printers never work when you need them",
  ], ["what hours does jayden work"]);
  assert.equal(adjusted![3], 1 - UNNAMED, "names no Jayden: about someone else");
  assert.equal(adjusted![2], 1, "told in the speaker's voice, its subject left out");
});

Deno.test("written names: a title's or a brand's capitalised words are no names (review39 R4)", () => {
  const titles = among(
    "I drive a red Mazda to work.",
    "I read a review of the new Car Wash film.",
    "We binged Game of Thrones over the holidays.",
  );
  assert.deepEqual(writtenNames("what car do i drive", titles, noPlace), []);
  assert.deepEqual(writtenNames("what game do i play", titles, noPlace), []);
  // A family title or honorific and one name is a name; so is a word written alone too.
  const named = among("Grandpa Karl lives near the lake.", "We watched Bake Off with Jayden.");
  assert.deepEqual(writtenNames("where does karl live", named, noPlace), ["karl"]);
  const alone = among("Our lad Jayden Smith turned 19.", "It's Jayden's birthday in July.");
  assert.deepEqual(writtenNames("where does jayden work", alone, noPlace), ["jayden"]);
});

Deno.test("a title run starts only at a word's start, so one pass reads each word once (review40 R1)", () => {
  // Where TITLE_RUN may start: its lookbehind and the capital it opens with.
  const opening = new RegExp(TITLE_RUN.source.slice(0, TITLE_RUN.source.indexOf("\\p{Ll}")), "gu");
  const wordEnd = /[^\p{L}\p{N}'’-]|$/u;
  for (const unit of ["Cat-", "Cat'", "Cat’", "cat-Cat ", "Cat Dog "]) {
    const text = `Mat ${unit.repeat(500)}`;
    // Each start eats the rest of its word and may back off through it: the work it can cost.
    let work = 0;
    for (const { index } of text.matchAll(opening)) work += text.slice(index).search(wordEnd);
    assert.ok(
      work <= text.length,
      `${JSON.stringify(unit)}: ${work} characters for ${text.length}`,
    );
  }
  // A run inside a hyphenated or apostrophed word is none ("ex-Car Wash" is one word, then one).
  for (const text of ["ex-Car Wash", "o'Car Wash", "o’Car Wash", "cat-Cat-Cat Dog"]) {
    assert.deepEqual([...text.matchAll(TITLE_RUN)].map((m) => m[0]), [], text);
  }
  assert.deepEqual([..."We saw Game of Thrones".matchAll(TITLE_RUN)].map((m) => m[0]), [
    "Game of Thrones",
  ]);
});

Deno.test("writtenAsNames walks the smaller of a text's lower-case words and the names (attack34 A4)", () => {
  // Made-up names the stemmer leaves alone ("qbcax"), 20,000 of them.
  const name = (i: number) => `q${i.toString(10).replace(/\d/g, (d) => "bcdfghjklm"[+d]!)}x`;
  // Forty memories, each naming 500 people of its own ("Leahs mum") and a few lower-case words.
  const names = Array.from(
    { length: 40 },
    (_, t) => Array.from({ length: 500 }, (_, i) => name(t * 500 + i)),
  );
  const content = (own: string[]) =>
    "I know " + own.map((each) => `${each[0]!.toUpperCase()}${each.slice(1)}s mum`).join(" and ") +
    ". my mum and my sister";
  const candidates = names.map((own) => ({ record: { content: content(own) } }));
  const asked = names.flat();
  const before = writtenNameLookups();
  const found = writtenAsNames(asked, candidates);
  const lookups = writtenNameLookups() - before;
  // Each text's few lower-case words looked up among the 20,000 names, not the names in each.
  assert.ok(lookups <= 40 * 20, `${lookups} lookups`);
  assert.equal(found.length, asked.length);
  // A name some text writes in lower case is no name; the answer is the same either way.
  const lower = [...candidates, { record: { content: `I met ${asked[3]} today. Then Bob came.` } }];
  assert.deepEqual(writtenAsNames(asked, lower), asked.filter((_, i) => i !== 3));
});
