/**
 * The CPU cost of one recall (`deno task bench:recall:query`): the first recall set's 292
 * memories stored in an in-process `:memory:` SQLite memory service (local embedder, word
 * vectors), then `memory.recall` (as a chat or a dialogue turn asks it, 8 memories) for messages
 * of 5-30 words, each asked once (a chat's messages are new, so nothing of their analysis is
 * remembered from before): the second and third sets' questions and statements, and the same
 * made longer, as a chat message is. Each recall is timed in main-thread CPU
 * (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`), so a loaded machine moves it little.
 *
 * `--base PATH` runs another checkout (e.g. exported with `git archive`) the same way in
 * alternating rounds, each round in a fresh process; medians of the rounds' means are printed.
 * `--profile DIR` writes each round's V8 CPU profile there (read it with `profile_top.ts`).
 *
 *   deno task bench:recall:query [--rounds 3] [--base PATH] [--profile DIR]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { loadAverage, type Tree } from "./_table.ts";
import { roundInChild } from "./_child_round.ts";
import { threadClock } from "./_thread_clock.ts";

/** Chat-like messages, each distinct: the sets' questions and statements, short and longer. */
export function messages(
  sets: Array<{ queries: { text: string }[]; memories: { text: string }[] }>,
) {
  const texts = new Set<string>();
  for (const set of sets) {
    for (const query of set.queries) texts.add(query.text);
    for (const memory of set.memories.slice(0, 120)) texts.add(memory.text);
    // Longer messages, as a chat's: a statement and a question in one.
    set.queries.forEach((query, i) => {
      const memory = set.memories[(i * 7) % set.memories.length]!;
      texts.add(`${memory.text} By the way, ${query.text.toLowerCase()}`);
    });
  }
  return [...texts];
}

/** One round in this process on the checkout at `tree`: CPU ms per recall. */
async function round(tree: string): Promise<{ mean: number; median: number; count: number }> {
  const recall = `${tree}/tests/bench/recall`;
  const { storeInProcess } = await import(`${recall}/_in_process.ts`);
  const { loadRecallSet } = await import(`${recall}/_set.ts`);
  const stored = loadRecallSet(new URL(`file://${recall}/`));
  const others = ["set2", "set3"].map((name) =>
    loadRecallSet(new URL(`file://${recall}/${name}/`))
  );
  const { fixture } = await storeInProcess(stored, { unlinked: false });
  const clock = threadClock();
  try {
    const ask = (text: string) => fixture.memory.recall(fixture.aria, text, { limit: 8 });
    // Warm-up on the stored set's own questions (code compiled, indexes loaded).
    for (const query of stored.queries) await ask(query.text);
    const times: number[] = [];
    for (const text of messages(others)) {
      const start = clock();
      await ask(text);
      times.push(clock() - start);
    }
    const mean = times.reduce((sum, ms) => sum + ms, 0) / times.length;
    return { mean, median: percentile(times.sort((a, b) => a - b), 50), count: times.length };
  } finally {
    await fixture.close();
  }
}

if (import.meta.main) {
  const args = Deno.args;
  const child = args.indexOf("--child");
  if (child >= 0) {
    console.log(JSON.stringify(await round(args[child + 1]!)));
  } else {
    const rounds = numberFlag(args, "rounds", 3);
    const base = stringFlag(args, "base");
    const profile = stringFlag(args, "profile");
    const trees: Tree[] = [
      { label: "now", path: new URL("../..", import.meta.url).pathname.replace(/\/$/, "") },
      ...(base ? [{ label: "baseline" as const, path: base }] : []),
    ];
    const figures = new Map(
      trees.map((tree) => [tree.label, [] as Array<{ mean: number; median: number }>]),
    );
    let count = 0;
    for (let i = 0; i < rounds; i++) {
      for (const tree of i % 2 ? [...trees].reverse() : trees) {
        const result = await roundInChild<Awaited<ReturnType<typeof round>>>({
          script: import.meta.url,
          tree,
          denoFlags: profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}/${tree.label}`] : [],
        });
        count = result.count;
        figures.get(tree.label)!.push(result);
      }
    }
    const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
    console.log(
      `main-thread CPU µs per recall, ${count} messages, ${rounds} rounds (medians), load ${loadAverage()}`,
    );
    console.log(`| figure | ${trees.map((tree) => tree.label).join(" | ")} |`);
    console.log(`| --- | ${trees.map(() => "---:").join(" | ")} |`);
    for (const key of ["mean", "median"] as const) {
      const cells = trees.map((tree) =>
        (median(figures.get(tree.label)!.map((f) => f[key])) * 1000).toFixed(0)
      );
      const ratio = trees.length > 1
        ? ` (${(Number(cells[0]) / Number(cells[1])).toFixed(2)}×)`
        : "";
      console.log(`| ${key} per recall | ${cells.join(" | ")}${ratio} |`);
    }
  }
}
