import assert from "node:assert/strict";
import {
  openingPronoun,
  personsNamed,
  REFERENT_MAX_CHARS,
  REFERENT_WINDOW_MS,
  referentOf,
  withReferent,
} from "./pronoun_referents.ts";

const T0 = Date.UTC(2026, 5, 1);
const at = (ms: number) => new Date(T0 + ms).toISOString();
/** The referent of `line` written a minute after `before` (with `referent`, if given). */
const after = (before: string, line: string, referent?: string, gap = 60_000) =>
  referentOf(
    { content: line, created_at: at(gap) },
    { content: before, created_at: at(0), ...(referent ? { referent } : {}) },
  );

Deno.test("REFERENT_WINDOW_MS is 15 minutes and REFERENT_MAX_CHARS 64", () => {
  assert.equal(REFERENT_WINDOW_MS, 900_000);
  assert.equal(REFERENT_MAX_CHARS, 64);
});

Deno.test("a line opening with he or she is about the person the line before names first", () => {
  const before = "Dad's hearing aids are the NHS ones from audiology at the Leicester Royal";
  assert.equal(after(before, "he takes bisoprolol 2.5mg for his heart"), "Dad");
  assert.equal(after(before, "His GP is Dr Ferris at Park View"), "Dad");
  assert.equal(after("Mo's got braces top and bottom", "he plays left back on Sundays"), "Mo");
  assert.equal(
    after("Aunt Reena is Dad's younger sister", "she lives in Belgrave"),
    "Aunt Reena",
  );
});

Deno.test("the memory before counts only up to REFERENT_WINDOW_MS before, and never after", () => {
  const before = "Dad can't have grapefruit because of the warfarin";
  const line = "he had a fall in the bathroom in October";
  assert.equal(after(before, line, undefined, REFERENT_WINDOW_MS), "Dad");
  assert.equal(after(before, line, undefined, REFERENT_WINDOW_MS + 1), undefined);
  assert.equal(after(before, line, undefined, 0), "Dad");
  assert.equal(after(before, line, undefined, -1), undefined);
  assert.equal(referentOf({ content: line, created_at: at(0) }, undefined), undefined);
});

Deno.test("nothing is resolved for a line that names its person first, or says they or I", () => {
  const before = "Dad's hearing aids are size 312";
  assert.equal(openingPronoun("Mo's coach says he is quick"), undefined);
  assert.equal(after(before, "Mo's coach says he is quick"), undefined);
  assert.equal(after(before, "they moved him to room 6"), undefined);
  assert.equal(after(before, "I rang him at 6"), undefined);
  assert.equal(openingPronoun("(she's 84"), "she");
  assert.equal(openingPronoun("Her GP doubled the dose"), "she");
  assert.equal(openingPronoun("hers is the red Mini"), "she");
  assert.equal(openingPronoun("help him with the forms"), undefined);
});

Deno.test("the pronoun's sex must agree: a later person is taken only when known to agree", () => {
  // "Dad" is a he: a "she" passes him by for a woman the line names by a title or family word.
  assert.equal(
    after("Dad's friend Mrs Khan visits on Thursdays", "she brings samosas"),
    "Mrs Khan",
  );
  assert.equal(
    after("Dad's friend Mr Chauhan visits on Thursdays", "she brings samosas"),
    undefined,
  );
  // A name of no known sex is taken as the line's first person only.
  assert.equal(after("Sam from work is on leave", "she's due in April"), "Sam");
  assert.equal(after("Dad's friend Sam visits on Thursdays", "she brings samosas"), undefined);
  // A name's sex from the pronoun its own line uses of it.
  const bernie = "Bernie Walsh next door has our spare key, she's 84";
  assert.equal(after(bernie, "she takes our bin out"), "Bernie Walsh");
  assert.equal(after(bernie, "he takes our bin out"), undefined);
});

