/**
 * Vectors the local embedder made from the words of the analyser before version 2 (a text that is
 * not plain ASCII) are queued on upgrade and made again by `memory.reindex`, with progress, so an
 * old Chinese memory is found by meaning (`vector_remake.ts`): SQLite and PostgreSQL by the
 * migrations `memories_vectors_analyser_2` / `pg_memories_vectors_analyser_2`, Chroma by the
 * analyser mark of each vector. Plain ASCII memories are current. With `MEMORY_REMAKE_ENABLED`
 * (the default) the server remakes them in the background with no reindex call
 * (`vector_remaker.ts`): `needs_reindex` goes to 0 by itself. Real servers, restarted.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
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
  const server = await startTestServer({
    MEMORY_REMAKE_ENABLED: "false",
    ...env,
    MEMORY_DECAY_ENABLED: "false",
  });
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

/** `memory.get_stats`'s `needs_reindex`. */
async function needsReindex(client: RpcClient): Promise<number> {
  return (await client.call<{ needs_reindex: number }>("memory.get_stats", {})).needs_reindex;
}

/**
 * Stores both memories, lets `makeOld` give the Chinese one the vector an old version would have
 * stored (here: the English one's, which shares nothing with it), restarts, and checks the
 * reindex remakes it alone; with `background`, that the server remakes it with no reindex call.
 */
async function checkRemade(
  env: Record<string, string>,
  makeOld: (server: Server, ids: Ids) => Promise<void>,
  background = false,
): Promise<void> {
  let fresh = 0;
  const ids = await withServer(env, async (client, server) => {
    const store = async (content: string) =>
      (await client.call<{ memory_id: string }>("memory.store", { content })).memory_id;
    const ids = { chinese: await store(CHINESE), english: await store(ENGLISH) };
    assert.equal(await needsReindex(client), 0, "this version's vectors are current");
    fresh = await similarity(client, ids.chinese);
    await makeOld(server, ids);
    return ids;
  });
  if (background) return await checkBackground(env, { ids, fresh });
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

/**
 * Restarts with the background remaking on and waits for its first pass (begun at start): the
 * stale vector is remade with no reindex call, the Chinese memory's similarity is `fresh` again,
 * and a reindex then finds nothing to do.
 */
async function checkBackground(
  env: Record<string, string>,
  { ids, fresh }: { ids: Ids; fresh: number },
): Promise<void> {
  await withServer({ ...env, MEMORY_REMAKE_ENABLED: "true" }, async (client, server) => {
    // The pass the server began at start (no deadline: a loaded machine is only slower).
    await server.services.memory.remaker.pass;
    assert.equal(await needsReindex(client), 0, "needs_reindex goes to 0 with no reindex call");
    assert.equal(server.services.memory.remaker.remade, 1, "remade in the background");
    const after = await similarity(client, ids.chinese);
    assert.ok(Math.abs(after - fresh) < 0.01, `its own vector again: ${fresh} vs ${after}`);
    const result = await client.call<{ reindexed: number }>("memory.reindex", {});
    assert.equal(result.reindexed, 0, "nothing left for the reindex");
  });
}

/** The Chroma collection `name` on the server at `url`, and a client. */
async function chromaCollection(url: string, name: string) {
  const { hostname, port } = new URL(url);
  const client = new ChromaClient({ host: hostname, port: Number(port) });
  return await client.getCollection({ name });
}

/** As an older SQLite version stored the Chinese memory: the English vector, queued by migration. */
async function oldOnSqlite(server: Server, ids: Ids): Promise<void> {
  const db = server.services.db;
  await db.run(
    `UPDATE memories SET (vector, index_vector) =
       (SELECT vector, index_vector FROM memories WHERE id = ?) WHERE id = ?`,
    ids.english,
    ids.chinese,
  );
  await db.run("DROP TABLE memory_remake");
  await db.run("DELETE FROM schema_migrations WHERE name = 'memories_vectors_analyser_2'");
}

/** As an older version stored it in Chroma (`url`): no mark, and (here) the English vector. */
async function oldOnChroma(url: string, server: Server, ids: Ids): Promise<void> {
  const name = collectionName(server.services.memory.embedderId);
  const collection = await chromaCollection(url, name);
  const stored = await collection.get({
    ids: [ids.chinese, ids.english],
    include: ["documents", "metadatas", "embeddings"],
  });
  const at = (id: string) => stored.ids.indexOf(id);
  const { vectors_analyser: _mark, ...metadata } = stored.metadatas[at(ids.chinese)]!;
  await collection.delete({ ids: [ids.chinese] });
  await collection.add({
    ids: [ids.chinese],
    embeddings: [stored.embeddings[at(ids.english)]!],
    documents: [stored.documents[at(ids.chinese)]!],
    metadatas: [metadata],
  });
}

/** As an older PostgreSQL version stored it: the English vector (Chroma at `url`), by migration. */
async function oldOnPostgres(url: string, server: Server, ids: Ids): Promise<void> {
  const name = vectorCollectionName(server.services.memory.embedderId);
  const collection = await chromaCollection(url, name);
  const english = await collection.get({ ids: [ids.english], include: ["embeddings"] });
  await collection.update({ ids: [ids.chinese], embeddings: [english.embeddings[0]!] });
  const db = server.services.db;
  await db.run("DROP TABLE memory_remake");
  await db.run("DELETE FROM schema_migrations WHERE name = 'pg_memories_vectors_analyser_2'");
}

for (const background of [false, true]) {
  const by = background ? "in the background, with no reindex call" : "by the reindex";

  Deno.test(`SQLite: old local vectors of non-ASCII memories are made again ${by}`, async () => {
    const env = { DATA_DIR: tempDirSync("persona-remake-") };
    await checkRemade(env, oldOnSqlite, background);
  });

  Deno.test(`SQLite with Chroma: a vector without the analyser mark is made again ${by}`, async () => {
    const chroma = await startChromaServer();
    try {
      const env = {
        DATA_DIR: tempDirSync("persona-remake-"),
        MEMORY_BACKEND: "chroma",
        CHROMA_URL: chroma.url,
      };
      await checkRemade(env, (server, ids) => oldOnChroma(chroma.url, server, ids), background);
    } finally {
      await chroma.stop();
    }
  });

  Deno.test({
    name: `PostgreSQL: old local vectors of non-ASCII memories are made again ${by}`,
    ignore: POSTGRES_SKIPPED,
    async fn() {
      await withPostgresChromaEnv(async (env) => {
        const url = env.CHROMA_URL!;
        await checkRemade(env, (server, ids) => oldOnPostgres(url, server, ids), background);
      });
    },
  });
}

Deno.test("memory.reindex's description says it remakes the vectors an analyser change queued", async () => {
  const { handlers } = await import("../handlers/_manifest.gen.ts");
  const reindex = handlers.find((handler) => handler.method === "memory.reindex");
  assert.ok(reindex, "memory.reindex is listed");
  assert.match(reindex.description, /analyser change/);
  const readme = await Deno.readTextFile(new URL("../handlers/README.md", import.meta.url));
  const section = readme.slice(readme.indexOf("### `memory.reindex`"));
  assert.match(section.slice(0, section.indexOf("\n| ")), /analyser change/);
});
