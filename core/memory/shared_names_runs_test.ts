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
