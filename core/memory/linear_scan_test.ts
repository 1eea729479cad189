import assert from "node:assert/strict";
import { capitalisedWords, queryNames } from "./query_names.ts";
import { nameWords } from "./shared_names.ts";
import { namesPerson } from "./query.ts";
import { CHANGE_WORDS_READ, changeStems, changeWordEnds } from "./change_words.ts";
import { changeClauseTerms } from "./change_clauses.ts";
import { terms } from "./text.ts";
import { introducedNames } from "./speaker_names.ts";
import { userNamings } from "./user_voice.ts";
import { actingEvents, SUBJECT_CHARS } from "./fact_events.ts";
import { watchRegexCalls, watchStringCopies } from "../testing/regex_calls.ts";

/**
 * The characters `run` hands to regular expressions that are not scanners (no `g` or `y` flag,
 * whose calls each read on from the last), and those of the strings it slices or trims: a regex
 * tested on a growing prefix before each word reads a quadratic count, one such as
 * `(?:^|\n)\s*…\s*$` on a run of line breaks cubic work, and so does a loop that slices (or
 * trims) the text before each word.
 */
function regexReads(run: () => void): number {
  let read = 0;
  watchStringCopies(() => {
    watchRegexCalls(run, ({ regex, input }) => {
      if (!regex.global && !regex.sticky) read += input.length;
    });
  }, (length) => read += length);
  return read;
}

Deno.test("the probe counts what a regex test reads", () => {
  assert.equal(regexReads(() => /x$/.test("abcd")), 4);
  assert.equal(regexReads(() => "abcd".slice(1).trim()), 6);
});

Deno.test("names and sentence starts are read in one pass over the text, whatever its white space", () => {
  const texts = [
    "Tom and Ann met Éva.\n- Where is Biscuit? 2. Then (Lee) said: “Hi” ".repeat(200),
    "a" + "\n".repeat(1950) + "y Toma Tomb Tomc Tomd",
    "a" + " \n".repeat(3000) + "y Toma Tomb",
  ];
  for (const text of texts) {
    const bound = 4 * text.length;
    assert.ok(regexReads(() => capitalisedWords(text)) <= bound, "capitalisedWords");
    assert.ok(regexReads(() => nameWords(text)) <= bound, "nameWords");
    // In lower case: a name inside a sentence ends namesPerson's reading early.
    const lower = text.toLowerCase();
    assert.ok(regexReads(() => namesPerson(lower, () => false)) <= bound, "namesPerson");
  }
  // Change words: "I" or "we" and the word before each are read from the last words only.
  const moves = "we moved to Leeds. i switched to tea ".repeat(200);
  assert.ok(regexReads(() => changeStems(moves)) <= 20 * moves.length, "changeStems");
  assert.equal(changeStems(moves).length, CHANGE_WORDS_READ, "of 400, the first CHANGE_WORDS_READ");
  // With no space between them (review17 M1): each change word reads an 80-character window
  // after it, so the count is checked to grow as the text does, no faster.
  const runs = [(n: number) => "moved,".repeat(n), (n: number) => "quit.".repeat(n)];
  for (const run of runs) {
    const once = regexReads(() => changeStems(run(1000)));
    const twice = regexReads(() => changeStems(run(2000)));
    assert.ok(twice <= 2.2 * once, `changeStems, no spaces: ${once} then ${twice}`);
  }
  assert.equal(changeStems("moved,".repeat(2000)).length, CHANGE_WORDS_READ);
  // A regex reading the word before a change word, tried from each start of a long word that a
  // comma ends, reads on to its end each time: no regex but the scanner is handed that word.
  let longest = 0;
  watchRegexCalls(() => changeStems("a".repeat(5000) + ", \u3000moved"), ({ regex, input }) => {
    if (!regex.global) longest = Math.max(longest, input.length);
  });
  assert.ok(longest < 100, `changeStems handed a regex ${longest} characters`);
  // The hostile text (attack6 F1) still reads the names of its last line as that line alone.
  const line = "y met Toma and Tomb";
  assert.deepEqual(queryNames("a" + "\n".repeat(1950) + line, () => false), ["toma", "tomb"]);
  assert.deepEqual(queryNames(line, () => false), ["toma", "tomb"]);
});

Deno.test("the subject of 'and has <change word>' is read back to its clause's start only (review34 F12)", () => {
  // Each change word after "and has" looked for its clause's start by splitting all the text
  // before it: quadratic in a long text of many such clauses.
  const run = (n: number) => "x. and has quit ".repeat(n);
  const once = regexReads(() => changeStems(run(500)));
  const twice = regexReads(() => changeStems(run(1000)));
  assert.ok(twice <= 2.2 * once, `changeStems after "and has": ${once} then ${twice}`);
  // The subject both verbs share is still the clause's first word.
  const [shared] = changeStems("Yes. Tomás pulled a hamstring and has dropped out");
  const [own] = changeStems("Yes. Tomás has dropped out");
  assert.ok(shared?.subject !== undefined && shared.named);
  assert.equal(shared.subject, own?.subject);
});

