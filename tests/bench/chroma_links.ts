/**
 * SQLite storage with `MEMORY_BACKEND=chroma` (every memory in a real Chroma server): how long a
 * reindex and supersession writes take, and how long a supersession store waits on the persona's
 * lock while a reindex runs. The writes that read records by id (reindex batches, the links a
 * store checks and marks, a chain followed in search) once read them one `get` per id, each a
 * few HTTP requests: this measures them with the batch reads (`MemoryBackend.getMany`).
 *
 *   deno run -A tests/bench/chroma_links.ts [--root <tree>] [--memories 400] [--chain 60]
 *
 * `--root` runs another tree's code (say /tmp/base24) with this same script: before and after.
 * The embedders are in process and instant (hashed features): only storage is timed.
 *
 * @module
 */
/** The value after `--name` on the command line, else `fallback`. */
function arg(name: string, fallback?: string): string | undefined {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Deno.args[at + 1] : fallback;
}

const args = { root: arg("root"), memories: arg("memories", "400")!, chain: arg("chain", "60")! };
const root = args.root
  ? new URL(`file://${args.root.replace(/\/?$/, "/")}`)
  : new URL("../../", import.meta.url);
const from = (path: string) => import(new URL(path, root).href);

const { startChromaServer } = await from("core/memory/chroma_server.ts");
const { ChromaBackend } = await from("core/memory/chroma_backend.ts");
const { memoryFixture, input, HashedTestEmbedder } = await from(
  "core/memory/testing/contract_fixture.ts",
);

const count = Number(args.memories);
const chainLength = Number(args.chain);
const ms = (start: number) => Math.round(performance.now() - start);
const median = (values: number[]) => values.toSorted((a, b) => a - b)[values.length >> 1] ?? 0;

const chroma = await startChromaServer({ path: Deno.makeTempDirSync({ prefix: "links-bench-" }) });
const settings = {
  url: chroma.url,
  tenant: "default_tenant",
  database: "default_database",
  token: "",
  timeoutMs: 60_000,
};
const fixture = await memoryFixture(() => new ChromaBackend(settings));
try {
  const { memory, aria } = fixture;
  const stored = await memory.storeMany(
    aria,
    Array.from({ length: count }, (_, i) => input({ content: `Note ${i} about the harbour` })),
  );

  // A chain: each store supersedes the one before (a check and a mark each).
  let start = performance.now();
  let previous: string[] = [];
  for (let i = 0; i < chainLength; i++) {
    const next = await memory.store(
      aria,
      input({ content: `My address is house ${i} on Walrus street`, supersedes: previous }),
    );
    previous = [next.id];
  }
  const chain = ms(start);
  start = performance.now();
  await memory.search(aria, {
    query: "my address on Walrus street",
    n_results: 5,
    min_importance: 0,
  });
  const chainSearch = ms(start);

  // Wide supersessions: 10 stores replacing 32 memories each.
  start = performance.now();
  for (let i = 0; i < 10; i++) {
    const replaced = stored.slice(i * 32, i * 32 + 32).map((record: { id: string }) => record.id);
    await memory.store(aria, input({ content: `Summary ${i}`, supersedes: replaced }));
  }
  const wide = ms(start);

  // A reindex to another embedder, with supersession stores waiting on the lock meanwhile.
  const reindexer = await fixture.reopen({ embedder: new HashedTestEmbedder(64) });
  const waits: number[] = [];
  start = performance.now();
  const reindex = reindexer.reindex(aria).then(() => ms(start));
  let racing = true;
  reindex.finally(() => racing = false);
  for (let i = 0; racing && i < 50; i++) {
    const at = performance.now();
    const old = stored[count - 1 - i]!.id;
    await reindexer.store(aria, input({ content: `Racing ${i}`, supersedes: [old] }));
    waits.push(ms(at));
  }
  const reindexed = await reindex;
  console.log(JSON.stringify({
    tree: root.pathname,
    memories: count,
    [`chain_${chainLength}_stores_ms`]: chain,
    chain_search_ms: chainSearch,
    wide_10x32_stores_ms: wide,
    reindex_ms: reindexed,
    racing_store_ms: { n: waits.length, median: median(waits), max: Math.max(0, ...waits) },
  }));
} finally {
  await fixture.close();
  await chroma.stop();
}
