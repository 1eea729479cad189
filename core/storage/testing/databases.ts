/**
 * Test support: run one test against both storage implementations. SQLite is an in-memory
 * database; PostgreSQL is a fresh schema of the server CI started (`TEST_DATABASE_URL`, exported
 * by `.ci/run`), or of a server started for this test process from the installed binaries. Only
 * when neither exists are the PostgreSQL variants skipped, and loudly.
 *
 * @module
 */
import { postgresBinaries, startLocalPostgres } from "../../cluster/local_postgres.ts";
import type { Database } from "../database.ts";
import { PostgresDatabase } from "../postgres.ts";
import { SqliteDatabase } from "../sqlite.ts";

/** A small pool on `url` (a test schema's), as every PostgreSQL test and bench here opens one. */
export function testPostgresDatabase(url: string): PostgresDatabase {
  return new PostgresDatabase({ url, poolSize: 4, idleTimeoutS: 0, connectTimeoutS: 10 });
}

/** True when PostgreSQL tests can run here. */
export const POSTGRES_AVAILABLE: boolean = Boolean(Deno.env.get("TEST_DATABASE_URL")) ||
  postgresBinaries() !== null;

/**
 * True when tests that need real servers (PostgreSQL, nginx) must run and fail without them
 * rather than be skipped: `TEST_REQUIRE_SERVERS=1` (exported by `.ci/run`) or `CI` set.
 */
export const SERVERS_REQUIRED: boolean = ["TEST_REQUIRE_SERVERS", "CI"].some((name) => {
  const value = Deno.env.get(name)?.trim().toLowerCase();
  return Boolean(value) && value !== "0" && value !== "false";
});

/** True when PostgreSQL tests are skipped: no server here, and none required (outside CI). */
export const POSTGRES_SKIPPED: boolean = !POSTGRES_AVAILABLE && !SERVERS_REQUIRED;

let warned = false;

/** Says loudly, once per process, that PostgreSQL tests are skipped. */
function warnSkipped(): void {
  if (warned || !POSTGRES_SKIPPED) return;
  warned = true;
  console.error(
    "\n!!! PostgreSQL tests SKIPPED: no TEST_DATABASE_URL and no PostgreSQL binaries " +
      "(install postgresql-15 or set PG_BIN); CI must run them !!!\n",
  );
}

let started: Promise<string> | null = null;

/** The URL of the server tests use (`postgres://...`); starts one for this process if needed. */
export function testPostgresUrl(): Promise<string> {
  const url = Deno.env.get("TEST_DATABASE_URL");
  if (url) return Promise.resolve(url);
  if (!POSTGRES_AVAILABLE) {
    return Promise.reject(
      new Error(
        "PostgreSQL is required here (TEST_REQUIRE_SERVERS or CI) but there is no " +
          "TEST_DATABASE_URL and no PostgreSQL binaries (install postgresql-15 or set PG_BIN)",
      ),
    );
  }
  started ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "persona-test-pg-" });
    const server = await startLocalPostgres(dir);
    globalThis.addEventListener("unload", () => {
      const asUser = Deno.uid() === 0 ? ["-u", "postgres", "--"] : [];
      const stop = [`${postgresBinaries()}/pg_ctl`, "-D", `${dir}/data`, "-m", "immediate", "stop"];
      const [program, ...args] = asUser.length > 0 ? ["runuser", ...asUser, ...stop] : stop;
      new Deno.Command(program!, { args, stdout: "null", stderr: "null" }).outputSync();
      Deno.removeSync(dir, { recursive: true });
    });
    return server.url;
  })();
  return started;
}

/** `url` with `search_path` set to `schema` (how server processes under test get one). */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("search_path", schema);
  return parsed.toString();
}

/** A fresh, empty schema on the test server; `drop` removes it with everything in it. */
export async function testSchema(): Promise<
  { url: string; schema: string; drop(): Promise<void> }
> {
  const base = await testPostgresUrl();
  const schema = `t_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
  const admin = new PostgresDatabase({
    url: base,
    poolSize: 1,
    idleTimeoutS: 0,
    connectTimeoutS: 10,
  });
  try {
    await admin.exec(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.close();
  }
  return {
    url: withSchema(base, schema),
    schema,
    drop: async () => {
      const cleaner = new PostgresDatabase({
        url: base,
        poolSize: 1,
        idleTimeoutS: 0,
        connectTimeoutS: 10,
      });
      try {
        await cleaner.exec(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await cleaner.close();
      }
    },
  };
}

/** Which implementations {@linkcode eachDatabase} runs a test on. */
export type StorageKind = "sqlite" | "postgres";

/**
 * Registers `name` once per storage implementation (`name [sqlite]`, `name [postgres]`), each
 * run with a fresh, empty database that is closed (and dropped) afterwards.
 */
export function eachDatabase(
  name: string,
  fn: (db: Database, kind: StorageKind) => Promise<void>,
): void {
  Deno.test(`${name} [sqlite]`, async () => {
    const db = new SqliteDatabase(":memory:");
    try {
      await fn(db, "sqlite");
    } finally {
      await db.close();
    }
  });
  warnSkipped();
  Deno.test({
    name: `${name} [postgres]`,
    ignore: POSTGRES_SKIPPED,
    fn: async () => {
      const schema = await testSchema();
      const db = testPostgresDatabase(schema.url);
      try {
        await fn(db, "postgres");
      } finally {
        await db.close();
        await schema.drop();
      }
    },
  });
}

/**
 * Like {@linkcode eachDatabase}, with two connections to one database: two processes sharing a
 * SQLite file, or two nodes sharing a PostgreSQL schema.
 */
export function eachSharedDatabase(
  name: string,
  fn: (first: Database, second: Database, kind: StorageKind) => Promise<void>,
): void {
  Deno.test(`${name} [sqlite]`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "persona-test-" });
    const first = new SqliteDatabase(`${dir}/shared.db`);
    const second = new SqliteDatabase(`${dir}/shared.db`);
    try {
      await fn(first, second, "sqlite");
    } finally {
      await first.close();
      await second.close();
      await Deno.remove(dir, { recursive: true });
    }
  });
  onSharedPostgres(name, (first, second) => fn(first, second, "postgres"));
}

/** Registers `name` on PostgreSQL alone, with two nodes (connections) sharing a fresh schema. */
export function onSharedPostgres(
  name: string,
  fn: (first: Database, second: Database) => Promise<void>,
): void {
  warnSkipped();
  Deno.test({
    name: `${name} [postgres]`,
    ignore: POSTGRES_SKIPPED,
    fn: async () => {
      const schema = await testSchema();
      const open = () => testPostgresDatabase(schema.url);
      const [first, second] = [open(), open()];
      try {
        await fn(first, second);
      } finally {
        await first.close();
        await second.close();
        await schema.drop();
      }
    },
  });
}

/** Registers `name` on PostgreSQL alone (a fresh schema), for what only PostgreSQL has. */
export function onPostgres(name: string, fn: (db: Database) => Promise<void>): void {
  warnSkipped();
  Deno.test({
    name: `${name} [postgres]`,
    ignore: POSTGRES_SKIPPED,
    fn: async () => {
      const schema = await testSchema();
      const db = testPostgresDatabase(schema.url);
      try {
        await fn(db);
      } finally {
        await db.close();
        await schema.drop();
      }
    },
  });
}
