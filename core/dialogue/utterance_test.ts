import assert from "node:assert/strict";
import { namedRow, nameMentionedAt } from "../personas/mod.ts";
import { cleanUtterance, mentions, overlap } from "./utterance.ts";
import { watchRegexCalls } from "../testing/regex_calls.ts";

Deno.test("overlap is the Jaccard similarity of the words of 3+ letters, kept sets or not", () => {
  assert.equal(overlap("I love jazz and blues", "Jazz is not blues, is it?"), 2 / 5);
  assert.equal(overlap("a b c", "jazz"), 0, "no word of 3+ letters on one side");
  assert.equal(overlap("The same words", "the SAME words"), 1);
  // More texts than the memo keeps (it starts over): every answer stays the one computed fresh.
  const texts = Array.from({ length: 200 }, (_, i) => `word${i % 7} shared text${i} tail${i % 3}`);
  for (let round = 0; round < 2; round++) {
    for (const [i, text] of texts.entries()) {
      const other = texts[(i * 37) % texts.length]!;
      const a = new Set(text.toLowerCase().match(/[a-z']+/g)!.filter((w) => w.length >= 3));
      const b = new Set(other.toLowerCase().match(/[a-z']+/g)!.filter((w) => w.length >= 3));
      const shared = [...a].filter((word) => b.has(word)).length;
      assert.equal(overlap(text, other), shared / (a.size + b.size - shared));
    }
  }
});

Deno.test("mentions finds whole names in any case, in order, with patterns reused", () => {
  const names = ["Kira", "Aria", "Bo.b"];
  for (let round = 0; round < 3; round++) {
    assert.deepEqual(mentions("What do you think, aria? And KIRA?", names), ["Aria", "Kira"]);
    assert.deepEqual(mentions("Kiran and Arial and Bob", names), [], "whole words only, escaped");
    assert.deepEqual(mentions("Ask Bo.b, then Kira", names), ["Bo.b", "Kira"]);
  }
});

/**
 * What `run` hands to regular expressions: `whole`, the characters given to those that are not
 * scanners (no `g` or `y` flag; one with a `\s*` after each line start, such as
 * `(^|\n)\s*Name:`, reads a run of n line breaks n times over inside that single call), and
 * `stepped`, how far the sticky ones moved (each call reads on from where the last one stopped).
 */
function regexWork(run: () => void): { whole: number; stepped: number } {
  const work = { whole: 0, stepped: 0 };
  watchRegexCalls(run, ({ regex, input, from, found }) => {
    if (regex.sticky) work.stepped += found ? regex.lastIndex - from : 1;
    else if (!regex.global) work.whole += input.length;
  });
  return work;
}

Deno.test("cleanUtterance reads long blank runs once and cuts where another speaker starts", () => {
  const others = ["Bob", "Cy", "*Dee*"];
  for (const blank of ["\n", " \n", "\r\n\t"]) {
    const text = "Hi there." + blank.repeat(30_000) + "\n **bob** : hello";
    const work = regexWork(() => assert.equal(cleanUtterance(text, "Ann", others), "Hi there."));
    // The anchored "Ann:" label reads the text once; the line-start search only steps over it.
    assert.ok(work.whole <= text.length + 64, `whole ${work.whole}`);
    assert.ok(work.stepped <= 2 * others.length * text.length, `stepped ${work.stepped}`);
    // No label after the blanks (the case that took 15 s for 100,000 line breaks): nothing cut.
    const open = "Hi there." + blank.repeat(30_000) + "x";
    const spent = regexWork(() => assert.equal(cleanUtterance(open, "Ann", others), open));
    assert.ok(spent.whole <= open.length + 64 && spent.stepped <= 2 * others.length * open.length);
  }
  assert.equal(cleanUtterance("Ann: Hi.\n\n  Cy:  no", "Ann", others), "Hi.");
  assert.equal(cleanUtterance("Ann: Hi.\nCyril: yes", "Ann", others), "Hi.\nCyril: yes");
  assert.equal(cleanUtterance("Bob: all of it", "Ann", others), "Bob: all of it", "not at 0");
  assert.equal(cleanUtterance("Hi.\n**Dee**: x", "Ann", others), "Hi.");
  assert.equal(cleanUtterance("Hi.\n  Bob: x", "Ann", [" Bob"]), "Hi.", "a name with blanks first");
});

Deno.test("a label at the text's very start is the utterance's own: a later one cuts nothing", () => {
  // The same outputs as the regex the line scan replaced (review17: its table of old outputs).
  assert.equal(cleanUtterance("Bob: a\nBob: b", "Ann", ["Bob"]), "Bob: a\nBob: b");
  assert.equal(cleanUtterance("Bob: a\nAnn: b", "Ann", ["Bob"]), "Bob: a\nAnn: b");
  assert.equal(cleanUtterance("x\nBob: a\nBob: b", "Ann", ["Bob"]), "x");
  assert.equal(cleanUtterance("Ann: hi\nBob: a", "Ann", ["Bob"]), "hi");
});

Deno.test("mentions finds a name's look-alikes, exactly those that are one name with it", () => {
  const names = ["Mila", "Aria"];
  assert.deepEqual(mentions("\uff2d\uff49\uff4c\uff41, what do you think?", names), ["Mila"]);
  assert.deepEqual(mentions("Ari\u0430 first, then M\u0456la", names), ["Aria", "Mila"]);
  assert.deepEqual(mentions("M\u0456la first, then Aria", names), ["Mila", "Aria"], "by place");
  // One name with Mila (creating it beside Mila is refused): full-width, Cyrillic і, Greek Α,
  // capitals, a soft hyphen, "1" for "l", "rn" for "m". Not: accents, other letters, Cyrillic и.
  const alike = ["\uff2d\uff49\uff4c\uff41", "M\u0456la", "MILA", "Mi\u00adla", "Mi1a", "rnila"];
  const apart = ["M\u00edla", "Milan", "Mil", "\u041c\u0438\u043b\u0430", "Mira", "M ila"];
  for (const spelling of [...alike, ...apart]) {
    const oneName = namedRow([{ name: "Mila" }], spelling) !== undefined;
    assert.equal(oneName, alike.includes(spelling), `the name rule on ${JSON.stringify(spelling)}`);
    for (const text of [spelling, `Well, ${spelling}?`, `${spelling}'s turn.`]) {
      assert.deepEqual(mentions(text, ["Mila"]), oneName ? ["Mila"] : [], JSON.stringify(text));
    }
    const label = `${spelling}: hi`;
    assert.equal(cleanUtterance(label, "Mila", []), oneName ? "hi" : label, label);
    assert.equal(
      cleanUtterance(`Yes.\n${label}`, "Aria", ["Mila"]),
      oneName ? "Yes." : `Yes.\n${label}`,
    );
  }
  // A look-alike inside a longer word is no mention; names with accents or Greek finals are.
  assert.deepEqual(mentions("M\u0456lan and \uff2d\uff49\uff4c\uff41s", names), []);
  assert.deepEqual(mentions("Zo\u00eb said hi", ["Zo\u00eb"]), ["Zo\u00eb"]);
  assert.deepEqual(mentions("\u0391\u03a1\u0397\u03a3!", ["\u0391\u03c1\u03b7\u03c2"]), [
    "\u0391\u03c1\u03b7\u03c2",
  ]);
});

Deno.test("a look-alike mention is placed alike in an ASCII text and in one with other letters", () => {
  // ASCII texts are keyed by whole-string replaces, others character by character.
  const text = 'Well  mm, Ernrna\tand "Al"? AI said: Kira 1s here, M1la | 0ne %.';
  for (const name of ["Emma", "Al", "Mila", "Kira", "Is", "One"]) {
    const at = nameMentionedAt(text, name);
    assert.ok(at > 0, name);
    assert.equal(nameMentionedAt(`${text} \u00e9`, name), at, name);
    assert.equal(nameMentionedAt(`\u00e9${text}`, name), at + 1, name);
  }
});

Deno.test("cleanUtterance reads labels by look-alikes of the participants' names too", () => {
  const others = ["Aria", "Bram"];
  assert.equal(cleanUtterance("\uff2b\uff49\uff52\uff41\uff1a hello", "Kira", others), "hello");
  assert.equal(cleanUtterance("**K\u0456ra** : hello", "Kira", others), "hello");
  assert.equal(cleanUtterance("Hi.\nAri\u0430: no\nmore", "Kira", others), "Hi.");
  assert.equal(cleanUtterance("Hi.\n\n  **\u0392RAM**: no", "Kira", others), "Hi.");
  // Merely similar names are no one's label.
  const kept = "Kiran: hello\nArian: yes\nBr\u00e1m: no";
  assert.equal(cleanUtterance(kept, "Kira", others), kept);
  // Each line start reads a bounded label: lines of colons or none cost one pass.
  for (const line of ["x: y\n", "no colon here at all\n", `${"*".repeat(300)}:\n`]) {
    const text = "Hi.\n" + line.repeat(20_000);
    const work = regexWork(() => assert.equal(cleanUtterance(text, "Kira", others), text.trim()));
    assert.ok(work.whole <= 2 * text.length, `whole ${work.whole}`);
  }
});
