/**
 * How long pruning a persona just over the threshold takes (901 memories, threshold 900, target
 * 800: the production defaults), a third of its memories in supersession chains of three, all
 * old and unread: the plan, the delete and, since session 24, the chains re-linked over the
 * pruned links under the persona's lock. SQLite storage, the memories in SQLite or (`--chroma`)
 * in a real Chroma server.
 *
 *   deno run -A tests/bench/prune_chains.ts [--root <tree>] [--chroma] [--rounds 5] [--chained 300]
 *
 * `--chained 0` stores no chains (the cost of the lock and the second read alone).
 * `--root` runs another tree's code (say /tmp/base24) with this same script: before and after.
 * Each round builds a fresh persona (links written straight to the backend) and times
 * `memory.prune` once; the embedder is in process and instant (hashed features).
 *
 * @module
 */
import { arg, fromTree, median, treeBackends, treeRoot } from "./_tree_backends.ts";

const root = treeRoot();
const rounds = Number(arg("rounds", "5"));
const chained = Number(arg("chained", "300"));
const chroma = Deno.args.includes("--chroma");
const from = fromTree(root);

// deno-lint-ignore no-explicit-any
const { memoryFixture, input, daysAgo, HashedTestEmbedder }: any = await from(
  "core/memory/testing/contract_fixture.ts",
);
const backends = await treeBackends(root, {
  kind: chroma ? "chroma" : "sqlite",
  prefix: "prune-bench-",
  timeoutMs: 60_000,
});
const factory = backends.factory;

const times: number[] = [];
let pruned = 0;
try {
  for (let round = 0; round < rounds; round++) {
    const dir = Deno.makeTempDirSync({ prefix: "prune-bench-db-" });
    const fixture = await memoryFixture(factory, {
      path: `${dir}/memory.db`,
      embedder: new HashedTestEmbedder(64),
    });
    try {
      const { memory, aria, clock, backend } = fixture;
      const stored = await memory.storeMany(
        aria,
        Array.from({ length: 901 }, (_, i) =>
          input({
            content: `Round ${round} note ${i} about the harbour`,
            importance: 0.1 + (i % 50) / 100,
            created_at: daysAgo(clock, 100 + (i % 60)),
          })),
      );
      // Chains of three over the first `chained`: a → b → c.
      const links = [];
      for (let i = 0; i + 2 < chained; i += 3) {
        const [a, b, c] = [stored[i], stored[i + 1], stored[i + 2]];
        links.push(
          { record: { ...a, superseded_by: b.id } },
          { record: { ...b, superseded_by: c.id, supersedes: [a.id] } },
          { record: { ...c, supersedes: [b.id] } },
        );
      }
      if (links.length > 0) await backend.save(links);
      const start = performance.now();
      const result = await memory.pruning.prune(aria.id);
      times.push(performance.now() - start);
      pruned = result.memories_pruned;
    } finally {
      await fixture.close();
      await Deno.remove(dir, { recursive: true });
    }
  }
  console.log(JSON.stringify({
    tree: root.pathname,
    backend: chroma ? "chroma" : "sqlite",
    memories: 901,
    chained,
    pruned,
    prune_ms: {
      median: Math.round(median(times) * 10) / 10,
      min: Math.round(Math.min(...times) * 10) / 10,
      all: times.map(Math.round),
    },
  }));
} finally {
  await backends.stop();
}
