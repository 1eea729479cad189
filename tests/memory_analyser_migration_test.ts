/**
 * Terms stored by the analyser before version 2 (a Chinese clause as one term) are made again on
 * upgrade, so an old database's memories are found by the words inside them: on SQLite by the
 * migration `memories_terms_analyser_2` and the persona's next index load, on PostgreSQL by
 * `pg_memories_terms_analyser_2` and the pass the backend's first search begins in the
 * background. Plain ASCII memories keep
 * their stored terms. Real server restarted on the same SQLite file / PostgreSQL schema.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { RpcClient, startTestServer, withPostgresChromaEnv } from "./_helpers.ts";
import { asOlderStore, queuedIn } from "./_older_analyser.ts";

const CHINESE = "我最喜欢的水果是苹果，每天早上都吃一个。";
/** What the analyser before version 2 made of {@linkcode CHINESE}: two clauses. */
const OLD_TERMS = ["我最喜欢的水果是苹果", "每天早上都吃一个"];
const ENGLISH = "The ferry leaves at noon";

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Hits = { memories: Array<{ id: string; score_parts: { lexical: number } }> };

/** Stores the two memories; their ids. */
async function storeBoth(client: RpcClient): Promise<{ chinese: string; english: string }> {
  await client.call("persona.switch", { persona_id: "Aria" });
  const store = async (content: string) =>
    (await client.call<{ memory_id: string }>("memory.store", { content })).memory_id;
  return { chinese: await store(CHINESE), english: await store(ENGLISH) };
}

/** Whether `query` finds `id` first by its words (the vectors were made by this version). */
async function findsFirst(client: RpcClient, query: string, id: string): Promise<boolean> {
  await client.call("persona.switch", { persona_id: "Aria" });
  const { memories } = await client.call<Hits>("memory.search", { query, explain: true });
  return memories[0]?.id === id && memories[0]!.score_parts.lexical > 0;
}

/** Restarts with `env`, runs `work` with a client, and shuts down. */
async function restarted<T>(
  env: Record<string, string>,
  work: (c: RpcClient, s: Server) => Promise<T>,
) {
  const server = await startTestServer(env);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    return await work(client, server);
  } finally {
    await client.close();
    await server.shutdown();
  }
}

/** The `terms` column of SQLite: a count then the sorted 32-bit term ids, little-endian. */
function termsBlob(ids: number[]): Uint8Array {
  const blob = new Uint32Array([ids.length, ...ids.sort((a, b) => a - b)]);
  return new Uint8Array(blob.buffer);
}

Deno.test("SQLite: terms of the old analyser are made again on upgrade; ASCII rows keep theirs", async () => {
  const env = {
    DATA_DIR: tempDirSync("persona-analyser-"),
    MEMORY_DECAY_ENABLED: "false",
  };
  const { ids, englishTerms } = await restarted(env, async (client, server) => {
    const ids = await storeBoth(client);
    const db = server.services.db;
    // What an old server stored: the clauses as terms, the migration not yet applied.
    const termIds: number[] = [];
    for (const term of OLD_TERMS) {
      termIds.push(
        (await db.get<{ id: number }>(
          "INSERT INTO memory_terms (term) VALUES (?) RETURNING id",
          term,
        ))!.id,
      );
    }
    await db.run("UPDATE memories SET terms = ? WHERE id = ?", termsBlob(termIds), ids.chinese);
    await db.run("DELETE FROM schema_migrations WHERE name = 'memories_terms_analyser_2'");
    const english = await db.get<{ terms: Uint8Array }>(
      "SELECT terms FROM memories WHERE id = ?",
      ids.english,
    );
    return { ids, englishTerms: english!.terms };
  });
  await restarted(env, async (client, server) => {
    assert.ok(await findsFirst(client, "苹果", ids.chinese), "found by a word inside the clause");
    assert.ok(await findsFirst(client, "ferry", ids.english));
    const english = await server.services.db.get<{ terms: Uint8Array }>(
      "SELECT terms FROM memories WHERE id = ?",
      ids.english,
    );
    assert.deepEqual(english!.terms, englishTerms, "plain ASCII is analysed as before: kept");
  });
});

