import assert from "node:assert/strict";
import { altersAnyOf, altersOwn, ownershipReadCount } from "./altered_things.ts";
import { DEEDS_READ, ownDeeds } from "./own_deeds.ts";
import { ownChangeOfFact, singularReadCount } from "./own_changes.ts";
import { placeWordReadCount, restatesSlot } from "./restated_slots.ts";
import { ALIGNED_WORDS, sameSubject } from "./meaning/subject_alignment.ts";
import { namesSomeoneElse, personReadCount } from "./someone_else.ts";
import { WordVectors } from "./meaning/word_vectors.ts";

// The unlinked-update readers answer each compared pair from readings of each text made once
// (attack33 A1-A4, review46 R2): a long text read anew per deed, per change or per pair made
// every search quadratic in it. Counted, not timed.

/** `sentence` repeated to about `chars` characters, after `opening`. */
const long = (opening: string, sentence: string, chars = 10_000) =>
  opening + sentence.repeat(Math.ceil(chars / sentence.length));

Deno.test("a deed told again is read once, and at most DEEDS_READ different deeds of a text", () => {
  assert.equal(ownDeeds(long("", "I cut my hair. ")).length, 1);
  const letters = "bcdfghjklm";
  const many = Array.from(
    { length: 40 },
    (_, i) => `I sold my ${letters[i % 10]}ox${letters[Math.floor(i / 10)]}ar. `,
  );
  assert.equal(ownDeeds(many.join("")).length, DEEDS_READ);
  assert.equal(DEEDS_READ, 16);
  // The first ones are kept, in order.
  assert.deepEqual(
    ownDeeds("I sold my piano. I cut my hair. I sold my piano.").map((d) => d.head),
    [
      "piano",
      "hair",
    ],
  );
});

Deno.test("whose thing an older text tells is read once per text, not per deed of the newer", () => {
  const older = long("Note 1. Leah has hair. ", "my dog. ");
  const newer = Array.from({ length: 30 }, (_, i) => `I cut my hair${i % 2 ? "" : " short"}. `)
    .join("");
  const before = ownershipReadCount();
  assert.equal(altersOwn(older, newer), false);
  assert.equal(altersOwn(older, newer), false);
  assert.equal(altersAnyOf([newer], [older]), false);
  assert.ok(ownershipReadCount() - before <= 1, `${ownershipReadCount() - before}`);
  // Today's answers stay.
  assert.equal(altersOwn("I have long curly hair", "I cut my hair really short"), true);
  assert.equal(altersOwn("I have long curly hair", "My friend dyed her hair"), false);
  assert.equal(altersOwn("I think Leah's long curly hair is gorgeous", "I cut my hair"), false);
});

Deno.test("an own change's word is looked up in each text's words read once", () => {
  const older = long("I have biking gear. ", "I love biking gear. ");
  const newer = long("I ", "I sold my bike. ");
  const before = singularReadCount();
  assert.equal(ownChangeOfFact(older, newer), false);
  assert.equal(ownChangeOfFact(older, newer), false);
  assert.ok(singularReadCount() - before <= 2, `${singularReadCount() - before}`);
  assert.equal(ownChangeOfFact("I have a bike", "I sold my bike"), true);
});

Deno.test("a place inside a place reads each text's words once across pairs", () => {
  const places = {
    isNamedPlace: (word: string) => word === "london",
    isPlace: () => false,
    isPerson: () => false,
    related: () => undefined,
  };
  const texts = Array.from(
    { length: 6 },
    (_, i) => long(`I live in Town${"abcdef"[i]}. `, "ab cd ef gh ", 4_000),
  );
  const before = placeWordReadCount();
  for (const older of texts) {
    for (const newer of texts) if (older !== newer) restatesSlot(older, newer, places);
  }
  for (const older of texts) {
    for (const newer of texts) if (older !== newer) restatesSlot(older, newer, places);
  }
  assert.ok(placeWordReadCount() - before <= texts.length, `${placeWordReadCount() - before}`);
  assert.equal(restatesSlot("I live in London.", "I live in Hackney, London.", places), false);
  assert.equal(restatesSlot("I live in Leeds.", "I live in Bristol.", places), true);
});

Deno.test("two long texts align in meaning by their first ALIGNED_WORDS words only", async () => {
  const vectors = await WordVectors.shared();
  const weightOf = () => 1;
  assert.equal(ALIGNED_WORDS, 64);
  const nouns = ("harbour lantern violin garden kettle bridge pepper window candle mirror pencil " +
    "carpet blanket castle forest island river mountain valley meadow village market bakery " +
    "library museum theatre station airport hospital school office factory warehouse cottage " +
    "chimney ladder hammer bucket shovel basket bottle jacket helmet saddle anchor compass " +
    "lighthouse tunnel fountain statue temple palace harvest orchard vineyard stable barn " +
    "kitchen cellar attic balcony corridor staircase doorway hallway pantry garage workshop " +
    "studio gallery").split(" ");
  assert.ok(new Set(nouns).size > ALIGNED_WORDS + 4);
  const head = `I work at the ${nouns.join(" and the ")}.`;
  const other = `I switched jobs, I work at the ${
    nouns.slice(0, 30).reverse().join(" and the ")
  } now.`;
  const fruit = "apple banana cherry grape lemon melon peach plum mango orange ";
  const engines = "tractor engine wheel piston gearbox clutch exhaust brake diesel axle ";
  const one = sameSubject(`${head} ${fruit.repeat(20)}`, `${other} fruit`, { vectors, weightOf });
  const two = sameSubject(`${head} ${engines.repeat(20)}`, `${other} fruit`, {
    vectors,
    weightOf,
  });
  assert.equal(one.meaning, two.meaning);
  assert.ok(one.meaning > 0);
  // A short text still aligns every word.
  const short = sameSubject("I drink my coffee black", "I gave up coffee and drink green tea now", {
    vectors,
    weightOf,
  });
  assert.ok(short.meaning > 0.35, `${short.meaning}`);
});

Deno.test("whom a newer text names is read once per text, not per pair (attack33 A6)", () => {
  const newer = long("My brother switched jobs to Qa. ", "ab cd ef gh ", 4_000);
  const olders = Array.from({ length: 8 }, (_, i) => long(`I work at Q${i}. `, "ab cd ", 4_000));
  const before = personReadCount();
  for (let round = 0; round < 2; round++) {
    for (const older of olders) assert.equal(namesSomeoneElse(older, newer), true);
  }
  assert.ok(personReadCount() - before <= 1, `${personReadCount() - before}`);
  // Today's answers stay.
  assert.equal(namesSomeoneElse("I pay 900 a month rent", "Sam's rent went up to 1,200"), true);
  assert.equal(namesSomeoneElse("My wife earns 3,000", "My wife's salary rose to 3,500"), false);
  assert.equal(namesSomeoneElse("I earn 3,000", "My wife's salary rose to 3,500"), true);
});
