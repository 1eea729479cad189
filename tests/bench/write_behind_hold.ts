/**
 * How long the chat write-behind's store holds the event loop (`core/memory/write_behind.ts`):
 * `--queued` exchanges queue while a chat is in the foreground (as under many sessions, where the
 * quiet-time queue lets them gather for up to its 250 ms), then the foreground ends and the queue
 * is written through the tree's own `QuietWork`, into a real SQLite file with `--prefill`
 * memories. A timer chain beside it (`setTimeout(0)`, what a model's answer arriving waits
 * behind) records the longest gap between its turns while the queue is written, in main-thread
 * CPU (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`: a loaded machine's waits for a core are left
 * out): the longest any I/O callback would wait on a quiet machine. Also the main thread's CPU
 * per exchange (the cost of more, smaller writes), the writes made and the largest.
 *
 * `--per-turn K` instead queues K exchanges on each of `--turns` timer turns, with no foreground
 * (steady chats, each turn's quiet work running between): the largest write and the longest hold
 * then say whether the pieces keep up with the arrivals or let the queue grow until the overflow
 * writes it at once (review47a F1, Session 47 — fix172).
 *
 *   deno run -A tests/bench/write_behind_hold.ts [--queued 200] [--prefill 2000] [--rounds 3]
 *     [--per-turn 0] [--turns 40] [--tree PATH] [--base PATH]
 *
 * `--base PATH` runs another checkout (e.g. one exported with `git archive`) alternately in the
 * same process; medians of the rounds are printed.
 *
 * @module
 */
import { numberFlag, stringFlag } from "./_load.ts";
import { loadAverage } from "./_table.ts";
import { serverSqliteFixture } from "./_tree_backends.ts";
import { threadClock } from "./_thread_clock.ts";

const queued = numberFlag(Deno.args, "queued", 200);
const prefill = numberFlag(Deno.args, "prefill", 2000);
const rounds = numberFlag(Deno.args, "rounds", 3);
const perTurn = numberFlag(Deno.args, "per-turn", 0);
const turns = numberFlag(Deno.args, "turns", 40);
const base = stringFlag(Deno.args, "base");
const here = stringFlag(Deno.args, "tree") ?? new URL("../..", import.meta.url).pathname;
const threadCpuMs = threadClock();

const sentences = Deno.readTextFileSync(new URL("./recall/distractors.txt", import.meta.url))
  .split("\n").filter((line) => line.trim() !== "");

/** A deterministic exchange: a user's line and a longer reply. */
function said(i: number): { message: string; response: string } {
  const pick = (k: number) => sentences[(i * 7919 + k * 104_729) % sentences.length]!;
  return { message: pick(0), response: `${pick(1)} ${pick(2)}` };
}

interface Round {
  /** Longest main-thread CPU between two turns of the timer chain while the queue was written (ms). */
  longestHoldMs: number;
  /** Main-thread CPU per exchange written (µs). */
  cpuPerExchangeUs: number;
  /** Calls of the store (one insert each). */
  writes: number;
  /** Exchanges in the largest call of the store. */
  largestWrite: number;
}

/** One round on the checkout at `tree`. */
async function round(tree: string): Promise<Round> {
  const { WriteBehind }: typeof import("../../core/memory/write_behind.ts") = await import(
    `${tree}/core/memory/write_behind.ts`
  );
  const { QuietWork }: typeof import("../../core/jobs/quiet_work.ts") = await import(
    `${tree}/core/jobs/quiet_work.ts`
  );
  const { fixture, input, close } = await serverSqliteFixture(tree, "write_behind_hold_");
  try {
    for (let i = 0; i < prefill; i += 500) {
      const count = Math.min(500, prefill - i);
      await fixture.memory.storeMany(
        fixture.aria,
        Array.from({ length: count }, (_, k) => input({ content: said(i + k).response })),
      );
    }
    await fixture.memory.search(fixture.aria, { query: "bakery", n_results: 5, min_importance: 0 });
    const log = { warn: () => {}, debug: () => {} };
    const quiet = new QuietWork({ log });
    let writes = 0;
    let largestWrite = 0;
    const behind = new WriteBehind({
      store: (records) => {
        writes++;
        largestWrite = Math.max(largestWrite, records.length);
        return fixture.memory.rememberExchanges(records);
      },
      log,
      later: (work, since) => quiet.add("storing chats' exchanges", work, since),
    });
    const queue = async (i: number) => {
      const { message, response } = said(prefill + i);
      const exchange = { persona: fixture.aria, sender: "Tam", roomId: null, message, response };
      // Refused (held past `MAX_HELD_EXCHANGES`): the chat stores it itself before replying.
      if (!behind.add({ exchange, sessionId: "s1" })) {
        await fixture.memory.rememberExchanges([exchange]);
      }
    };
    const end = quiet.begin();
    for (let i = 0; i < (perTurn > 0 ? 0 : queued); i++) await queue(i);
    // The gap between turns in main-thread CPU, not wall time: on a loaded machine the thread
    // also waits for a core between them, which is the machine's, not the store's.
    let longest = 0;
    let running = true;
    let last = threadCpuMs();
    const tick = () => {
      const now = threadCpuMs();
      longest = Math.max(longest, now - last);
      last = now;
      if (running) setTimeout(tick, 0);
    };
    const cpu = threadCpuMs();
    setTimeout(tick, 0);
    end();
    for (let i = 0; i < perTurn * turns; i++) {
      await queue(i);
      if ((i + 1) % perTurn === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await quiet.drain();
    await behind.drain();
    const spent = threadCpuMs() - cpu;
    running = false;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const exchanges = perTurn > 0 ? perTurn * turns : queued;
    return {
      longestHoldMs: longest,
      cpuPerExchangeUs: spent * 1000 / exchanges,
      writes,
      largestWrite,
    };
  } finally {
    await close();
  }
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[values.length >> 1]!;

function show(label: string, runs: Round[]): string {
  const hold = median(runs.map((r) => r.longestHoldMs));
  const cpu = median(runs.map((r) => r.cpuPerExchangeUs));
  return `| ${label} | ${hold.toFixed(1)} (${
    runs.map((r) => r.longestHoldMs.toFixed(1)).join(", ")
  }) | ${cpu.toFixed(0)} (${runs.map((r) => r.cpuPerExchangeUs.toFixed(0)).join(", ")}) | ${
    median(runs.map((r) => r.writes))
  } | ${median(runs.map((r) => r.largestWrite))} |`;
}

if (import.meta.main) {
  const trees = [{ label: "now", path: here }, ...(base ? [{ label: "base", path: base }] : [])];
  const figures = new Map(trees.map((tree) => [tree.label, [] as Round[]]));
  const loadBefore = loadAverage();
  // One unmeasured round each: code compiled, word data read.
  for (const tree of trees) await round(tree.path);
  for (let i = 0; i < rounds; i++) {
    for (const tree of i % 2 ? [...trees].reverse() : trees) {
      figures.get(tree.label)!.push(await round(tree.path));
    }
  }
  const what = perTurn > 0
    ? `${perTurn} exchanges queued on each of ${turns} turns`
    : `${queued} exchanges queued, then written`;
  console.log(
    `${what} (${prefill} memories before), ${rounds} rounds; load ${loadBefore} → ${loadAverage()}`,
  );
  console.log(
    "| tree | longest event-loop hold, ms of CPU | main-thread CPU µs per exchange | writes | " +
      "largest write |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const tree of trees) console.log(show(tree.label, figures.get(tree.label)!));
}
