import { ChromaClient } from "chromadb";
import { PostgresDatabase } from "../storage/mod.ts";
import { POSTGRES_SKIPPED, testSchema } from "../storage/testing/databases.ts";
import { ChromaVectorStore } from "./chroma_vector_store.ts";
import { startChromaServer } from "./chroma_server.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { runMemoryContract } from "./testing/contract.ts";

Deno.test({
  name: "the memory contract holds for PostgreSQL storage with vectors in Chroma (real servers)",
  ignore: POSTGRES_SKIPPED,
  async fn(t) {
    const chroma = await startChromaServer({
      path: Deno.makeTempDirSync({ prefix: "chroma-pg-test-" }),
    });
    const schemas: Array<() => Promise<void>> = [];
    try {
      const settings = {
        url: chroma.url,
        tenant: "default_tenant",
        database: "default_database",
        token: "",
        timeoutMs: 10_000,
      };
      const client = new ChromaClient({ host: "127.0.0.1", port: chroma.port });
      const beforeEach = async () => {
        for (const collection of await client.listCollections()) {
          await client.deleteCollection({ name: collection.name });
        }
      };
      const database = async () => {
        const schema = await testSchema();
        schemas.push(schema.drop);
        return new PostgresDatabase({
          url: schema.url,
          poolSize: 4,
          idleTimeoutS: 0,
          connectTimeoutS: 10,
        });
      };
      await runMemoryContract(
        t,
        (db) => new PostgresMemoryBackend(db, new ChromaVectorStore(settings)),
        { beforeEach, database },
      );
    } finally {
      await chroma.stop();
      for (const drop of schemas) await drop();
    }
  },
});
