/**
 * The sentence encoder's resident memory (recall25): RSS before, after its load, after 200
 * query encodes and 256 memories in batches, each after a full GC, for the encoder module of
 * `--tree DIR` (default: this tree). Run each tree in its own process, alternating.
 *
 *   deno run --lock=tests/deno.lock -A --v8-flags=--expose-gc tests/bench/_encoder_rss.ts [--tree /tmp/base21]
 */
const at = Deno.args.indexOf("--tree");
const tree = at >= 0 ? Deno.args[at + 1]! : new URL("../..", import.meta.url).pathname;
const gc = (globalThis as unknown as { gc: () => void }).gc;
const rss = () => {
  gc();
  return Deno.memoryUsage().rss / 1e6;
};
const before = rss();
const { SentenceEncoder } = await import(`${tree}/core/memory/meaning/sentence_encoder.ts`);
const encoder = await SentenceEncoder.shared();
const loaded = rss();
for (let i = 0; i < 200; i++) await encoder.encode([`What did I do on day ${i} of the trip?`]);
const queried = rss();
const memories = Array.from(
  { length: 256 },
  (_, i) => `On day ${i} we walked ${"along the old harbour and ".repeat(i % 6)}ate fish.`,
);
for (let i = 0; i < memories.length; i += 64) await encoder.encode(memories.slice(i, i + 64));
const stored = rss();
console.log(
  `${tree}: RSS ${before.toFixed(0)} MB, +${(loaded - before).toFixed(0)} loaded, +${
    (queried - before).toFixed(0)
  } after 200 queries, +${(stored - before).toFixed(0)} after 256 memories (loadavg ${
    Deno.loadavg()[0]!.toFixed(1)
  })`,
);