Deno.test("change words with no clause end between them are read in one walk (attack29 F1)", () => {
  // "and has <change word>" walked back to the clause's start, and each change word's clause
  // terms were read on to the clause's end: with no clause end, all the text each time.
  const texts = [
    (n: number) => "and has moved ".repeat(n),
    (n: number) => "moved ".repeat(n),
    (n: number) => "I moved to the harbour now ".repeat(n),
  ];
  for (const text of texts) {
    const once = regexReads(() => changeStems(text(300)));
    const twice = regexReads(() => changeStems(text(600)));
    assert.ok(twice <= 2.2 * once, `changeStems: ${once} then ${twice} (${text(1)})`);
    const clausesOnce = regexReads(() => changeClauseTerms(text(300)));
    const clausesTwice = regexReads(() => changeClauseTerms(text(600)));
    assert.ok(
      clausesTwice <= 2.2 * clausesOnce,
      `changeClauseTerms: ${clausesOnce} then ${clausesTwice} (${text(1)})`,
    );
  }
  // The same terms as reading on from every change word.
  const every = (text: string) => {
    const found = new Set<string>();
    for (const { end } of changeStems(text)) {
      const mark = text.slice(end).search(/[,.!?;:\n]/);
      for (const term of terms(text.slice(end, mark < 0 ? text.length : end + mark))) {
        found.add(term);
      }
    }
    return found;
  };
  for (
    const text of [
      "I moved to Leeds and now cycle to work, then quit the gym. Ana left the band and has moved on",
      "I sold the Volvo and now cycle no longer swimming instead hiking: Tomás has retired now",
      "moved harbour lantern now castle ".repeat(20),
    ]
  ) assert.deepEqual(changeClauseTerms(text), every(text), text);
  // Each "and has" of a clause reads its first word; the next clause its own.
  const own = changeStems("Tomás has dropped out")[0]?.subject;
  const subjects = changeStems(
    "Tomás pulled a hamstring and has dropped out and has moved. Ana sang and has quit",
  )
    .map((change) => change.subject);
  assert.deepEqual(subjects, [own, own, changeStems("Ana has quit")[0]?.subject]);
});

Deno.test("introductions are checked for quotes and reporting verbs in one walk (attack29 F3)", () => {
  // Each introduction split all the text before it on quotes and on sentence ends, then tested
  // the reporting-verb pattern (anchored at its end) on all its sentence.
  const texts = [
    (n: number) => `"I'm Al" `.repeat(n) + `z${n}`,
    (n: number) => "I'm Al and ".repeat(n) + `z${n}`,
  ];
  for (const text of texts) {
    const once = regexReads(() => introducedNames(text(300)));
    const twice = regexReads(() => introducedNames(text(600)));
    assert.ok(twice <= 2.2 * once, `introducedNames: ${once} then ${twice} (${text(1)})`);
  }
  assert.deepEqual(
    introducedNames(`"I'm Al" `.repeat(50) + "I'm Bo"),
    ["bo"],
    "quoted ones are not",
  );
  const reported =
    "Then we met and Marcus said : “ I'm Marcus” and I'm Bo and Kim told me, I'm Kim";
  assert.deepEqual(introducedNames("wow ".repeat(500) + reported), ["bo"]);
});

Deno.test("changeStems reads the first CHANGE_WORDS_READ change words of a text (attack29 F1)", () => {
  // Each change word reads a window after it and `changesFrom` compares every pair of two
  // texts' change words: a text of nothing else cost 10-20 ms per search, and more per pair.
  const text = "and has moved to Leeds ".repeat(2 * CHANGE_WORDS_READ);
  const read = changeStems(text);
  assert.equal(read.length, CHANGE_WORDS_READ);
  assert.equal(read.at(-1)?.end, changeWordEnds(text)[CHANGE_WORDS_READ - 1], "the first ones");
  assert.equal(changeWordEnds(text).length, 2 * CHANGE_WORDS_READ, "change_clauses.ts reads all");
});

Deno.test("the events of a text are read in one forward walk over its sentence starts (review39 R1)", () => {
  // Each verb in the past walked back to its sentence's start and read all that opening: with no
  // sentence end, the whole text before it.
  const texts = [
    (n: number) => "I walked ".repeat(n),
    (n: number) => "my dog and I walked ".repeat(n),
    (n: number) => "I walked to the park. ".repeat(n),
  ];
  for (const text of texts) {
    const once = regexReads(() => actingEvents(text(300)));
    const twice = regexReads(() => actingEvents(text(600)));
    assert.ok(twice <= 2.2 * once, `actingEvents: ${once} then ${twice} (${text(1)})`);
  }
  // Sentences still open their own subjects; an opening past SUBJECT_CHARS has none.
  const events = actingEvents("My dog and I walked. Hannah and I got married. My knee has healed");
  assert.deepEqual(events.map((event) => event.heads), [["dog"], ["hannah"], ["knee"]]);
  const short = "my dog and I walked";
  assert.deepEqual(actingEvents(short)[0]?.subject, ["dog"]);
  const long = "my dog and I ".repeat(Math.ceil(SUBJECT_CHARS / 13)) + "walked";
  assert.deepEqual(actingEvents(long)[0]?.subject, []);
});

Deno.test("userNamings reads the text once per naming it reads, not once per naming it holds (attack31 G1)", () => {
  // Each naming read all the text before it: hundreds of namings, hundreds of passes.
  const text = (n: number) => "User is here, " + "call him A ".repeat(n) + `z${n}`;
  const once = regexReads(() => userNamings(text(300)));
  const twice = regexReads(() => userNamings(text(600)));
  assert.ok(twice <= 2.2 * once, `userNamings: ${once} then ${twice}`);
});
