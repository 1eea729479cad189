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

const JOB = namedQuery("what's Oskar's job", ["Oskar"], { job: ["work", "oskar"] });

Deno.test("OTHER_THING is 0.1, half of UNNAMED", () => {
  assert.equal(OTHER_THING, 0.1);
});

Deno.test("otherThingFactor lowers a line that holds the name and nothing else asked", () => {
  const asked = queryAskedOfNamed(JOB);
  assert.equal(
    otherThingFactor(asked, "Oskar's been learning Italian", undefined),
    1 - OTHER_THING,
  );
});

Deno.test("otherThingFactor keeps a line holding the asked word or a relative of it", () => {
  const asked = queryAskedOfNamed(JOB);
  assert.equal(otherThingFactor(asked, "Oskar's new job is at the bakery", undefined), 1);
  assert.equal(otherThingFactor(asked, "Oskar works nights at the bakery", undefined), 1);
});

Deno.test("otherThingFactor keeps a line naming an answer of the asked type", () => {
  const asked = queryAskedOfNamed(JOB);
  const nurse = (content: string) => content.includes("nurse");
  assert.equal(otherThingFactor(asked, "Oskar is a nurse in Leeds", nurse), 1);
  assert.equal(otherThingFactor(asked, "Oskar is learning Italian", nurse), 1 - OTHER_THING);
});

Deno.test("otherThingFactor leaves a line without the name to the name rule", () => {
  assert.equal(otherThingFactor(queryAskedOfNamed(JOB), "learning Italian is hard", undefined), 1);
});

Deno.test("a relative of the name itself does not count as what is asked", () => {
  // The expansion gave "job" the relative "oskar": it is still only the name.
  assert.equal(queryAskedOfNamed(JOB)?.asked.has("oskar"), false);
});

Deno.test("queryAskedOfNamed reads no question without a name or with nothing else asked", () => {
  assert.equal(queryAskedOfNamed(namedQuery("what's my job", [])), undefined);
  assert.equal(queryAskedOfNamed(namedQuery("Oskar", ["Oskar"])), undefined);
});

Deno.test("queryAskedOfNamed reads a name of a day or a month as no one's", () => {
  assert.equal(queryAskedOfNamed(namedQuery("what do I drink on Fridays", ["Fridays"])), undefined);
  assert.equal(queryAskedOfNamed(namedQuery("what's happening in June", ["June"])), undefined);
  assert.equal(queryAskedOfNamed(namedQuery("when is Christmas dinner", ["Christmas"])), undefined);
});

Deno.test("queryAskedOfNamed reads no question of several parts", () => {
  for (
    const text of [
      "Oskar's job and his Italian",
      "Oskar's hobbies: music, reading",
      "Oskar's job or his hobby",
      "Oskar's car + bike",
    ]
  ) {
    assert.equal(queryAskedOfNamed(namedQuery(text, ["Oskar"])), undefined, text);
  }
  // "and" inside a word is no conjunction.
  assert.notEqual(queryAskedOfNamed(namedQuery("where is Oskar's band", ["Oskar"])), undefined);
});

Deno.test("queryAskedOfNamed leaves the question's frame terms out of what is asked", () => {
  const query = { ...namedQuery("how long is Oskar's commute", ["Oskar"]) };
  const long = analysedTerms("long")[0]!;
  const asked = queryAskedOfNamed({ ...query, frames: new Set([long]) });
  assert.equal(asked?.asked.has(long), false);
  assert.equal(asked?.asked.has(analysedTerms("commute")[0]!), true);
});
