/**
 * attack35 A3 in one process: a persona's BM25 index (lexical_index.ts of `tree`), one slip
 * lookup, then one memory updated back and forth between two texts of ~1,400 made-up words,
 * with no lookup between: the heap after every 2,000 updates, and the lookup that follows.
 *
 *   deno run -A --v8-flags=--expose-gc .a35/born_heap.ts [tree] [updates=10000]
 */
import { seeded } from "./wire.ts";

const [treeArg, updatesArg = "10000"] = Deno.args;
const tree = treeArg || new URL("..", import.meta.url).pathname;
const { LexicalIndex } = await import(`${tree}/core/memory/lexical_index.ts`);
const random = seeded(35);
const word = () => {
  let w = "";
  for (let i = 0; i < 6; i++) w += String.fromCharCode(97 + Math.floor(random() * 26));
  return w;
};
const text = () => Array.from({ length: 1_400 }, word).join(" ");
const texts = [text(), text()];
const fields = { importance: 0.5, type: "fact", visibility: 0 };
const index = new LexicalIndex();
index.upsert("m", texts[0], fields);
index.slips(["garden"]);
const gc = (globalThis as unknown as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return (Deno.memoryUsage().heapUsed / 2 ** 20).toFixed(1);
};
console.log(`start: heap ${heap()} MiB`);
for (let i = 1; i <= Number(updatesArg); i++) {
  index.upsert("m", texts[i % 2], fields);
  if (i % 2000 === 0) console.log(`${i} updates: heap ${heap()} MiB`);
}
const started = performance.now();
index.slips(["garden"]);
console.log(`lookup after: ${Math.round(performance.now() - started)} ms, heap ${heap()} MiB`);
