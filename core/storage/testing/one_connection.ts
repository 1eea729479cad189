/**
 * A database on one pooled connection, and a transaction that keeps that connection: how the
 * turn-away tests make the next transaction wait for, or be refused, the pool.
 *
 * @module
 */
import { PostgresDatabase } from "../postgres.ts";
import { testPostgresUrl } from "./databases.ts";

/**
 * A database on the test PostgreSQL with one pooled connection, so a second transaction must
 * wait (or, with `poolQueue: 0`, is refused); `poolQueue` left out keeps the default queue.
 */
export async function oneConnectionDatabase(
  { poolQueue }: { poolQueue?: number } = {},
): Promise<PostgresDatabase> {
  return new PostgresDatabase({
    url: await testPostgresUrl(),
    poolSize: 1,
    ...(poolQueue === undefined ? {} : { poolQueue }),
    idleTimeoutS: 0,
    connectTimeoutS: 10,
  });
}

/**
 * Takes the pool's one connection in a transaction outside any request and keeps it until
 * `release()`; `done` settles once the transaction has ended.
 */
export async function holdOnlyConnection(
  db: PostgresDatabase,
): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let holding!: () => void;
  const held = new Promise<void>((resolve) => holding = resolve);
  const done = db.transaction(async () => {
    holding();
    await released;
  });
  await held;
  return { release, done };
}
