import assert from "node:assert/strict";
import { type PairReading, replacingMeaning } from "./update_pairs.ts";
import { type Contender, updateContenders } from "./update_contenders.ts";
import { type Item, updateItem } from "./testing/update_items.ts";
import { NAMED_WORDS, NEWER_SHARE, SAME_SUBJECT, SAME_WORDS } from "./update_bounds.ts";
import type { SubjectOverlap } from "./meaning/subject_alignment.ts";

/** The two memories as contenders, oldest first, with a count of the overlaps read. */
function pairOf(
  older: { text: string; minute?: number; persona?: string },
  newer: { text: string; minute?: number; relevance?: number },
  overlap: SubjectOverlap,
): {
  older: Contender<Item>;
  newer: Contender<Item>;
  reading: PairReading<Item>;
  reads: () => number;
} {
  const first = updateItem("older", older.text, { relevance: 1, minute: older.minute ?? 1 });
  if (older.persona !== undefined) first.record = { ...first.record, persona_id: older.persona };
  const second = updateItem("newer", newer.text, {
    relevance: newer.relevance ?? 1,
    minute: newer.minute ?? 5,
  });
  const { contenders } = updateContenders([first, second], { compared: 10, linked: () => false });
  let reads = 0;
  return {
    older: contenders.find((contender) => contender.item === first)!,
    newer: contenders.find((contender) => contender.item === second)!,
    reading: {
      sameSubject: () => (reads++, overlap),
      found: new Set(),
      needed: NEWER_SHARE,
    },
    reads: () => reads,
  };
}

const GOATS = "We keep three goats in the meadow behind the barn.";
const SOLD = "We sold the goats in the spring, so there are no more animals in the meadow.";
const NURSE = "I work as a nurse at the city hospital.";
const TEACHER = "These days I work at a school as a teacher.";

Deno.test("replacingMeaning: a change about the same thing replaces the older fact, with their meaning", () => {
  const { older, newer, reading, reads } = pairOf({ text: NURSE }, { text: TEACHER }, {
    words: 0.4,
    meaning: 0.6,
  });
  assert.equal(replacingMeaning({ older, newer, olderVoiced: true }, reading), 0.6);
  assert.equal(reads(), 1);
  // About something else (too little in common, `aboutSameThing`): no replacement.
  const apart = pairOf({ text: NURSE }, { text: TEACHER }, { words: 0.05, meaning: 0.1 });
  const pair = { older: apart.older, newer: apart.newer, olderVoiced: true };
  assert.equal(replacingMeaning(pair, apart.reading), undefined);
  // The change's object is what the older fact named: the same thing whatever the overlap.
  const sold = pairOf({ text: GOATS }, { text: SOLD }, { words: 0.05, meaning: 0.1 });
  const goats = { older: sold.older, newer: sold.newer, olderVoiced: true };
  assert.equal(replacingMeaning(goats, sold.reading), 0.1);
});

Deno.test("replacingMeaning: no older newer one, no other persona's, and no overlap read for either", () => {
  const same = { words: 0.4, meaning: 0.6 };
  const earlier = pairOf({ text: GOATS, minute: 5 }, { text: SOLD, minute: 5 }, same);
  const pair = { older: earlier.older, newer: earlier.newer, olderVoiced: true };
  assert.equal(replacingMeaning(pair, earlier.reading), undefined);
  const another = pairOf({ text: GOATS, persona: "q" }, { text: SOLD }, same);
  const theirs = { older: another.older, newer: another.newer, olderVoiced: true };
  assert.equal(replacingMeaning(theirs, another.reading), undefined);
  assert.equal(earlier.reads() + another.reads(), 0);
});

Deno.test("replacingMeaning: an altered thing is the same thing without its overlap read (SAME_SUBJECT)", () => {
  const { older, newer, reading, reads } = pairOf(
    { text: "I have long curly hair." },
    { text: "I cut my hair really short." },
    { words: 0, meaning: 0 },
  );
  assert.equal(replacingMeaning({ older, newer, olderVoiced: true }, reading), SAME_SUBJECT);
  assert.equal(reads(), 0);
});

const SURGERY = "we've switched GP practice to Oakwood Lane because I couldn't take the ringing";
const PARTY = "Ife's party is at the soft play in Oakwood instead";

Deno.test("replacingMeaning: a shared name makes a pair only with NAMED_WORDS of their words shared", () => {
  // The newer one matches the query less than NEWER_SHARE as well as the older (0.3 to 1) and
  // shares little meaning with it (0.05): only the shared name "Oakwood" could make them a pair.
  const at = (words: number) => {
    const pair = pairOf({ text: SURGERY }, { text: PARTY, relevance: 0.3 }, {
      words,
      meaning: 0.05,
    });
    const meaning = replacingMeaning(
      { older: pair.older, newer: pair.newer, olderVoiced: true },
      pair.reading,
    );
    return { meaning, reads: pair.reads() };
  };
  // A name both mention in passing, too little of what they say: no update (session 37: the
  // party took the surgery's relevance for "who's my GP" and ranked above it).
  assert.deepEqual(at(NAMED_WORDS - 0.001), { meaning: undefined, reads: 1 });
  // At the bound the name makes them one thing, their overlap read once for both tests.
  assert.deepEqual(at(NAMED_WORDS), { meaning: 0.05, reads: 1 });
  assert.equal(NAMED_WORDS, SAME_WORDS);
  assert.equal(NAMED_WORDS, 0.1);
});

Deno.test("replacingMeaning: two notes labelled alike are compared though in no one's voice (kept_notes.ts)", () => {
  const same = { words: 0.4, meaning: 0.6 };
  const energy = pairOf(
    { text: "energy: British Gas dual fuel, DD £168/mo" },
    { text: "switched energy → Octopus, DD £142/mo from May" },
    same,
  );
  const notes = { older: energy.older, newer: energy.newer, olderVoiced: false };
  assert.equal(replacingMeaning(notes, energy.reading), 0.6);
  // Labels that share a name only: no update, however alike the two.
  const rafi = pairOf(
    { text: "Rafi — DOB 9/10/2019, yr 1 w/ Mr Dunne" },
    { text: "Rafi swimming moved → Sun 10:30, Easton leisure centre" },
    same,
  );
  const named = { older: rafi.older, newer: rafi.newer, olderVoiced: false };
  assert.equal(replacingMeaning(named, rafi.reading), undefined);
});
