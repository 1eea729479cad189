import assert from "node:assert/strict";
import {
  type NamedQuery,
  OTHER_THING,
  otherThingFactor,
  queryAskedOfNamed,
} from "./other_things.ts";
import { analysedTerms } from "./text.ts";

/** A query of `text` naming `names`, its expansion each term's `relatives` after the terms. */
function namedQuery(
  text: string,
  names: readonly string[],
  relatives: Readonly<Record<string, readonly string[]>> = {},
): NamedQuery {
  const terms = [...analysedTerms(text)];
  const expanded = { terms: [...terms], sources: terms.map((_, i) => i) };
  terms.forEach((term, i) => {
    for (const other of relatives[term] ?? []) {
      expanded.terms.push(other);
      expanded.sources.push(i);
    }
  });
  return {
    text,
    names: names.map((name) => analysedTerms(name)[0]!),
    terms,
    frames: new Set(),
    expanded,
  };
}

/**
 * What `query` asks of its names in a pool where a line holds what is asked: the question's own
 * words, as a line that restates them would.
 */
function askedInPool(query: NamedQuery) {
  return queryAskedOfNamed(query, { pool: [query.text], answers: undefined });
}

const JOB = namedQuery("what's Oskar's job", ["Oskar"], { job: ["work", "oskar"] });

Deno.test("OTHER_THING is 0.1, half of UNNAMED", () => {
  assert.equal(OTHER_THING, 0.1);
});

Deno.test("otherThingFactor lowers a line that holds the name and nothing else asked", () => {
  const asked = askedInPool(JOB);
  assert.equal(
    otherThingFactor(asked, "Oskar's been learning Italian", undefined),
    1 - OTHER_THING,
  );
});

Deno.test("otherThingFactor keeps a line holding the asked word or a relative of it", () => {
  const asked = askedInPool(JOB);
  assert.equal(otherThingFactor(asked, "Oskar's new job is at the bakery", undefined), 1);
  assert.equal(otherThingFactor(asked, "Oskar works nights at the bakery", undefined), 1);
});

Deno.test("otherThingFactor keeps a line naming an answer of the asked type", () => {
  const asked = askedInPool(JOB);
  const nurse = (content: string) => content.includes("nurse");
  assert.equal(otherThingFactor(asked, "Oskar is a nurse in Leeds", nurse), 1);
  assert.equal(otherThingFactor(asked, "Oskar is learning Italian", nurse), 1 - OTHER_THING);
});

Deno.test("otherThingFactor leaves a line without the name to the name rule", () => {
  assert.equal(otherThingFactor(askedInPool(JOB), "learning Italian is hard", undefined), 1);
});

Deno.test("a relative of the name itself does not count as what is asked", () => {
  // The expansion gave "job" the relative "oskar": it is still only the name.
  assert.equal(askedInPool(JOB)?.asked.has("oskar"), false);
});

Deno.test("queryAskedOfNamed reads no question without a name or with nothing else asked", () => {
  assert.equal(askedInPool(namedQuery("what's my job", [])), undefined);
  assert.equal(askedInPool(namedQuery("Oskar", ["Oskar"])), undefined);
});

Deno.test("queryAskedOfNamed reads a name of a day or a month as no one's", () => {
  assert.equal(askedInPool(namedQuery("what do I drink on Fridays", ["Fridays"])), undefined);
  assert.equal(askedInPool(namedQuery("what's happening in June", ["June"])), undefined);
  assert.equal(askedInPool(namedQuery("when is Christmas dinner", ["Christmas"])), undefined);
});

Deno.test("queryAskedOfNamed reads no question of several parts", () => {
  for (
    const text of [
      "Oskar's job and his Italian",
      "Oskar's hobbies: music, reading",
      "Oskar's job or his hobby",
      "Oskar's car + bike",
      "What does Oskar do for work as well as for fun?",
      "Oskar's job along with his hobbies",
    ]
  ) {
    assert.equal(askedInPool(namedQuery(text, ["Oskar"])), undefined, text);
  }
  // "as well" alone adds no part; "and" inside a word is no conjunction.
  assert.notEqual(askedInPool(namedQuery("does Oskar cook as well", ["Oskar"])), undefined);
  assert.notEqual(askedInPool(namedQuery("where is Oskar's band", ["Oskar"])), undefined);
});

Deno.test("queryAskedOfNamed leaves the question's frame terms out of what is asked", () => {
  const query = { ...namedQuery("how long is Oskar's commute", ["Oskar"]) };
  const long = analysedTerms("long")[0]!;
  const asked = askedInPool({ ...query, frames: new Set([long]) });
  assert.equal(asked?.asked.has(long), false);
  assert.equal(asked?.asked.has(analysedTerms("commute")[0]!), true);
});

/** The ambulance probe (review44c F4): the answer holds no word of "What does Kenzie do for work?". */
const KENZIE = {
  work: namedQuery("What does Kenzie do for work?", ["Kenzie"], { work: ["job"] }),
  answer: "Kenzie drives an ambulance for the NHS.",
  other: "Kenzie is learning Swedish.",
  commute: "Kenzie's commute to work takes an hour.",
};

Deno.test("queryAskedOfNamed reads nothing where no line holds what is asked", () => {
  const { work, answer, other, commute } = KENZIE;
  const read = (pool: string[]) => queryAskedOfNamed(work, { pool, answers: undefined });
  // Only the name matches any of Kenzie's lines: none is told apart, the answer is not lowered.
  assert.equal(read([answer, other]), undefined);
  assert.equal(otherThingFactor(read([answer, other]), answer, undefined), 1);
  // A line that holds "work" parts Kenzie's lines: the others lose OTHER_THING.
  const asked = read([answer, other, commute]);
  assert.equal(otherThingFactor(asked, commute, undefined), 1);
  assert.equal(otherThingFactor(asked, answer, undefined), 1 - OTHER_THING);
  // So does a relative of it ("job") in anyone's line: the store speaks of what is asked.
  assert.notEqual(read([answer, other, "My job is dull these days."]), undefined);
});

Deno.test("queryAskedOfNamed parts a pool where a line about the person names an answer", () => {
  const { work, answer, other } = KENZIE;
  const ambulance = (content: string) => content.includes("ambulance");
  const asked = queryAskedOfNamed(work, { pool: [other, answer], answers: ambulance });
  assert.equal(otherThingFactor(asked, answer, ambulance), 1);
  assert.equal(otherThingFactor(asked, other, ambulance), 1 - OTHER_THING);
});
