/**
 * What the memory benchmarks that run another tree's code (`--root <tree>`, say /tmp/base24)
 * share: the command line, the tree's modules, and a backend factory of the tree for
 * `memoryFixture` (SQLite, a real Chroma server, or PostgreSQL without a vector store); and, for
 * the benchmarks that take a tree's path (`store_cost.ts`, `write_behind_hold.ts`), a fixture of
 * its code on a SQLite file opened as the server opens it.
 *
 * @module
 */

/** The value after `--name` on the command line, else `fallback`. */
export function arg(name: string, fallback?: string): string | undefined {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Deno.args[at + 1] : fallback;
}

/** The tree whose code runs: `--root`, else this checkout. */
export function treeRoot(): URL {
  const given = arg("root");
  return given
    ? new URL(`file://${Deno.realPathSync(given).replace(/\/?$/, "/")}`)
    : new URL("../../", import.meta.url);
}

/** Imports `path` of the tree at `root`. */
export function fromTree(root: URL): (path: string) => Promise<Record<string, unknown>> {
  return (path) => import(new URL(path, root).href);
}

/** The middle value (the upper one of an even count). */
export function median(values: number[]): number {
  return values.toSorted((a, b) => a - b)[values.length >> 1] ?? 0;
}

/** Backends of one kind, from the tree at `root`. */
export interface TreeBackends {
  // deno-lint-ignore no-explicit-any
  factory: (db: any) => unknown;
  /** Stops the Chroma server, if one was started. */
  stop(): Promise<void>;
}

/** A `memoryFixture` factory of `kind` (a Chroma server started, its data in a `prefix` folder). */
export async function treeBackends(
  root: URL,
  options: { kind: "sqlite" | "chroma" | "postgres"; prefix: string; timeoutMs: number },
): Promise<TreeBackends> {
  const from = fromTree(root);
  // deno-lint-ignore no-explicit-any
  const modules: any = {
    ...await from("core/memory/sqlite_backend.ts"),
    ...await from("core/memory/chroma_server.ts"),
    ...await from("core/memory/chroma_backend.ts"),
    ...(options.kind === "postgres" ? await from("core/memory/postgres_backend.ts") : {}),
    ...(options.kind === "postgres" ? await from("core/memory/testing/bare_backend.ts") : {}),
  };
  const server = options.kind === "chroma"
    ? await modules.startChromaServer({ path: Deno.makeTempDirSync({ prefix: options.prefix }) })
    : undefined;
  // deno-lint-ignore no-explicit-any
  const factory = (db: any) =>
    options.kind === "postgres"
      ? new modules.PostgresMemoryBackend(db, modules.NO_VECTORS)
      : server
      ? new modules.ChromaBackend({
        url: server.url,
        tenant: "default_tenant",
        database: "default_database",
        token: "",
        timeoutMs: options.timeoutMs,
      })
      : new modules.SqliteBackend(db);
  return { factory, stop: async () => await server?.stop() };
}

/**
 * A memory fixture of `tree`'s code on a SQLite file in a new `prefix` folder, opened as the
 * server opens it (WAL checkpoints on a worker thread), without automatic pruning; `close` closes
 * it and removes the folder.
 */
export async function serverSqliteFixture(tree: string, prefix: string) {
  const { memoryFixture, input }: typeof import("../../core/memory/testing/contract_fixture.ts") =
    await import(`${tree}/core/memory/testing/contract_fixture.ts`);
  const { SqliteBackend }: typeof import("../../core/memory/sqlite_backend.ts") = await import(
    `${tree}/core/memory/sqlite_backend.ts`
  );
  const { SqliteDatabase }: typeof import("../../core/storage/mod.ts") = await import(
    `${tree}/core/storage/mod.ts`
  );
  const dir = await Deno.makeTempDir({ prefix });
  const fixture = await memoryFixture(
    (db) => new SqliteBackend(db as InstanceType<typeof SqliteDatabase>),
    {
      database: new SqliteDatabase(`${dir}/persona.db`, { checkpointInWorker: true }),
      settings: { autoPrune: false },
    },
  );
  const close = async () => {
    await fixture.close();
    await Deno.remove(dir, { recursive: true });
  };
  return { fixture, input, close };
}
