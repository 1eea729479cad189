import { PgliteDatabase } from "../storage/testing/pglite.ts";
import { PgvectorStore } from "./pgvector_store.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { runMemoryContract } from "./testing/contract.ts";

// Debian 12 has no pgvector package here: the pgvector SQL runs on PGlite, which bundles it.
Deno.test("the memory contract holds for PostgreSQL storage with pgvector (on PGlite)", async (t) => {
  await runMemoryContract(t, (db) => new PostgresMemoryBackend(db, new PgvectorStore(db)), {
    database: () => PgliteDatabase.open(),
    pgvector: true,
  });
});
