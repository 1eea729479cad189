/**
 * What finding participants' names in a turn costs (`mentions`, core/dialogue/utterance.ts: each
 * name spelt so, or its same name or look-alike by `nameMentionedAt`) against a baseline
 * checkout: a room's five names searched in turns of about `--chars` characters, every turn new
 * (`--turns`, keyed once each) and each searched again as the next speaker is chosen.
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/name_mentions.ts --tree PATH \
 *     [--turns 2000] [--chars 300] [--rounds 3]
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";

const baseline = stringFlag(Deno.args, "tree");
if (!baseline) {
  console.error("usage: name_mentions.ts --tree PATH [--turns 2000] [--chars 300] [--rounds 3]");
  Deno.exit(2);
}
const turns = numberFlag(Deno.args, "turns", 2000);
const chars = numberFlag(Deno.args, "chars", 300);
const rounds = numberFlag(Deno.args, "rounds", 3);
const here = new URL("../..", import.meta.url).pathname;
const NAMES = ["Aria", "Kira", "Bram", "Mila", "Theodora"];
const WORDS = "the old library map was hidden under a stone near the river and nobody knew why so"
  .split(" ");

/** Turn texts, a name in one of three. */
function texts(): string[] {
  return Array.from({ length: turns }, (_, i) => {
    const words: string[] = [`Turn ${i}:`];
    for (let n = 0; words.join(" ").length < chars; n++) {
      words.push(WORDS[(i * 7 + n) % WORDS.length]!);
    }
    if (i % 3 === 0) words.splice(words.length >> 1, 0, `${NAMES[i % NAMES.length]},`);
    return words.join(" ");
  });
}

/** Microseconds per turn for the code at `tree` (two searches of each turn). */
async function measure(tree: string): Promise<number> {
  const { mentions } = await import(`${tree}/core/dialogue/utterance.ts`);
  const all = texts();
  let found = 0;
  const start = performance.now();
  for (const text of all) {
    found += mentions(text, NAMES).length;
    found += mentions(text, NAMES).length;
  }
  const us = ((performance.now() - start) * 1000) / all.length;
  if (found === 0) throw new Error("no mention found");
  return us;
}

console.log(
  `loadavg ${Deno.loadavg().join(" ")}; ${turns} turns of ~${chars} chars, ${rounds} rounds`,
);
const results: Record<string, number[]> = { base: [], here: [] };
for (let round = 0; round < rounds; round++) {
  for (const [label, tree] of [["base", baseline], ["here", here]] as const) {
    results[label]!.push(await measure(tree));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(results.base!);
const mine = median(results.here!);
console.log(
  `per turn base ${base.toFixed(1)} µs  here ${mine.toFixed(1)} µs  ×${(mine / base).toFixed(2)}`,
);
console.log(`loadavg ${Deno.loadavg().join(" ")}`);
