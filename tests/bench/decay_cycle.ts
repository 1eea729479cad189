/**
 * How long one persona's decay takes (`memory.decay_force` without a factor: read, decay, write)
 * with 5,000 memories, all old and unread, so nearly all of them change. Since session 24 the
 * decay runs under the persona write lock and writes only the importance fields, each only while
 * as read (`MemoryBackend.writeImportance`): before, it saved whole records.
 *
 *   deno run -A tests/bench/decay_cycle.ts [--root <tree>] [--backend sqlite|chroma|postgres]
 *     [--rounds 5] [--memories 5000]
 *
 * `--root` runs another tree's code (say /tmp/base24) with this same script: before and after.
 * `postgres` needs `TEST_DATABASE_URL` (memories in PostgreSQL, no vector store: the decay
 * touches none on pgvector). Each round stores a fresh persona, then times one decay of it;
 * the embedder is in process and instant (hashed features).
 *
 * @module
 */
/** The value after `--name` on the command line, else `fallback`. */
function arg(name: string, fallback?: string): string | undefined {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Deno.args[at + 1] : fallback;
}

const root = arg("root")
  ? new URL(`file://${Deno.realPathSync(arg("root")!).replace(/\/?$/, "/")}`)
  : new URL("../../", import.meta.url);
const rounds = Number(arg("rounds", "5"));
const count = Number(arg("memories", "5000"));
const kind = arg("backend", "sqlite")!;
const from = (path: string) => import(new URL(path, root).href);

const { memoryFixture, input, daysAgo, HashedTestEmbedder } = await from(
  "core/memory/testing/contract_fixture.ts",
);
const { SqliteBackend } = await from("core/memory/sqlite_backend.ts");
const { startChromaServer } = await from("core/memory/chroma_server.ts");
const { ChromaBackend } = await from("core/memory/chroma_backend.ts");
const { PostgresMemoryBackend } = await from("core/memory/postgres_backend.ts");
const { NO_VECTORS } = await from("core/memory/testing/bare_backend.ts");
const { PostgresDatabase } = await from("core/storage/mod.ts");
const { testSchema } = await from("core/storage/testing/databases.ts");

const server = kind === "chroma"
  ? await startChromaServer({ path: Deno.makeTempDirSync({ prefix: "decay-bench-" }) })
  : undefined;
// deno-lint-ignore no-explicit-any
const factory = (db: any) =>
  kind === "postgres" ? new PostgresMemoryBackend(db, NO_VECTORS) : server
    ? new ChromaBackend({
      url: server.url,
      tenant: "default_tenant",
      database: "default_database",
      token: "",
      timeoutMs: 120_000,
    })
    : new SqliteBackend(db);

const median = (values: number[]) => values.toSorted((a, b) => a - b)[values.length >> 1] ?? 0;
const times: number[] = [];
let decayed = 0;
try {
  for (let round = 0; round < rounds; round++) {
    const dir = Deno.makeTempDirSync({ prefix: "decay-bench-db-" });
    const schema = kind === "postgres" ? await testSchema() : undefined;
    const fixture = await memoryFixture(factory, {
      path: `${dir}/memory.db`,
      embedder: new HashedTestEmbedder(64),
      database: schema &&
        new PostgresDatabase({
          url: schema.url,
          poolSize: 4,
          idleTimeoutS: 0,
          connectTimeoutS: 10,
        }),
    });
    try {
      const { memory, aria, clock } = fixture;
      for (let at = 0; at < count; at += 1000) {
        await memory.storeMany(
          aria,
          Array.from({ length: Math.min(1000, count - at) }, (_, j) =>
            input({
              content: `Round ${round} note ${at + j} about the harbour`,
              importance: 0.2 + ((at + j) % 50) / 100,
              created_at: daysAgo(clock, 10 + ((at + j) % 60)),
            })),
        );
      }
      const start = performance.now();
      const result = await memory.decay.decayPersona(aria.id);
      times.push(performance.now() - start);
      decayed = result.memories_decayed;
    } finally {
      await fixture.close();
      await schema?.drop();
      await Deno.remove(dir, { recursive: true });
    }
  }
  console.log(JSON.stringify({
    tree: root.pathname,
    backend: kind,
    memories: count,
    decayed,
    decay_ms: {
      median: Math.round(median(times) * 10) / 10,
      min: Math.round(Math.min(...times) * 10) / 10,
      all: times.map(Math.round),
    },
  }));
} finally {
  await server?.stop();
}
