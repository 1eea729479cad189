/**
 * Vectors the local embedder made from the words of the analyser before version 2 (a text that is
 * not plain ASCII) are queued on upgrade and made again by `memory.reindex`, with progress, so an
 * old Chinese memory is found by meaning (`vector_remake.ts`): SQLite and PostgreSQL by the
 * migrations `memories_vectors_analyser_2` / `pg_memories_vectors_analyser_2`, Chroma by the
 * analyser mark of each vector. Plain ASCII memories are current. Real servers, restarted.
 */
import assert from "node:assert/strict";
import { ChromaClient } from "chromadb";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { collectionName } from "../core/memory/chroma_records.ts";
import { vectorCollectionName } from "../core/memory/chroma_vector_store.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { RpcClient, startTestServer, withPostgresChromaEnv } from "./_helpers.ts";

const CHINESE = "我最喜欢的水果是苹果，每天早上都吃一个。";
const ENGLISH = "The ferry leaves at noon";

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Ids = { chinese: string; english: string };
type Hits = { memories: Array<{ id: string; score_parts: { similarity: number } }> };

/** Starts a server with `env`, runs `work` with a client as Aria, and shuts down. */
async function withServer<T>(
  env: Record<string, string>,
  work: (client: RpcClient, server: Server) => Promise<T>,
): Promise<T> {
  const server = await startTestServer({ ...env, MEMORY_DECAY_ENABLED: "false" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    return await work(client, server);
  } finally {
    await client.close();
    await server.shutdown();
  }
}

/** The Chinese memory's raw cosine with the query "苹果". */
async function similarity(client: RpcClient, id: string): Promise<number> {
  const { memories } = await client.call<Hits>("memory.search", {
    query: "苹果",
    n_results: 5,
    explain: true,
  });
  const hit = memories.find((memory) => memory.id === id);
  assert.ok(hit, "found (by its words at least)");
  return hit.score_parts.similarity;
}

/**
 * Stores both memories, lets `makeOld` give the Chinese one the vector an old version would have
 * stored (here: the English one's, which shares nothing with it), restarts, and checks the
 * reindex remakes it alone.
 */
async function checkRemade(
  env: Record<string, string>,
  makeOld: (server: Server, ids: Ids) => Promise<void>,
): Promise<void> {
  const ids = await withServer(env, async (client, server) => {
    const store = async (content: string) =>
      (await client.call<{ memory_id: string }>("memory.store", { content })).memory_id;
    const ids = { chinese: await store(CHINESE), english: await store(ENGLISH) };
    const stats = await client.call<{ needs_reindex: number }>("memory.get_stats", {});
    assert.equal(stats.needs_reindex, 0, "this version's vectors are current");
    await makeOld(server, ids);
    return ids;
  });
  await withServer(env, async (client) => {
    const before = await similarity(client, ids.chinese);
    const stats = await client.call<{ needs_reindex: number }>("memory.get_stats", {});
    assert.equal(stats.needs_reindex, 1, "the old Chinese vector is to be made again");
    type Reindexed = { total: number; reindexed: number; already_current: number };
    const result = await client.call<Reindexed>("memory.reindex", {});
    const { total, reindexed, already_current } = result;
    assert.deepEqual({ total, reindexed, already_current }, {
      total: 2,
      reindexed: 1,
      already_current: 1,
    });
    const after = await similarity(client, ids.chinese);
    assert.ok(after > before + 0.1, `found by meaning now: ${before} → ${after}`);
    const again = await client.call<{ needs_reindex: number }>("memory.get_stats", {});
    assert.equal(again.needs_reindex, 0);
  });
}

/** The Chroma collection `name` on the server at `url`, and a client. */
async function chromaCollection(url: string, name: string) {
  const { hostname, port } = new URL(url);
  const client = new ChromaClient({ host: hostname, port: Number(port) });
  return await client.getCollection({ name });
}

Deno.test("SQLite: old local vectors of non-ASCII memories are made again by the reindex", async () => {
  const env = { DATA_DIR: Deno.makeTempDirSync({ prefix: "persona-remake-" }) };
  await checkRemade(env, async (server, ids) => {
    const db = server.services.db;
    await db.run(
      `UPDATE memories SET (vector, index_vector) =
         (SELECT vector, index_vector FROM memories WHERE id = ?) WHERE id = ?`,
      ids.english,
      ids.chinese,
    );
    await db.run("DROP TABLE memory_remake");
    await db.run("DELETE FROM schema_migrations WHERE name = 'memories_vectors_analyser_2'");
  });
});

Deno.test("SQLite with Chroma: a vector without the analyser mark is made again", async () => {
  const chroma = await startChromaServer({
    path: Deno.makeTempDirSync({ prefix: "remake-chroma-" }),
  });
  try {
    const env = {
      DATA_DIR: Deno.makeTempDirSync({ prefix: "persona-remake-" }),
      MEMORY_BACKEND: "chroma",
      CHROMA_URL: chroma.url,
    };
    await checkRemade(env, async (server, ids) => {
      const name = collectionName(server.services.memory.embedderId);
      const collection = await chromaCollection(chroma.url, name);
      const stored = await collection.get({
        ids: [ids.chinese, ids.english],
        include: ["documents", "metadatas", "embeddings"],
      });
      const at = (id: string) => stored.ids.indexOf(id);
      // As an older version stored it: no mark, and (here) the English vector.
      const { vectors_analyser: _mark, ...metadata } = stored.metadatas[at(ids.chinese)]!;
      await collection.delete({ ids: [ids.chinese] });
      await collection.add({
        ids: [ids.chinese],
        embeddings: [stored.embeddings[at(ids.english)]!],
        documents: [stored.documents[at(ids.chinese)]!],
        metadatas: [metadata],
      });
    });
  } finally {
    await chroma.stop();
  }
});

Deno.test({
  name: "PostgreSQL: old local vectors of non-ASCII memories are made again by the reindex",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresChromaEnv(async (env) => {
      await checkRemade(env, async (server, ids) => {
        const name = vectorCollectionName(server.services.memory.embedderId);
        const collection = await chromaCollection(env.CHROMA_URL!, name);
        const english = await collection.get({ ids: [ids.english], include: ["embeddings"] });
        await collection.update({ ids: [ids.chinese], embeddings: [english.embeddings[0]!] });
        const db = server.services.db;
        await db.run("DROP TABLE memory_remake");
        await db.run(
          "DELETE FROM schema_migrations WHERE name = 'pg_memories_vectors_analyser_2'",
        );
      });
    });
  },
});
