/**
 * A memory fixture whose backends read a large persona's index rows aside: the index-aside tests'
 * (`index_aside_test.ts`, `sqlite_index_queries_test.ts`).
 *
 * @module
 */
import { SqliteDatabase } from "../../storage/mod.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import { input, memoryFixture } from "./contract_fixture.ts";

/**
 * A fixture on a database file in `dir` whose checkpointer worker can read aside (unless
 * `worker: false`), holding four memories of Aria's; large from `sizes.min` memories (3), which
 * the test may change before it reopens. `backends` holds every backend made, the latest last.
 */
export async function asideFixture(dir: string, options: { worker?: boolean } = {}) {
  const backends: SqliteBackend[] = [];
  const sizes = { min: 3 };
  const database = new SqliteDatabase(`${dir}/persona.db`, {
    checkpointInWorker: options.worker ?? true,
  });
  const fixture = await memoryFixture((db) => {
    backends.push(new SqliteBackend(db as SqliteDatabase, { asideReadMin: sizes.min }));
    return backends.at(-1)!;
  }, { database });
  const contents = [
    "The ferry to Kestrel Bay leaves at noon",
    "My sister is a physician in Lisbon",
    "Tide tables hang by the harbour door",
    "The lighthouse keeper feeds a grey cat",
  ];
  await fixture.memory.storeMany(fixture.aria, contents.map((content) => input({ content })));
  return { fixture, backends, sizes };
}
