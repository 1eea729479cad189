/**
 * The upgrade to analyser 4 (dialect and texting spellings of function words read as them:
 * "dae", "ye", "aboot"): a memory whose terms analyser 3 stored ("dae ye ken aboot the rent" with
 * "dae", "ye" and "aboot" as content) is read again and then scored as one written by analyser 4
 * (the same terms, so the same lexical score as "do you ken about the rent"); a memory without
 * such a spelling keeps its terms and is not queued. SQLite by `memories_analyser_4` and the
 * persona's next load, PostgreSQL by `pg_memories_analyser_4` and the pass its first search
 * begins. Real server restarted on the same SQLite file / PostgreSQL schema.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import type { Database } from "../core/storage/mod.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { RpcClient, startTestServer, withPostgresChromaEnv } from "./_helpers.ts";
import { asOlderStore, queuedIn } from "./_older_analyser.ts";

const DIALECT = "Dae ye ken aboot the rent, it went up again";
/** {@linkcode DIALECT} in standard spelling: the same terms under analyser 4. */
const STANDARD = "Do you ken about the rent, it went up again";
/** What analyser 3 stored for {@linkcode DIALECT} (its dialect spellings as content). */
const OLD_TERMS = ["dae", "ye", "ken", "aboot", "rent", "went"];
const TEXTED = "its jakes bday on the 14th lol";

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Ids = { dialect: string; standard: string; texted: string };
type Hits = { memories: Array<{ id: string; score_parts: { lexical: number } }> };

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

/** Stores the three memories for Aria; their ids. */
async function storeAll(client: RpcClient): Promise<Ids> {
  await client.call("persona.switch", { persona_id: "Aria" });
  const store = async (content: string) =>
    (await client.call<{ memory_id: string }>("memory.store", { content })).memory_id;
  return {
    dialect: await store(DIALECT),
    standard: await store(STANDARD),
    texted: await store(TEXTED),
  };
}

/** The lexical score of the dialect and the standard memory for a question about the rent. */
async function lexicalScores(client: RpcClient, ids: Ids): Promise<[number, number]> {
  await client.call("persona.switch", { persona_id: "Aria" });
  const { memories } = await client.call<Hits>("memory.search", {
    query: "the rent went up",
    explain: true,
  });
  const score = (id: string) => memories.find((hit) => hit.id === id)?.score_parts.lexical;
  const [dialect, standard] = [score(ids.dialect), score(ids.standard)];
  assert.ok(dialect !== undefined && standard !== undefined, "both found");
  return [dialect, standard];
}

/** The `terms` column of SQLite: a count then the sorted 32-bit term ids, little-endian. */
function termsBlob(ids: number[]): Uint8Array {
  const blob = new Uint32Array([ids.length, ...ids.sort((a, b) => a - b)]);
  return new Uint8Array(blob.buffer);
}

/** The stored terms column of `id` (SQLite). */
async function termsOf(db: Database, id: string): Promise<Uint8Array> {
  return (await db.get<{ terms: Uint8Array }>("SELECT terms FROM memories WHERE id = ?", id))!
    .terms;
}

Deno.test("SQLite: a dialect memory stored by analyser 3 is read again on upgrade, only it", async () => {
  // The background remaker off: the vector queue stays as the migration left it.
  const env = {
    DATA_DIR: tempDirSync("persona-analyser4-"),
    MEMORY_DECAY_ENABLED: "false",
    MEMORY_REMAKE_ENABLED: "false",
  };
  const { ids, textedTerms } = await restarted(env, async (client, server) => {
    const ids = await storeAll(client);
    const [dialect, standard] = await lexicalScores(client, ids);
    assert.equal(dialect, standard, "written by analyser 4: the same terms, the same score");
    const db = server.services.db;
    // What an analyser-3 server stored: the dialect spellings as terms, the migration not applied.
    const termIds: number[] = [];
    for (const term of OLD_TERMS) {
      await db.run("INSERT OR IGNORE INTO memory_terms (term) VALUES (?)", term);
      termIds.push(
        (await db.get<{ id: number }>("SELECT id FROM memory_terms WHERE term = ?", term))!.id,
      );
    }
    await db.run("UPDATE memories SET terms = ? WHERE id = ?", termsBlob(termIds), ids.dialect);
    await db.run("DELETE FROM memory_remake");
    await db.run("DELETE FROM schema_migrations WHERE name = 'memories_analyser_4'");
    return { ids, textedTerms: await termsOf(db, ids.texted) };
  });
  await restarted(env, async (client, server) => {
    const db = server.services.db;
    const queued = await db.all<{ id: string }>("SELECT id FROM memory_remake");
    assert.deepEqual(queued.map((row) => row.id), [ids.dialect], "its local vector, only its");
    const [dialect, standard] = await lexicalScores(client, ids);
    assert.equal(dialect, standard, "read by analyser 4 now");
    assert.deepEqual(await termsOf(db, ids.texted), textedTerms, "a texted memory kept its terms");
  });
});

Deno.test({
  name: "PostgreSQL: a dialect memory stored by analyser 3 is read again after upgrade, only it",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresChromaEnv(async (base) => {
      // The background remaker off: the vector queue stays as the migration left it.
      const env = { ...base, MEMORY_DECAY_ENABLED: "false", MEMORY_REMAKE_ENABLED: "false" };
      const ids = await restarted(env, async (client, server) => {
        const ids = await storeAll(client);
        await asOlderStore(server.services.db, {
          version: 3,
          id: ids.dialect,
          terms: OLD_TERMS,
          migration: "pg_memories_analyser_4",
        });
        return ids;
      });
      await restarted(env, async (client, server) => {
        const db = server.services.db;
        assert.deepEqual(await queuedIn(db, "memory_reanalyse"), [ids.dialect], "only it");
        assert.deepEqual(await queuedIn(db, "memory_remake"), [ids.dialect], "its local vector");
        // The first search begins the re-analysis in the background (it does not wait for it).
        await lexicalScores(client, ids);
        for (let tries = 0; tries < 600; tries++) {
          if ((await db.all("SELECT id FROM memory_reanalyse")).length === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.deepEqual(await queuedIn(db, "memory_reanalyse"), [], "queue emptied");
        const [dialect, standard] = await lexicalScores(client, ids);
        assert.equal(dialect, standard, "read by analyser 4 now");
      });
    });
  },
});
