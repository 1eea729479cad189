/**
 * Main-thread CPU of the JavaScript side of storing memories, without SQLite: the importance
 * score, the sentence vector (local embedder) and the BM25 terms of each new text, as
 * `memory.store` computes them. Two shapes: a chat's exchange memory (one text), and a dialogue
 * turn stored for three personas (the turn's text scored for each of them, then the speaker's
 * and two listeners' memories embedded and analysed). Thread CPU time
 * (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`), so a loaded machine moves it less than wall time;
 * `store_cost.ts` times the whole store, SQLite included.
 *
 *   deno run -A tests/bench/store_js.ts --base /tmp/base [--rounds 15] [--texts 3000]
 *
 * Each round runs `--texts` fresh texts on each checkout, alternately; medians of the rounds and
 * their ratio are printed.
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";
import { loadAverage } from "./_table.ts";
import { threadClock } from "./_thread_clock.ts";

const rounds = numberFlag(Deno.args, "rounds", 15);
const texts = numberFlag(Deno.args, "texts", 3000);
const base = stringFlag(Deno.args, "base");
const here = new URL("../..", import.meta.url).pathname;

const threadCpuMs = threadClock();

/** Main-thread CPU so far, in microseconds. */
function threadCpuMicros(): number {
  return threadCpuMs() * 1e3;
}

const sentences = Deno.readTextFileSync(new URL("./recall/distractors.txt", import.meta.url))
  .split("\n").filter((line) => line.trim() !== "");
const pick = (i: number, k: number) => sentences[(i * 7919 + k * 104_729) % sentences.length]!;
const preferences = { topicPreferences: { cooking: 80, "machine learning": 30, music: 60 } };

type Shape = "exchange" | "turn";
type Run = (from: number, shape: Shape) => Promise<number>;

/** The store-side functions of the checkout at `tree`: µs of CPU per text (or turn). */
async function storeSide(tree: string): Promise<Run> {
  const { scoreImportance }: typeof import("../../core/memory/importance.ts") = await import(
    `${tree}/core/memory/importance.ts`
  );
  const { LocalEmbedder }: typeof import("../../core/memory/embedder.ts") = await import(
    `${tree}/core/memory/embedder.ts`
  );
  const { analyse }: typeof import("../../core/memory/bm25.ts") = await import(
    `${tree}/core/memory/bm25.ts`
  );
  const embedder = new LocalEmbedder();
  await embedder.embed(["warm up"]);
  const ids = new Map<string, number>();
  const dictionary = {
    find: (term: string) => ids.get(term),
    intern(term: string) {
      let id = ids.get(term);
      if (id === undefined) ids.set(term, id = ids.size + 1);
      return id;
    },
    // Only analysed here: no index asks its terms back.
    termOf: () => undefined,
  };
  return async (from, shape) => {
    const start = threadCpuMicros();
    for (let i = from; i < from + texts; i++) {
      if (shape === "exchange") {
        const text = `User said: ${pick(i, 0)}\nAria replied: ${pick(i, 1)} ${pick(i, 2)}`;
        scoreImportance(text, preferences);
        await embedder.embed([text]);
        analyse(text, dictionary);
      } else {
        const turn = `${pick(i, 0)} ${pick(i, 1)}`;
        const stored = [
          `I said to Tomas, Mira (about cooking): ${turn}`,
          `Aria said (about cooking): ${turn}`,
          `Aria said (about cooking): ${turn}`,
        ];
        for (let persona = 0; persona < 3; persona++) scoreImportance(turn, preferences);
        await embedder.embed(stored);
        for (const text of stored) analyse(text, dictionary);
      }
    }
    return (threadCpuMicros() - start) / texts;
  };
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[values.length >> 1]!;
const checkouts = [{ label: "new", run: await storeSide(here) }];
if (base) checkouts.unshift({ label: "base", run: await storeSide(base) });
console.log(`${texts} texts a round, ${rounds} rounds; load ${loadAverage()}`);
for (const shape of ["exchange", "turn"] as const) {
  const figures = new Map(checkouts.map(({ label }) => [label, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    for (const { label, run } of round % 2 ? [...checkouts].reverse() : checkouts) {
      figures.get(label)!.push(await run(round * texts, shape));
    }
  }
  const medians = checkouts.map(({ label }) => median(figures.get(label)!));
  const ratio = medians.length === 2 ? `  new/base ${(medians[1]! / medians[0]!).toFixed(3)}` : "";
  console.log(
    `${shape.padEnd(8)} CPU µs per ${shape === "turn" ? "turn (3 personas)" : "text"}: ` +
      checkouts.map(({ label }, i) => `${label} ${medians[i]!.toFixed(1)}`).join(", ") + ratio,
  );
}
console.log(`load ${loadAverage()}`);
