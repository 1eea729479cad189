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
import { numberFlag, stringFlag } from "./_load.ts";
import { type Ask, pairedAsks, pairedLine } from "./_paired.ts";

const args = Deno.args;
const base = stringFlag(args, "base");
if (!base) throw new Error("usage: _series_paired.ts --base PATH [--tree PATH] [--exchanges N]");
const tree = stringFlag(args, "tree") ??
  new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const exchanges = numberFlag(args, "exchanges", 960);
const ANSWER = "A fixed answer of exactly ten words for the benchmark run.";

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

const sides = [await open(tree), await open(base)];
const texts = Array.from({ length: 90 }, (_, n) => `benchmark message ${n % 30}`);
// Warm both (word vectors, memos) before timing.
for (const side of sides) for (const text of texts.slice(0, 30)) await side.ask(text);
const paired = await pairedAsks({ tree: sides[0]!.ask, base: sides[1]!.ask }, texts);
for (const side of sides) await side.close();
console.log(pairedLine(paired, ` over ${exchanges} exchanges and 30 facts`));
