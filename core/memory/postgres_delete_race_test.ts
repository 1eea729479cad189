/**
 * On PostgreSQL storage, `memory.update` racing a persona delete (through another node) ends
 * cleanly: the update's save writes each row once (a second UPDATE of a row the transaction
 * already wrote re-ran the persona foreign key check and deadlocked with the delete waiting for
 * that row), and a transaction PostgreSQL ends to break a deadlock is run once more, then
 * refused as busy, never left to surface as an internal error.
 */
import assert from "node:assert/strict";
import { Busy } from "../errors.ts";
import { PersonaCreate } from "../personas/mod.ts";
import type { PostgresDatabase } from "../storage/mod.ts";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import type { MemoryWrite } from "./backend.ts";
import type { ChromaVectorStore } from "./chroma_vector_store.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { MemoryInput } from "./schema.ts";
import { withChromaPostgresNodes } from "./testing/chroma_postgres_nodes.ts";
import { waitForLockWait } from "./testing/lock_waits.ts";

/**
 * A backend whose next save first locks its rows (as the first of two UPDATEs did), then lets
 * `meanwhile` start and waits until it is blocked on a lock before writing.
 */
class HookedBackend extends PostgresMemoryBackend {
  readonly #db: PostgresDatabase;
  #meanwhile: (() => Promise<unknown>) | null = null;
  started: Promise<unknown> | null = null;

  constructor(db: PostgresDatabase, vectors: ChromaVectorStore) {
    super(db, vectors);
    this.#db = db;
  }

  arm(meanwhile: () => Promise<unknown>): void {
    this.#meanwhile = meanwhile;
  }

  override async save(writes: readonly MemoryWrite[]): Promise<void> {
    const meanwhile = this.#meanwhile;
    this.#meanwhile = null;
    if (meanwhile) {
      for (const { record } of writes) {
        await this.#db.get("SELECT id FROM memories WHERE id = ? FOR UPDATE", record.id);
      }
      this.started = meanwhile();
      this.started.catch(() => {});
      await waitForLockWait(this.#db, {
        what: "the persona delete",
        statement: "DELETE FROM personas",
      });
    }
    await super.save(writes);
  }
}

Deno.test({
  name: "PostgreSQL: memory.update racing a persona delete on another node: both end cleanly",
  ignore: POSTGRES_SKIPPED,
  async fn(t) {
    await withChromaPostgresNodes(
      { backendOf: (db, vectors) => new HookedBackend(db, vectors) },
      async (node) => {
        const one = await node();
        const two = await node();

        await t.step(
          "new content is saved while the delete waits; then the delete goes on",
          async () => {
            const aria = await one.personas.create(PersonaCreate.parse({ name: "Aria" }));
            const stored = await one.memory.store(
              aria,
              MemoryInput.parse({ content: "Aria keeps a lighthouse.", importance: 0.5 }),
            );
            one.backend.arm(() => two.personas.delete(aria.id));
            const updated = await one.memory.update(stored.id, { content: "Aria keeps a boat." });
            assert.equal(updated.content, "Aria keeps a boat.");
            assert.equal((await one.backend.started as { id: string }).id, aria.id);
            assert.equal(await one.backend.get(stored.id), undefined, "the delete took the memory");
          },
        );

        await t.step(
          "a transaction ended by a deadlock is run once more, then refused as busy",
          async () => {
            const conflict = () =>
              one.db.run(
                "DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END $$",
              );
            let runs = 0;
            const value = await one.backend.exclusively(["p"], async () => {
              if (++runs === 1) await conflict();
              return "done";
            });
            assert.deepEqual([value, runs], ["done", 2]);
            runs = 0;
            await assert.rejects(
              one.backend.exclusively(["p"], async () => {
                runs++;
                await conflict();
              }),
              Busy,
            );
            assert.equal(runs, 2);
            // Other errors are not retried.
            runs = 0;
            await assert.rejects(
              one.backend.exclusively(["p"], async () => {
                runs++;
                await one.db.run("SELECT 1/0");
              }),
              /division by zero/,
            );
            assert.equal(runs, 1);
          },
        );
      },
    );
  },
});
