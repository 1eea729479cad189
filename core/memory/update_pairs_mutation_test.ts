import assert from "node:assert/strict";
import { type PairReading, replacingMeaning } from "./update_pairs.ts";
import { updateContenders } from "./update_contenders.ts";
import { type Item, updateItem } from "./testing/update_items.ts";
import { NAMED_WORDS, NEWER_SHARE, NEWER_SHARE_NAMED } from "./update_bounds.ts";
import type { SubjectOverlap } from "./meaning/subject_alignment.ts";

/**
 * `replacingMeaning` of a newer memory (matching the query `share` as well as the older one) for
 * an older one, the newer one `found` by the older one's own words or not (`fact`: named as the
 * fact that found it), for a question asking a value or not (`typed`).
 */
function replacing(
  older: string,
  newer: string,
  options: {
    share?: number;
    found?: boolean;
    fact?: boolean;
    typed?: boolean;
    olderVoiced?: boolean;
    overlap?: SubjectOverlap;
    olderShare?: number;
    queryTerms?: string[];
    current?: boolean;
  },
): number | undefined {
  const first = updateItem("older", older, { relevance: options.olderShare ?? 1, minute: 1 });
  const second: Item = {
    ...updateItem("newer", newer, { relevance: options.share ?? 1, minute: 5 }),
    ...(options.fact ? { fact: "older" } : {}),
  };
  const { contenders } = updateContenders([first, second], { compared: 10, linked: () => false });
  const pair = {
    older: contenders.find((contender) => contender.item === first)!,
    newer: contenders.find((contender) => contender.item.record.id === "newer")!,
    olderVoiced: options.olderVoiced ?? true,
  };
  const reading: PairReading<Item> = {
    sameSubject: () => options.overlap ?? { words: 0, meaning: 0 },
    found: new Set(options.found ? [pair.newer.item] : []),
    needed: NEWER_SHARE,
    typed: options.typed,
    queryTerms: options.queryTerms,
    current: options.current,
  };
  return replacingMeaning(pair, reading);
}

const FLAT = "I share a flat with my cousin Dario.";
const OUT = "Dario moved out in May.";

Deno.test("replacingMeaning: a change found by the fact's own words replaces it for a question asking a value, only", () => {
  // Matching the query little (0.1 of the older one) and nothing in common: only the fact's own
  // words finding a change of what it told make it a replacement, for a typed question.
  // The shared name "Dario" is as much of their words as a name makes (`NAMED_WORDS`).
  const overlap = { words: NAMED_WORDS, meaning: 0 };
  for (const found of [false, true]) {
    const read = { share: 0.1, overlap, found };
    assert.equal(replacing(FLAT, OUT, { ...read, typed: true, fact: true }), 0);
    assert.equal(replacing(FLAT, OUT, { ...read, typed: false, fact: true }), undefined);
    assert.equal(replacing(FLAT, OUT, { ...read, typed: true, fact: false }), undefined);
    assert.equal(replacing(FLAT, OUT, { ...read, fact: false }), undefined);
  }
});

Deno.test("replacingMeaning: an ending or a move of the older fact's subject replaces it, in a compared voice only", () => {
  const cases = [
    ["We have an old beagle named Biscuit.", "Biscuit passed away in March."],
    ["My sister Ada lives in Leeds.", "Ada moved to Bristol last year."],
  ];
  for (const [older, newer] of cases) {
    for (const found of [false, true]) {
      assert.equal(replacing(older!, newer!, { share: 0.1, found }), 0, `${newer} ${found}`);
      assert.equal(replacing(older!, newer!, { share: 0.1, found, olderVoiced: false }), undefined);
    }
  }
});

Deno.test("replacingMeaning: a memory only the fact's own words found, telling no ending, replaces nothing", () => {
  const overlap = { words: 0.4, meaning: 0.6 };
  const NURSE = "I work as a nurse at the city hospital.";
  const TEACHER = "These days I work at a school as a teacher.";
  assert.equal(replacing(NURSE, TEACHER, { overlap }), 0.6);
  assert.equal(replacing(NURSE, TEACHER, { overlap, found: true }), undefined);
});

