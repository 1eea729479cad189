/**
 * `bench:recall:query`'s recalls with two checkouts in ONE process, message by message (a
 * diagnostic for a loaded machine: load that comes and goes falls on both alike). Each tree
 * stores the first recall set in its own in-process memory service; then for each chat-like
 * message both recall it (the order alternating, ABBA), each timed in main-thread CPU. Prints
 * the summed CPU of each, their ratio, and the median of the per-message ratios. For an A/A
 * run pass a copy of one tree as both (the same path twice would share its modules' memos).
 *
 *   deno run -A tests/bench/_recall_paired.ts --base PATH [--tree PATH] [--passes 3]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { messages, threadClock } from "./recall_query.ts";

const args = Deno.args;
const base = stringFlag(args, "base");
if (!base) throw new Error("usage: _recall_paired.ts --base PATH [--tree PATH] [--passes N]");
const tree = stringFlag(args, "tree") ??
  new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const passes = numberFlag(args, "passes", 3);

type Ask = (text: string) => Promise<unknown>;

async function open(
  path: string,
): Promise<{ ask: Ask; close: () => Promise<void>; texts: string[] }> {
  const recall = `${path}/tests/bench/recall`;
  const { storeInProcess } = await import(`${recall}/_in_process.ts`);
  const { loadRecallSet } = await import(`${recall}/_set.ts`);
  const stored = loadRecallSet(new URL(`file://${recall}/`));
  const others = ["set2", "set3"].map((name) =>
    loadRecallSet(new URL(`file://${recall}/${name}/`))
  );
  const { fixture } = await storeInProcess(stored, { unlinked: false });
  const ask: Ask = (text) => fixture.memory.recall(fixture.aria, text, { limit: 8 });
  for (const query of stored.queries) await ask(query.text);
  return { ask, close: () => fixture.close(), texts: messages(others) };
}

const clock = threadClock();
const sides = [await open(tree), await open(base)];
let treeTotal = 0;
let baseTotal = 0;
const ratios: number[] = [];
for (let pass = 0; pass < passes; pass++) {
  // Each pass asks new texts (a suffix), as a chat's messages are new.
  const texts = sides[0]!.texts.map((text) => pass === 0 ? text : `${text} (${pass})`);
  for (const [i, text] of texts.entries()) {
    const order = (i + pass) % 2 === 0 ? [0, 1] : [1, 0];
    const spent = [0, 0];
    for (const side of order) {
      const start = clock();
      await sides[side]!.ask(text);
      spent[side] = clock() - start;
    }
    treeTotal += spent[0]!;
    baseTotal += spent[1]!;
    ratios.push(spent[0]! / spent[1]!);
  }
}
for (const side of sides) await side.close();
const load = Deno.loadavg().map((value) => value.toFixed(2)).join(" ");
console.log(
  `${ratios.length} recalls each, load ${load}: tree ${
    (treeTotal * 1000 / ratios.length).toFixed(0)
  } µs, ` +
    `base ${(baseTotal * 1000 / ratios.length).toFixed(0)} µs per recall; sum ratio ${
      (treeTotal / baseTotal).toFixed(3)
    }×, ` +
    `median per-message ratio ${percentile(ratios.sort((a, b) => a - b), 50).toFixed(3)}×`,
);