Deno.test("places and things the line before names are no persons", () => {
  assert.deepEqual(personsNamed("we went to the Leicester Royal on Forest Road"), []);
  assert.equal(
    after("we went to the Leicester Royal on Forest Road", "he was seen at 3"),
    undefined,
  );
  assert.deepEqual(personsNamed("Dad's cardiologist is Dr Okonjo at Glenfield"), [
    { name: "Dad", sex: "he", at: 0 },
    { name: "Dr Okonjo", at: 22 },
  ]);
});

Deno.test("a line opening with the same pronoun passes its referent on, whoever else it names", () => {
  const before = "Her neighbour in Partick practises the bagpipes";
  assert.equal(after(before, "She bought orange running shoes", "Pri"), "Pri");
  // Another pronoun: the line's own persons are read ("Her neighbour" is no she's referent for a he).
  assert.equal(
    after("She says her friend Tom is a vet", "he works in Dundee", "Pri"),
    "friend Tom",
  );
  // A line naming no one and no referent of its own: nothing.
  assert.equal(after("she keeps it on the windowsill", "she waters it on Thursdays"), undefined);
});

Deno.test("a kept chat exchange before passes no referent on: its sender is not the one meant", () => {
  const exchange = "Theo said: my dad takes too many pills\nAria replied: Has he seen his GP?";
  assert.equal(after(exchange, "he takes bisoprolol 2.5mg"), undefined);
  assert.equal(after(exchange, "she takes statins", "Theo"), undefined);
  // A remark that merely reports what someone said (no reply line) is no exchange.
  assert.equal(after("Theo said: call me tomorrow", "he wants a call"), "Theo");
});

Deno.test("a referent longer than REFERENT_MAX_CHARS is not kept", () => {
  const name = (n: number) => `Dad ${"Abcdefghi ".repeat(n)}`.trim();
  const fits = name(6); // "Dad" + 6 × " Abcdefghi": 63 characters
  assert.equal(fits.length, 63);
  assert.equal(after(`${fits}'s car is red`, "he drives it"), fits);
  const long = `${fits}x`;
  assert.equal(long.length, 64);
  assert.equal(after(`${long}'s car is red`, "he drives it"), long);
  const longer = `${long}y`;
  assert.equal(after(`${longer}'s car is red`, "he drives it"), undefined);
});

Deno.test("withReferent reads a line with its opening pronoun replaced by its referent", () => {
  assert.equal(withReferent("he takes bisoprolol", "Dad"), "Dad takes bisoprolol");
  assert.equal(withReferent("His GP is Dr Ferris", "Dad"), "Dad's GP is Dr Ferris");
  assert.equal(withReferent("(she's 84", "Bernie"), "(Bernie's 84");
  assert.equal(withReferent("Mo's coach is Darren", "Dad"), "Mo's coach is Darren");
});

Deno.test("a sentence or clause mark after a person word ends the person: no name is joined over it", () => {
  assert.deepEqual(personsNamed("Dad. Reena rang"), [{ name: "Dad", sex: "he", at: 0 }]);
  assert.deepEqual(personsNamed("Dad, Reena and I went to the market"), [
    { name: "Dad", sex: "he", at: 0 },
  ]);
  assert.deepEqual(personsNamed("Mum; Reena drove"), [{ name: "Mum", sex: "she", at: 0 }]);
  assert.deepEqual(personsNamed("my cousin\nSam rang"), [{ name: "cousin", at: 3 }]);
  // Spaces alone still join a person word to its name.
  assert.deepEqual(personsNamed("Aunt  Reena rang"), [{ name: "Aunt  Reena", sex: "she", at: 0 }]);
  // So "he ..." after "Dad. Reena rang" is Dad's line, not "Dad. Reena"'s.
  assert.equal(after("Dad. Reena rang about the wedding", "he wants a suit"), "Dad");
  assert.equal(after("Mum, Reena and I went to the market", "she bought saag"), "Mum");
});