Deno.test("replacingMeaning: a change of what the query asks about needs NEWER_SHARE_NAMED of the older one's share, no less", () => {
  assert.equal(NEWER_SHARE_NAMED, 0.25);
  const GOATS = "We keep three goats in the meadow behind the barn.";
  const SOLD = "We sold the goats in the spring, so there are no more animals in the meadow.";
  const overlap = { words: 0.4, meaning: 0.6 };
  const queryTerms = ["goat"];
  assert.equal(replacing(GOATS, SOLD, { share: 0.25, queryTerms, overlap }), 0.6);
  assert.equal(replacing(GOATS, SOLD, { share: 0.24, queryTerms, overlap }), undefined);
  // A share of the older one's: a quarter of a half.
  assert.equal(replacing(GOATS, SOLD, { share: 0.125, olderShare: 0.5, queryTerms, overlap }), 0.6);
  assert.equal(
    replacing(GOATS, SOLD, { share: 0.12, olderShare: 0.5, queryTerms, overlap }),
    undefined,
  );
  // Not asked about: NEWER_SHARE.
  assert.equal(replacing(GOATS, SOLD, { share: 0.25, overlap }), undefined);
});

Deno.test("replacingMeaning: below NEWER_SHARE_NAMED of the older one's share, only a change acting on a thing it names replaces it", () => {
  const COROLLA = "I commute in a silver Toyota Corolla.";
  // The shared name is as much of their words as a name makes (`NAMED_WORDS`).
  const named = { share: 0.1, overlap: { words: NAMED_WORDS, meaning: 0 } };
  assert.equal(replacing(COROLLA, "I sold the Corolla and bought a Tesla.", named), 0);
  const GYM = "I have a membership at the FitZone gym downtown.";
  assert.equal(replacing(GYM, "I cancelled the FitZone membership.", named), 0);
  // A word of change and a name it shares, the change acting on something else: only above it.
  const VAN = "Tomás drives an old blue Citroën Berlingo van.";
  const QUIT = "Tomás quit smoking; the Berlingo still smells.";
  assert.equal(replacing(VAN, QUIT, { ...named, share: 0.1 }), undefined);
  assert.equal(replacing(VAN, QUIT, { ...named, share: 0.3 }), 0);
});

Deno.test("replacingMeaning: a slot or a value restated is a change of the same thing, whatever the overlap", () => {
  const TOYOTA = "User drives a silver Toyota.";
  assert.equal(replacing(TOYOTA, "User drives a dark blue Mazda.", {}), 0);
  assert.equal(replacing(TOYOTA, "User drives a silver Toyota to work.", {}), undefined);
  const CRUISE = "I booked a cruise to the norwegian fjords on 6 september";
  const LEAVES = "fjords cruise leaves 13 september";
  // For a query on its slot (it says what the value is of), not for another.
  assert.equal(replacing(CRUISE, LEAVES, { queryTerms: ["fjord"] }), 0);
  assert.equal(replacing(CRUISE, LEAVES, { queryTerms: ["boat"] }), undefined);
  assert.equal(
    replacing(CRUISE, "fjords cruise leaves 6 september", { queryTerms: ["fjord"] }),
    undefined,
  );
});

Deno.test("replacingMeaning: someone's change of a thing the older one named replaces it, the older one in no compared voice", () => {
  const overlap = { words: 0.1, meaning: 0.2 };
  const PROVIDER = "Marcus's internet provider is Fibrelink.";
  const MOVED = "Marcus moved his broadband from Fibrelink to Hyperoptic.";
  assert.equal(replacing(PROVIDER, MOVED, { olderVoiced: false, overlap }), 0.2);
  const SOFA = "Marcus moved his sofa to the attic.";
  assert.equal(replacing(PROVIDER, SOFA, { olderVoiced: false, overlap }), undefined);
});
