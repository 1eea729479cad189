/**
 * What running memory search on a worker thread would cost the main thread per search, before
 * any search work (issue 17, goals 2 and 6): a search request (query text, persona, a 100-float
 * vector) posted to a worker and a recall's answer (15 hits: records and score parts, as
 * `MemoryReads.recall` asks for `limit + 5`) posted back, round trip after round trip; and what
 * a worker that holds its own word data costs in resident memory.
 *
 *   deno run -A tests/bench/_search_hop.ts [--trips 5000] [--rounds 3]
 *
 * Prints, per round, the main thread's CPU per round trip (`/proc/self/task/<pid>/stat`), the
 * round trip's median and p99 wall time, and then the RSS before and after a worker loaded the
 * word vectors and relations (`WordVectors.shared()`), against the same load on the main thread.
 *
 * @module
 */
import { numberFlag } from "./_load.ts";
import { loadAverage, mainThreadCpuSeconds } from "./_table.ts";

const trips = numberFlag(Deno.args, "trips", 5000);
const rounds = numberFlag(Deno.args, "rounds", 3);

/** The worker: answers each request with the same 15 hits, or loads the word data when asked. */
function hopWorker(): void {
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent) => void) | null;
    postMessage(message: unknown): void;
  };
  const record = (i: number) => ({
    id: crypto.randomUUID(),
    persona_id: crypto.randomUUID(),
    content: `I said to Kira (about magic): the theory of binding spells number ${i} makes ` +
      "magic more interesting than most people think. There is so much more to say about magic.",
    memory_type: "conversation",
    importance: 0.42,
    base_importance: 0.42,
    importance_set_at: "2026-01-01T18:01:30.000Z",
    emotional_valence: 0.735,
    related_personas: [crypto.randomUUID()],
    visibility: "private",
    metadata: { origin: "dialogue", thread: crypto.randomUUID() },
    created_at: "2026-01-01T18:01:30.000Z",
    last_accessed: "2026-01-01T18:24:30.000Z",
    accessed_count: 4,
    embedder: "local-sif-100",
    superseded_by: null,
    supersedes: [],
    source_ids: [],
  });
  const hits = Array.from({ length: 15 }, (_, i) => ({
    record: record(i),
    relevance: 0.5 + i / 100,
    score: 0.4,
    parts: { similarity: 0.5, lexical: 0.3, alignment: 0.6, recency: 0.9, importance: 0.42 },
  }));
  scope.onmessage = async (event: MessageEvent) => {
    const message = event.data as { kind: string; id: number; url?: string };
    if (message.kind === "words") {
      const { WordVectors } = await import(message.url!);
      await WordVectors.shared();
      scope.postMessage({ kind: "words" });
    } else scope.postMessage({ kind: "hits", id: message.id, hits });
  };
}

function startWorker(): Worker {
  const url = URL.createObjectURL(
    new Blob([`(${hopWorker.toString()})()`], { type: "application/javascript" }),
  );
  const worker = new Worker(url, { type: "module", name: "search-hop" });
  URL.revokeObjectURL(url);
  return worker;
}

function ask(worker: Worker, message: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage(message);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

const rss = () => Deno.memoryUsage().rss / 1e6;
const alone = rss();
const worker = startWorker();
const vector = new Float32Array(100).map((_, i) => Math.sin(i));
console.log(`load ${loadAverage()}`);
for (let round = 1; round <= rounds; round++) {
  const walls: number[] = [];
  const cpuStart = await mainThreadCpuSeconds(Deno.pid);
  for (let i = 0; i < trips; i++) {
    const started = performance.now();
    await ask(worker, {
      kind: "search",
      id: i,
      persona: crypto.randomUUID(),
      query: "What do you think about the theory of binding spells, Kira?",
      vector,
      limit: 10,
      now: Date.now(),
    });
    walls.push(performance.now() - started);
  }
  const cpu = await mainThreadCpuSeconds(Deno.pid) - cpuStart;
  walls.sort((a, b) => a - b);
  console.log(
    `round ${round}: main-thread CPU ${(cpu / trips * 1e6).toFixed(1)} µs a round trip, ` +
      `wall p50 ${(percentile(walls, 0.5) * 1000).toFixed(1)} µs, ` +
      `p99 ${(percentile(walls, 0.99) * 1000).toFixed(1)} µs`,
  );
}
const words = new URL("../../core/memory/meaning/word_vectors.ts", import.meta.url).href;
const before = rss();
await ask(worker, { kind: "words", url: words });
const withWorker = rss();
const { WordVectors } = await import(words);
await WordVectors.shared();
const withMain = rss();
console.log(
  `RSS without a worker ${alone.toFixed(1)} MB; with it, after the round trips, ` +
    `${before.toFixed(1)} MB → ${withWorker.toFixed(1)} MB with the worker's word data ` +
    `(+${(withWorker - before).toFixed(1)}), → ${withMain.toFixed(1)} MB with the main ` +
    `thread's too (+${(withMain - withWorker).toFixed(1)}); load ${loadAverage()}`,
);
worker.terminate();
