import { runMemoryContract } from "./contract.ts";
import { SqliteBackend } from "./sqlite_backend.ts";

Deno.test("the memory contract holds for the sqlite backend", async (t) => {
  await runMemoryContract(t, (db) => new SqliteBackend(db));
});
