import assert from "node:assert/strict";
import { nameRunReads, type NameWords, nameWords, sharesName } from "./shared_names.ts";

const SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "va", "shu", "pel", "dri", "nox", "qua", "bel"];
/** `count` distinct capitalised words ("Kakaka", "Kakalo", ...). */
function names(count: number): string[] {
  const all: string[] = [];
  for (const a of SYLLABLES) {
    for (const b of SYLLABLES) {
      for (const c of SYLLABLES) all.push(a[0]!.toUpperCase() + a.slice(1) + b + c);
    }
  }
  return all.slice(0, count);
}

Deno.test("two long runs of capitalised words are read a bounded number of times (attack39 A2)", () => {
  // Two lines of 800 names inside a sentence, alike but for their last: each shared word's runs
  // were compared word against word, ~800³ steps (15 s at load 27).
  const run = names(800).join(" ");
  const a = nameWords(`We met ${run} Xaxa`);
  const b = nameWords(`We met ${run} Yaya`);
  const before = nameRunReads();
  assert.equal(sharesName(a, b), false, "each run holds a word inside a sentence the other lacks");
  const read = nameRunReads() - before;
  assert.ok(read <= 8 * 802, `${read} words read for two runs of 802`);
  assert.equal(sharesName(`We met ${run} Xaxa`, `Then ${run} Xaxa left`), true);
});

Deno.test("many runs sharing one word are read in steps linear in the runs (review39 F7)", () => {
  // ~900 runs each side, every one holding "Bob" and a word the other side lacks: every pair of
  // runs shares "Bob", ~900² pairs read word by word before (3.2 M reads, 642 ms).
  const line = (prefix: string) =>
    Array.from({ length: 900 }, (_, i) => `x Bob ${prefix}${i}`).join(" ");
  const a = nameWords(line("Qa"));
  const b = nameWords(line("Zb"));
  assert.ok(a.phrases.length > 800 && b.phrases.length > 800, `${a.phrases.length} runs`);
  let before = nameRunReads();
  assert.equal(sharesName(a, b), false);
  let read = nameRunReads() - before;
  assert.ok(read <= 8 * (a.phrases.length + b.phrases.length) * 2, `${read} words read`);
  // Runs alike in their inside words are asked once: 900 of "Bob Carl" against runs holding
  // one of the two each.
  const alike = nameWords("x Bob Carl ".repeat(900));
  const apart = nameWords("x Bob Dan x Carl Eve ".repeat(450));
  before = nameRunReads();
  assert.equal(sharesName(alike, apart), false);
  read = nameRunReads() - before;
  assert.ok(read <= 8 * (alike.phrases.length + apart.phrases.length), `${read} words read`);
  // Distinct pairs of words each common in the other text, no run of which holds both: each
  // run is looked up in the runs of its rarer word, a bound of runs × that word's runs.
  const common = names(45);
  const pairs: string[] = [];
  for (let i = 0; i < common.length; i++) {
    for (let j = i + 1; j < common.length; j++) pairs.push(`x ${common[i]} ${common[j]}`);
  }
  const singles = common.flatMap((name) => Array.from({ length: 22 }, () => `x ${name}`));
  const c = nameWords(pairs.join(" ").slice(0, 10_000));
  const d = nameWords(singles.join(" ").slice(0, 10_000));
  before = nameRunReads();
  assert.equal(sharesName(c, d), true, "a lone name of d is in c's runs");
  assert.equal(sharesName(d, c), true);
  const pairsOnly = nameWords(pairs.join(" ").slice(0, 10_000));
  const doubled = nameWords(
    common.flatMap((name, i) => Array.from({ length: 22 }, () => `x ${name} Qq${i}`)).join(" "),
  );
  before = nameRunReads();
  assert.equal(sharesName(pairsOnly, doubled), false);
  read = nameRunReads() - before;
  const runs = pairsOnly.phrases.length + doubled.phrases.length;
  assert.ok(read <= runs * Math.sqrt(runs), `${read} words read for ${runs} runs`);
  assert.equal(sharesNameBefore(pairsOnly, doubled), false);
});

/** The former reading of two texts' runs (word against word, for each shared word). */
function sharesNameBefore(ofA: NameWords, ofB: NameWords): boolean {
  if (ofA.size === 0 || ofB.size === 0) return false;
  for (const [word, inside] of ofA) {
    const other = ofB.get(word);
    if (other === undefined || !(inside || other)) continue;
    const holding = (runs: NameWords["phrases"]) =>
      runs.filter((run) => run.some((name) => name.word === word));
    const lacks = (run: NameWords["phrases"][number], them: NameWords["phrases"][number]) =>
      run.some((name) => name.inside && !them.some((other) => other.word === name.word));
    for (const runA of holding(ofA.phrases)) {
      for (const runB of holding(ofB.phrases)) {
        if (!lacks(runA, runB) || !lacks(runB, runA)) return true;
      }
    }
  }
  return false;
}

Deno.test("sharesName reads runs as the former word-against-word reading did", () => {
  let seed = 39;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pool = [...names(12), "Monday", "Dr", "I", "NASA", "the", "and", "of", "x", "O'Brien"];
  const marks = [" ", " ", " ", " ", ". ", ", ", "\n", "! ", " (", "'s "];
  const text = () => {
    let out = "";
    const length = 1 + Math.floor(random() * 14);
    for (let i = 0; i < length; i++) {
      out += pool[Math.floor(random() * pool.length)]! +
        marks[Math.floor(random() * marks.length)]!;
    }
    return out;
  };
  let shared = 0;
  for (let i = 0; i < 3_000; i++) {
    const a = nameWords(text());
    const b = nameWords(text());
    const expected = sharesNameBefore(a, b);
    if (expected) shared++;
    assert.equal(sharesName(a, b), expected, `case ${i}`);
  }
  assert.ok(shared > 300 && shared < 2_700, `${shared} of 3,000 share a name: both answers seen`);
});

Deno.test("sharesName answers as the former reading on texts of many runs from few names", () => {
  let seed = 146;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  // Runs of two or three names mostly: a lone name in both texts is rare.
  const pool = [...names(120), "x", "Dr", "I"];
  const marks = [" ", " ", " ", " ", ". ", ", ", "\n"];
  const text = (length: number) => {
    let out = "";
    for (let i = 0; i < length; i++) {
      out += pool[Math.floor(random() * pool.length)]! +
        marks[Math.floor(random() * marks.length)]!;
    }
    return out;
  };
  let shared = 0;
  for (let i = 0; i < 600; i++) {
    const a = nameWords(text(4 + Math.floor(random() * 30)));
    const b = nameWords(text(4 + Math.floor(random() * 30)));
    const expected = sharesNameBefore(a, b);
    if (expected) shared++;
    assert.equal(sharesName(a, b), expected, `case ${i}`);
  }
  assert.ok(shared > 60 && shared < 540, `${shared} of 600 share a name: both answers seen`);
});
