/**
 * A deleted persona leaves no memory index version row behind on SQLite (deleting its memories
 * bumped the row back in), and a migration removes the rows earlier deletions left. Real server,
 * real SQLite file, restarted on the same data directory.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { startTestServer } from "./_helpers.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient } from "./_helpers.ts";

async function versionRows(server: { services: { db: { all<T>(sql: string): Promise<T[]> } } }) {
  return (await server.services.db.all<{ persona_id: string }>(
    "SELECT persona_id FROM memory_versions ORDER BY persona_id",
  )).map((row) => row.persona_id);
}

Deno.test("deleting a persona deletes its memory_versions row; a migration removes old orphans", async () => {
  const fake = FakeOllama.start();
  const dataDir = tempDirSync("persona-versions-");
  const env = { OLLAMA_HOST: fake.url, DATA_DIR: dataDir, MEMORY_BACKEND: "sqlite" };
  let server = await startTestServer(env);
  let client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona } = await client.call<{ persona: { id: string } }>("persona.create", {
      name: "Fleeting",
      description: "d",
    });
    for (const content of ["First memory.", "Second memory."]) {
      await client.call("memory.store", { persona_id: persona.id, content });
    }
    assert.ok((await versionRows(server)).includes(persona.id), "the row exists while it lives");
    await client.call("persona.delete", { persona_id: persona.id });
    assert.ok(!(await versionRows(server)).includes(persona.id), "gone with the persona");
    // What a deletion before the fix left: a row for nobody, the migration not yet applied.
    await server.services.db.run(
      "INSERT INTO memory_versions (persona_id, version) VALUES ('deleted-long-ago', 3)",
    );
    await server.services.db.run(
      "DELETE FROM schema_migrations WHERE name = 'memory_versions_orphans_1'",
    );
    const living = await versionRows(server);
    await client.close();
    await server.shutdown();
    server = await startTestServer(env);
    client = await RpcClient.connect(server.wsUrl);
    const after = await versionRows(server);
    assert.ok(!after.includes("deleted-long-ago"), "the orphan is removed on start");
    assert.deepEqual(after, living.filter((id) => id !== "deleted-long-ago"));
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});
