/**
 * `deno task migrate-to-postgres`: an existing SQLite deployment moves into PostgreSQL whole
 * (every table, row for row; memories stored again with their vectors, found by words and by
 * meaning there), and a second run refuses to write into a database that has personas.
 */
import assert from "node:assert/strict";
import { COPIED_TABLES } from "../core/cluster/migrate_to_postgres.ts";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { MemoryInput } from "../core/memory/mod.ts";
import { PersonaCreate } from "../core/personas/mod.ts";
import { createServices } from "../core/services.ts";
import { POSTGRES_SKIPPED, testSchema } from "../core/storage/testing/databases.ts";
import { REPO_ROOT, testConfig, testLogger } from "./_helpers.ts";

async function counts(db: { get<T>(sql: string): Promise<T | undefined> }) {
  const result: Record<string, number> = {};
  for (const table of [...COPIED_TABLES, "memories"]) {
    result[table] = (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0;
  }
  return result;
}

Deno.test({
  name: "deno task migrate-to-postgres moves a SQLite deployment into PostgreSQL whole",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "persona-migrate-" });
    const chroma = await startChromaServer({ path: `${dataDir}/chroma` });
    const schema = await testSchema();
    try {
      // A SQLite deployment with a bit of everything.
      const source = await createServices(
        testConfig({ DATA_DIR: dataDir, MEMORY_REFLECTION: "true" }),
        { log: testLogger() },
      );
      const aria = await source.personas.resolve("Aria");
      const kira = await source.personas.resolve("Kira");
      const wren = await source.personas.create(PersonaCreate.parse({ name: "Wren" }));
      await source.relationships.recordInteraction(aria.id, kira.id, {
        quality: 0.8,
        duration_minutes: 20,
        context: "conversation",
      });
      await source.emotions.talk(wren, { role: "speaker", quality: 0.5, interest: 0.5 });
      await source.memory.store(
        aria,
        MemoryInput.parse({ content: "Kira taught me the harbour song" }),
      );
      await source.memory.store(wren, MemoryInput.parse({ content: "The ferry leaves at noon" }));
      for (let n = 0; n < 3; n++) {
        await source.history.append({
          id: `msg_${n}`,
          persona_id: aria.id,
          session_id: "s",
          room_id: null,
          sender: "user",
          content: `hello ${n}`,
          response: `hi ${n}`,
          model: "m",
          prompt_tokens: 1,
          completion_tokens: 1,
          response_time_ms: 1,
          created_at: `2026-01-01T00:00:0${n}.000Z`,
          kind: "exchange",
          greeting_index: null,
        });
      }
      await source.savedSessions.save({
        key: "slot",
        active_persona_id: wren.id,
        visual_context: null,
        saved_at: "t",
      });
      const book = await source.lore.create({ extensions: {}, entries: [] }, { name: "Harbour" });
      await source.lore.attach(book.id, { personaId: aria.id });
      const room = await source.rooms.create({ personas: [aria, kira], name: "Tavern" });
      await source.lore.attach(book.id, { roomId: room.id });
      await source.characters.setAssets(wren.id, [
        { type: "icon", name: "main", ext: "png", data: new Uint8Array([1, 2, 3]) },
      ]);
      // The mind: core blocks and their log, reflection counters (the stores above count), a job.
      await source.blocks.set(aria, { label: "world", content: "The harbour of Vell." });
      await source.blocks.append(aria, { label: "world", content: "Ferries at dawn." });
      await source.jobs.enqueue({
        kind: "reflect",
        personaId: wren.id,
        key: "reflect:wren:1",
        payload: { amount: 2, generation: 1 },
      });
      // The mind counts the stores once the event loop turns (off the reply path): wait for it.
      await source.jobs.figures();
      const before = await counts(source.db);
      assert.ok(before.reflection_counters! > 0 && before.jobs === 1, JSON.stringify(before));
      await source.memory.close();
      await source.db.close();

      const env = {
        ENV_FILE: "/nonexistent",
        DATA_DIR: dataDir,
        DATABASE_URL: schema.url,
        MEMORY_BACKEND: "chroma",
        CHROMA_URL: chroma.url,
        NO_COLOR: "1",
      };
      const run = () =>
        new Deno.Command(Deno.execPath(), {
          args: ["task", "migrate-to-postgres"],
          cwd: REPO_ROOT,
          env,
          stdout: "piped",
          stderr: "piped",
        }).output();
      const moved = await run();
      const said = new TextDecoder().decode(moved.stdout) + new TextDecoder().decode(moved.stderr);
      assert.equal(moved.code, 0, said);
      assert.match(said, /memories: 2/);

      const target = await createServices(
        testConfig({ ...env, STORAGE: "postgres", SEED_PERSONAS: "true" }),
        { log: testLogger() },
      );
      try {
        assert.deepEqual(await counts(target.db), before, "every table, row for row");
        assert.deepEqual((await target.personas.list()).map((p) => p.name), [
          "Aria",
          "Kira",
          "Wren",
        ]);
        const relationship = await target.relationships.get(aria.id, kira.id);
        assert.equal(relationship?.interaction_count, 1);
        const hits = await target.memory.search(await target.personas.get(aria.id), {
          query: "harbour songs",
          n_results: 3,
          min_importance: 0,
        });
        assert.equal(hits[0]?.content, "Kira taught me the harbour song", "found by word forms");
        const page = await target.history.page({ personaId: aria.id }, { limit: 2 });
        assert.deepEqual(page.messages.map((m) => m.id), ["msg_2", "msg_1"], "in the same order");
        assert.equal((await target.savedSessions.load("slot"))?.active_persona_id, wren.id);
        assert.deepEqual((await target.lore.list({ persona: aria })).map((b) => b.name), [
          "Harbour",
        ]);
        assert.deepEqual([...(await target.characters.assets(wren.id))[0]!.data!], [1, 2, 3]);
        // New rows continue after the copied ones.
        await target.history.append({
          id: "msg_new",
          persona_id: aria.id,
          session_id: "s",
          room_id: null,
          sender: "user",
          content: "again",
          response: "yes",
          model: "m",
          prompt_tokens: 1,
          completion_tokens: 1,
          response_time_ms: 1,
          created_at: "2026-01-02T00:00:00.000Z",
          kind: "exchange",
          greeting_index: null,
        });
        assert.equal(
          (await target.history.page({ personaId: aria.id }, { limit: 1 })).messages[0]?.id,
          "msg_new",
        );
        const world = await target.blocks.get(aria, "world");
        assert.equal(world.content, "The harbour of Vell.\nFerries at dawn.");
        await target.blocks.append(aria, { label: "world", content: "Fog." });
        assert.deepEqual(
          (await target.blocks.changes(aria, "world", 5)).map((change) => change.action),
          ["append", "append", "create"],
          "the change log goes on after the copied rows",
        );
        const jobs = await target.jobs.list({}, { limit: 10, offset: 0 });
        assert.ok(jobs.jobs.some((job) => job.key === "reflect:wren:1" && job.state === "queued"));
        await target.jobs.enqueue({
          kind: "reflect",
          personaId: wren.id,
          key: "reflect:wren:2",
          payload: { amount: 2, generation: 2 },
        });
      } finally {
        await target.memory.close();
        await target.db.close();
      }

      const again = await run();
      assert.equal(again.code, 1);
      assert.match(new TextDecoder().decode(again.stderr), /already has personas/);
    } finally {
      await chroma.stop();
      await schema.drop();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
