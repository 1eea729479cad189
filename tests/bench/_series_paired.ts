/**
 * Recall on the chat benchmark's store, two checkouts in ONE process, message by message (a
 * diagnostic for a loaded machine, as `_recall_paired.ts`): each tree stores what `bench:chat`
 * leaves behind — `--exchanges` chats "benchmark message N" (N < 30, as its sessions send) and
 * its fake extracted facts, "The user sent benchmark message N." (`fake_model_server.ts`), one
 * per N — then both recall each chat's message (ABBA), timed in main-thread CPU. Prints the
 * summed CPU of each, their ratio and the median per-message ratio: what the series bound
 * (`core/memory/number_series.ts`, fix134) saves a chat's recall there, whatever the load.
 *
 *   deno run -A tests/bench/_series_paired.ts --base PATH [--tree PATH] [--exchanges 960]
 *
 * @module
 */
import { numberFlag, percentile, stringFlag } from "./_load.ts";
import { threadClock } from "./recall_query.ts";

const args = Deno.args;
const base = stringFlag(args, "base");
if (!base) throw new Error("usage: _series_paired.ts --base PATH [--tree PATH] [--exchanges N]");
const tree = stringFlag(args, "tree") ??
  new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const exchanges = numberFlag(args, "exchanges", 960);
const ANSWER = "A fixed answer of exactly ten words for the benchmark run.";

type Ask = (text: string) => Promise<unknown>;

async function open(path: string): Promise<{ ask: Ask; close: () => Promise<void> }> {
  const { memoryFixture, input } = await import(`${path}/core/memory/testing/contract_fixture.ts`);
  const { SqliteBackend } = await import(`${path}/core/memory/sqlite_backend.ts`);
  // deno-lint-ignore no-explicit-any
  const fixture = await memoryFixture((db: any) => new SqliteBackend(db));
  const store = async (fields: Record<string, unknown>) => {
    fixture.clock.advance(1_000);
    await fixture.memory.store(fixture.aria, input(fields));
  };
  for (let n = 0; n < exchanges; n++) {
    const message = `benchmark message ${n % 30}`;
    await store({ content: `User said: ${message}\nAria replied: ${ANSWER}` });
    // Extraction drew one fact a number, as the coalesced jobs of a run do.
    if (n < 30) {
      await store({ content: `The user sent ${message}.`, memory_type: "fact", importance: 0.3 });
    }
  }
  const ask: Ask = (text) => fixture.memory.recall(fixture.aria, text, { limit: 8 });
  return { ask, close: () => fixture.close() };
}

const clock = threadClock();
const sides = [await open(tree), await open(base)];
const texts = Array.from({ length: 90 }, (_, n) => `benchmark message ${n % 30}`);
// Warm both (word vectors, memos) before timing.
for (const side of sides) for (const text of texts.slice(0, 30)) await side.ask(text);
let treeTotal = 0;
let baseTotal = 0;
const ratios: number[] = [];
for (const [i, text] of texts.entries()) {
  const order = i % 2 === 0 ? [0, 1] : [1, 0];
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
for (const side of sides) await side.close();
const load = Deno.loadavg().map((value) => value.toFixed(2)).join(" ");
console.log(
  `${ratios.length} recalls each over ${exchanges} exchanges and 30 facts, load ${load}: tree ${
    (treeTotal * 1000 / ratios.length).toFixed(0)
  } µs, base ${(baseTotal * 1000 / ratios.length).toFixed(0)} µs per recall; sum ratio ${
    (treeTotal / baseTotal).toFixed(3)
  }×, median per-message ratio ${percentile(ratios.sort((a, b) => a - b), 50).toFixed(3)}×`,
);
