/**
 * attack35: the store vocabulary's lookups of two words, each with over 65,536 stored slips
 * (every two-letter substitution after the first letter), in one process against the BM25 index
 * of `tree`: each lookup of one word after the other's is a scan (the memo is emptied).
 *
 *   deno run -A .a35/slip_hub_heap.ts [tree] [rounds=4]
 */
const [treeArg, roundsArg = "4"] = Deno.args;
const tree = treeArg || new URL("..", import.meta.url).pathname;
const { LexicalIndex } = await import(`${tree}/core/memory/lexical_index.ts`);
const hubs = ["qwertyuiopasdfgh", "zxcvbnmlkjhgfdsa"];
const abc = "abcdefghijklmnopqrstuvwxyz";
const index = new LexicalIndex();
const fields = { importance: 0.5, type: "fact", visibility: 0 };
let memories = 0;
for (const word of hubs) {
  const found: string[] = [];
  for (let i = 1; i < word.length; i++) {
    for (let j = i + 1; j < word.length; j++) {
      for (const a of abc) {
        if (a === word[i]) continue;
        for (const b of abc) {
          if (b === word[j]) continue;
          found.push(word.slice(0, i) + a + word.slice(i + 1, j) + b + word.slice(j + 1));
        }
      }
    }
  }
  for (let at = 0; at < found.length; at += 580) {
    index.upsert(`m${memories++}`, found.slice(at, at + 580).join(" "), fields);
  }
}
const time = (words: string[]) => {
  const start = performance.now();
  const found = index.slips(words);
  return `${Math.round(performance.now() - start)} ms (${
    found.slips.map((s: unknown[]) => s.length).join(", ")
  } kept)`;
};
console.log(`${memories} memories; load ${Deno.loadavg()[0]!.toFixed(1)}`);
for (let round = 0; round < Number(roundsArg); round++) {
  console.log(
    `round ${round}: ${hubs[0]} ${time([hubs[0]!])}, again ${time([hubs[0]!])}, ${hubs[1]} ${
      time([hubs[1]!])
    }, both ${time(hubs)}`,
  );
}
