import { ChromaClient } from "chromadb";
import { PostgresDatabase } from "../storage/mod.ts";
import { POSTGRES_SKIPPED, testSchema } from "../storage/testing/databases.ts";
import assert from "node:assert/strict";
import { ChromaVectorStore, vectorCollectionName } from "./chroma_vector_store.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { startChromaServer } from "./chroma_server.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { runMemoryContract } from "./testing/contract.ts";

Deno.test({
  name: "the memory contract holds for PostgreSQL storage with vectors in Chroma (real servers)",
  ignore: POSTGRES_SKIPPED,
  async fn(t) {
    const chroma = await startChromaServer();
    const schemas: Array<() => Promise<void>> = [];
    try {
      const settings = {
        url: chroma.url,
        tenant: "default_tenant",
        database: "default_database",
        token: "",
        timeoutMs: 60_000, // a real server on a loaded machine: no test here is about time
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
      await t.step("a collection made again by another node is found again", async () => {
        const store = new ChromaVectorStore(settings);
        const embedder = "local:test";
        const vector = Float32Array.from([1, 0, 0]);
        const query = {
          personaId: "p1",
          othersVisibility: [],
          vector,
          embedder,
          terms: [],
          minImportance: 0,
          limit: 5,
        };
        const write = (id: string) => ({
          record: sampleRecord({ id, persona_id: "p1", embedder }),
          vector,
        });
        await store.write([write("m1")], new Map());
        assert.deepEqual((await store.nearest(query)).map((hit) => hit.id), ["m1"]);
        // Another node (or an operator) drops the collection; the next write makes it again.
        await beforeEach();
        assert.deepEqual(await store.nearest(query), [], "a dropped collection holds nothing");
        await store.write([write("m2")], new Map());
        assert.deepEqual((await store.nearest(query)).map((hit) => hit.id), ["m2"]);
        await beforeEach();
        await client.createCollection({
          name: vectorCollectionName(embedder),
          embeddingFunction: null,
        });
        await store.write([write("m3")], new Map());
        assert.deepEqual((await store.nearest(query)).map((hit) => hit.id), ["m3"]);
        await store.remove(new Map([["m3", embedder]]));
        assert.deepEqual(await store.nearest(query), []);
      });
    } finally {
      await chroma.stop();
      for (const drop of schemas) await drop();
    }
  },
});
