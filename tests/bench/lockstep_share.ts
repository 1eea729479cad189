/**
 * What chats in lockstep share (`deno run -A tests/bench/lockstep_share.ts`): main-thread CPU of
 * recall and of storing an exchange, each one alone against 32 at once, in process over a real
 * SQLite file with memory on (no model). Why it matters: the 32 sessions of `bench:chat` send in
 * lockstep, so their recalls run interleaved and their stores land in one batch (one transaction,
 * one index update); anything that spreads them (a preparation lane or gate, session 33 and 36)
 * gives that up, and a real user, whose chats arrive alone, never had it.
 *
 * Modes (each round a fresh process per mode, `--rounds` of them, medians printed):
 * - `alone`: recalls one after another, nothing stored between;
 * - `together`: the same recalls 32 at once (`Promise.all`);
 * - `store-each`: an exchange stored, then a recall, one after another;
 * - `store-32`: 32 exchanges stored at once (one batch) before every 32nd recall.
 *
 *   deno run -A tests/bench/lockstep_share.ts [--tree PATH] [--recalls 320] [--rounds 3]
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";
import { loadAverage } from "./_table.ts";
import { threadClock } from "./_thread_clock.ts";
import { roundInChild } from "./_child_round.ts";
import { noModel, servicesInProcess, storeExchange } from "./_in_process.ts";

const MODES = ["alone", "together", "store-each", "store-32"] as const;
type Mode = typeof MODES[number];
/** Chats of one burst (as `bench:chat --sessions 32`). */
const BURST = 32;

/** Main-thread CPU so far, in milliseconds. */
const threadCpuMs = threadClock();

/** One mode in this process: µs of main thread per recall and per stored exchange. */
async function round(tree: string, mode: Mode, recalls: number) {
  const { services, close } = await servicesInProcess(tree, "persona-lockstep-", noModel());
  try {
    await services.memory.warm();
    const persona = (await services.personas.list())[0];
    const store = (i: number) => storeExchange(services.memory, persona, i);
    const recall = (i: number) =>
      services.memory.recall(persona, `benchmark message ${i}`, { limit: 5 });
    // Warm-up: code compiled, statements prepared, a few hundred exchanges kept.
    for (let i = 0; i < 200; i++) {
      await store(1_000_000 + i);
      await recall(1_000_000 + i);
    }
    let recallMs = 0;
    let storeMs = 0;
    const timed = async (work: () => Promise<unknown>) => {
      const start = threadCpuMs();
      await work();
      return threadCpuMs() - start;
    };
    for (let i = 0; i < recalls; i++) {
      if (mode === "store-each") storeMs += await timed(() => store(i));
      if (mode === "store-32" && i % BURST === 0) {
        storeMs += await timed(() =>
          Promise.all(Array.from({ length: Math.min(BURST, recalls - i) }, (_, j) => store(i + j)))
        );
      }
      if (mode !== "together") recallMs += await timed(() => recall(i));
      else if (i % BURST === 0) {
        recallMs += await timed(() =>
          Promise.all(Array.from({ length: Math.min(BURST, recalls - i) }, (_, j) => recall(i + j)))
        );
      }
    }
    const stored = mode === "store-each" || mode === "store-32" ? recalls : 0;
    return {
      recallUs: (recallMs / recalls) * 1000,
      storeUs: stored ? (storeMs / stored) * 1000 : 0,
    };
  } finally {
    await close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const args = Deno.args;
const child = args.indexOf("--child");
const recalls = numberFlag(args, "recalls", 320);
if (child >= 0) {
  const result = await round(args[child + 1]!, args[child + 2] as Mode, recalls);
  console.log(JSON.stringify(result));
} else {
  const tree = stringFlag(args, "tree") ?? new URL("../..", import.meta.url).pathname;
  const rounds = numberFlag(args, "rounds", 3);
  const figures = new Map<Mode, { recallUs: number[]; storeUs: number[] }>();
  for (let r = 0; r < rounds; r++) {
    for (const mode of MODES) {
      const { recallUs, storeUs } = await roundInChild<{ recallUs: number; storeUs: number }>({
        script: import.meta.url,
        tree: { label: "now", path: tree },
        args: [mode, "--recalls", String(recalls)],
      });
      const kept = figures.get(mode) ?? { recallUs: [], storeUs: [] };
      kept.recallUs.push(recallUs);
      kept.storeUs.push(storeUs);
      figures.set(mode, kept);
    }
  }
  console.log(
    `main-thread CPU µs (medians of ${rounds} rounds), ${recalls} recalls a round, ` +
      `load ${loadAverage()}`,
  );
  console.log("| mode | per recall | per stored exchange |\n| --- | ---: | ---: |");
  for (const [mode, { recallUs, storeUs }] of figures) {
    const store = median(storeUs);
    console.log(`| ${mode} | ${median(recallUs).toFixed(0)} | ${store ? store.toFixed(0) : "–"} |`);
  }
}
