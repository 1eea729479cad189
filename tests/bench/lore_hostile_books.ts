/**
 * One lorebook activation over hostile books (attack18 F1): 24 books of 150 entries of 99,000
 * characters whose keys never match, their content dense with `{{char}}` (or `<b>`, or plain),
 * with the real macro function. Before, every entry's content went through the macro pass before
 * any key was looked for (about 3 s per activation, the time budget spent before the scan); now
 * only fired entries' content is. Runs the code of this tree and of each `--tree` given (e.g.
 * the session's base), in this process; prints the median of `--rounds` activations.
 *
 *   deno run --lock=tests/deno.lock -A tests/bench/lore_hostile_books.ts [--tree /tmp/base24] \
 *     [--books 24] [--rounds 3]
 *
 * @module
 */
import { numberFlag } from "./_load.ts";

const BOOKS = numberFlag(Deno.args, "books", 24);
const ROUNDS = numberFlag(Deno.args, "rounds", 3);
const here = new URL("../../", import.meta.url).pathname;
const trees = [here];
Deno.args.forEach((arg, i) => {
  if (arg === "--tree" && Deno.args[i + 1]) trees.push(Deno.args[i + 1]!.replace(/\/?$/, "/"));
});

const UNITS = [["{{char}}-dense", "{{char}} x "], ["<b>-dense", "<b> x "], [
  "plain",
  "plain words ",
]];

for (const tree of trees) {
  const lore = await import(`file://${tree}core/lore/mod.ts`);
  const { replaceMacros } = await import(`file://${tree}core/characters/macros.ts`);
  const substitute = (text: string) => replaceMacros(text, { char: "Heavy", user: "user" });
  for (const [label, unit] of UNITS) {
    const books = Array.from({ length: BOOKS }, (_, b) => ({
      id: `b${b}`,
      name: `b${b}`,
      book: lore.parseLorebook({
        name: `b${b}`,
        entries: Array.from({ length: 150 }, (_, i) => ({
          keys: [`never-said-${b}-${i}`],
          content: `${i} ${unit!.repeat(9_000)}`.slice(0, 99_000),
          enabled: true,
          insertion_order: i,
        })),
      }),
    }));
    const times: number[] = [];
    let cut = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      const activation = lore.activateLore({
        books,
        messages: [{ name: "u", text: "hello" }],
        defaults: lore.LORE_DEFAULTS,
        substitute,
        random: () => 0,
      });
      times.push(performance.now() - start);
      cut = activation.cut.filter((c: { reason: string }) => c.reason === "time").length;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!.toFixed(0);
    console.log(
      `${tree} ${label}: ${median} ms per activation (median of ${ROUNDS}); cut time ${cut}`,
    );
  }
}