Deno.test({
  name: "PostgreSQL: terms of the old analyser are made again from the first search after upgrade",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresChromaEnv(async (base) => {
      const env = { ...base, MEMORY_DECAY_ENABLED: "false" };
      const ids = await restarted(env, async (client, server) => {
        const ids = await storeBoth(client);
        const db = server.services.db;
        await db.run(
          "UPDATE memories SET terms = CAST(? AS tsvector), term_count = ? WHERE id = ?",
          OLD_TERMS.map((term) => `'${term}':1`).join(" "),
          OLD_TERMS.length,
          ids.chinese,
        );
        await db.run("DROP TABLE memory_reanalyse");
        await db.run("DELETE FROM schema_migrations WHERE name = 'pg_memories_terms_analyser_2'");
        return ids;
      });
      await restarted(env, async (client, server) => {
        const db = server.services.db;
        assert.equal((await db.all("SELECT id FROM memory_reanalyse")).length, 1, "queued");
        // The first search begins the re-analysis in the background (it does not wait for it).
        await findsFirst(client, "苹果", ids.chinese);
        for (let tries = 0; tries < 600; tries++) {
          if ((await db.all("SELECT id FROM memory_reanalyse")).length === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.deepEqual(await db.all("SELECT id FROM memory_reanalyse"), [], "queue emptied");
        assert.ok(await findsFirst(client, "苹果", ids.chinese), "found by a word inside");
        const stats = await db.all<{ term: string }>(
          "SELECT term FROM memory_term_stats WHERE term IN (?, ?, ?)",
          "苹果",
          ...OLD_TERMS,
        );
        assert.deepEqual(stats.map((row) => row.term), ["苹果"], "the statistics followed");
        assert.ok(await findsFirst(client, "ferry", ids.english));
      });
    });
  },
});

const TEXTED = "its jakes bday on the 14th lol";
/** What the analyser before version 3 stored for {@linkcode TEXTED}: its words as they are. */
const TEXTED_OLD_TERMS = ["jake", "bdai", "14th", "lol"];

/** Stores {@linkcode TEXTED} and {@linkcode ENGLISH}; their ids. */
async function storeTexted(client: RpcClient): Promise<{ texted: string; english: string }> {
  await client.call("persona.switch", { persona_id: "Aria" });
  const store = async (content: string) =>
    (await client.call<{ memory_id: string }>("memory.store", { content })).memory_id;
  return { texted: await store(TEXTED), english: await store(ENGLISH) };
}

Deno.test("SQLite: a texted memory stored by analyser 2 is found by its written words after upgrade", async () => {
  const env = { DATA_DIR: tempDirSync("persona-analyser3-"), MEMORY_DECAY_ENABLED: "false" };
  const ids = await restarted(env, async (client, server) => {
    const ids = await storeTexted(client);
    const db = server.services.db;
    const termIds: number[] = [];
    for (const term of TEXTED_OLD_TERMS) {
      await db.run("INSERT OR IGNORE INTO memory_terms (term) VALUES (?)", term);
      termIds.push(
        (await db.get<{ id: number }>("SELECT id FROM memory_terms WHERE term = ?", term))!.id,
      );
    }
    await db.run("UPDATE memories SET terms = ? WHERE id = ?", termsBlob(termIds), ids.texted);
    await db.run("DELETE FROM memory_remake");
    await db.run("DELETE FROM schema_migrations WHERE name = 'memories_analyser_3'");
    return ids;
  });
  await restarted(env, async (client) => {
    assert.ok(await findsFirst(client, "birthday", ids.texted), "birthday = bday");
    assert.ok(await findsFirst(client, "ferry", ids.english));
  });
});

Deno.test({
  name:
    "PostgreSQL: a texted memory stored by analyser 2 is found by its written words after upgrade",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresChromaEnv(async (base) => {
      // The background remaker off: the vector queue stays as the migration left it.
      const env = { ...base, MEMORY_DECAY_ENABLED: "false", MEMORY_REMAKE_ENABLED: "false" };
      const ids = await restarted(env, async (client, server) => {
        const ids = await storeTexted(client);
        await asOlderStore(server.services.db, {
          version: 2,
          id: ids.texted,
          terms: TEXTED_OLD_TERMS,
          migration: "pg_memories_analyser_3",
        });
        return ids;
      });
      await restarted(env, async (client, server) => {
        const db = server.services.db;
        assert.deepEqual(await queuedIn(db, "memory_reanalyse"), [ids.texted], "the English not");
        assert.deepEqual(await queuedIn(db, "memory_remake"), [ids.texted], "its local vector");
        await findsFirst(client, "birthday", ids.texted);
        for (let tries = 0; tries < 600; tries++) {
          if ((await db.all("SELECT id FROM memory_reanalyse")).length === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.deepEqual(await db.all("SELECT id FROM memory_reanalyse"), [], "queue emptied");
        assert.ok(await findsFirst(client, "birthday", ids.texted), "bday found");
        assert.ok(await findsFirst(client, "ferry", ids.english));
      });
    });
  },
});
