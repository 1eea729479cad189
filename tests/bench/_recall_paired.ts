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
import { numberFlag, stringFlag } from "./_load.ts";
import { type Ask, type Paired, pairedAsks, pairedLine } from "./_paired.ts";
import { messages } from "./recall_query.ts";

const args = Deno.args;
const base = stringFlag(args, "base");
if (!base) throw new Error("usage: _recall_paired.ts --base PATH [--tree PATH] [--passes N]");
const tree = stringFlag(args, "tree") ??
  new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const passes = numberFlag(args, "passes", 3);

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

const sides = [await open(tree), await open(base)];
const total: Paired = { tree: 0, base: 0, ratios: [] };
for (let pass = 0; pass < passes; pass++) {
  // Each pass asks new texts (a suffix), as a chat's messages are new.
  const texts = sides[0]!.texts.map((text) => pass === 0 ? text : `${text} (${pass})`);
  const paired = await pairedAsks({ tree: sides[0]!.ask, base: sides[1]!.ask }, texts, pass);
  total.tree += paired.tree;
  total.base += paired.base;
  total.ratios.push(...paired.ratios);
}
for (const side of sides) await side.close();
console.log(pairedLine(total, ""));
