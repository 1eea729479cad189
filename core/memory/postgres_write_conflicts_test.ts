/**
 * On PostgreSQL storage every memory write (not only those under `exclusively`) that PostgreSQL
 * ends for a deadlock or a serialization failure is run once more, then refused as busy
 * (-32003): never an internal error for the client. A real deadlock (two transactions locking
 * two rows in opposite order), then the real error codes raised by a trigger on each write path.
 */
import assert from "node:assert/strict";
import { Busy } from "../errors.ts";
import { PersonaCreate } from "../personas/mod.ts";
import type { PostgresDatabase } from "../storage/mod.ts";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { MemoryInput, type MemoryRecord } from "./schema.ts";
import { withChromaPostgresNodes } from "./testing/chroma_postgres_nodes.ts";
import { waitForLockWait } from "./testing/lock_waits.ts";

/**
 * A trigger on every write to `memories` raising `code` on the first `failures` statements after
 * each {@linkcode failNext}; `runs()` counts the statements since.
 */
async function conflictTrigger(db: PostgresDatabase) {
  await db.exec(`
    CREATE SEQUENCE conflict_runs;
    CREATE TABLE conflict_plan (failures int NOT NULL, code text NOT NULL);
    INSERT INTO conflict_plan VALUES (0, '40001');
    CREATE FUNCTION conflict_now() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE plan conflict_plan;
    BEGIN
      SELECT * INTO plan FROM conflict_plan;
      -- nextval is not rolled back with the aborted transaction: it counts every run.
      IF nextval('conflict_runs') <= plan.failures THEN
        RAISE EXCEPTION 'conflict for the test' USING ERRCODE = plan.code;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER conflict_now BEFORE INSERT OR UPDATE OR DELETE ON memories
      FOR EACH STATEMENT EXECUTE FUNCTION conflict_now();`);
  return {
    async failNext(failures: number, code: "40P01" | "40001"): Promise<void> {
      await db.run("UPDATE conflict_plan SET failures = ?, code = ?", failures, code);
      await db.get("SELECT setval('conflict_runs', 1, false)");
    },
    async runs(): Promise<number> {
      const row = await db.get<{ n: number }>(
        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END::int AS n FROM conflict_runs",
      );
      return row!.n;
    },
  };
}

Deno.test({
  name: "PostgreSQL: every memory write ended by a conflict is run once more, then busy",
  ignore: POSTGRES_SKIPPED,
  async fn(t) {
    await withChromaPostgresNodes(
      {
        backendOf: (db, vectors) => new PostgresMemoryBackend(db, vectors),
      },
      async (node) => {
        const one = await node();
        const two = await node();
        const aria = await one.personas.create(PersonaCreate.parse({ name: "Aria" }));
        const store = async (content: string): Promise<MemoryRecord> => {
          const stored = await one.memory.store(aria, MemoryInput.parse({ content }));
          return (await one.backend.get(stored.id))!;
        };
        // The touch's one UPDATE locks its rows in id order (an index scan) or in the order they
        // were stored (a sequential scan): `first` is stored before `second` and has the lower
        // id, so that either way the touch takes `first` before it waits for `second` (were it
        // to wait for `second` first, nobody would deadlock).
        let first = await store("Aria keeps a lighthouse.");
        let second = await store("Aria sails at dawn.");
        for (let day = 1; first.id > second.id; day++) {
          first = second;
          second = await store(`Aria sails at dawn, day ${day}.`);
        }

        await t.step("a touch that a real deadlock ended is run once more", async () => {
          // The other node locks the second row, waits until the touch holds the first and
          // waits for the second, then asks for the first: PostgreSQL ends the touch (it waited
          // longer), the other transaction commits, and the touch runs again.
          // The touch starts only once the other node holds the second row: were it first, it
          // would take both rows and nobody would ever wait.
          let holdsSecond!: () => void;
          const secondHeld = new Promise<void>((resolve) => holdsSecond = resolve);
          const other = two.db.transaction(async () => {
            // PostgreSQL ends whichever side checks for a deadlock first: the other side checks
            // late, so the touch is always the one ended.
            await two.db.run("SET LOCAL deadlock_timeout = '10s'");
            await two.db.run("UPDATE memories SET importance = 0.6 WHERE id = ?", second.id);
            holdsSecond();
            await waitForLockWait(two.db, { what: "the touch", statement: "SET accessed_count" });
            await two.db.run("UPDATE memories SET importance = 0.6 WHERE id = ?", first.id);
          });
          other.catch(() => {});
          // The touch's statements, counted as the backend sends them: a deadlock ends the first
          // and the backend runs it once more. (PostgreSQL's own count, `pg_stat_database`,
          // lags behind by up to 10 s and under a loaded test run was read as unchanged.)
          const db = one.db as unknown as { run: (sql: string, ...params: unknown[]) => unknown };
          const run = db.run;
          let touches = 0;
          db.run = function (this: unknown, sql: string, ...params: unknown[]) {
            if (sql.includes("SET accessed_count")) touches++;
            return run.call(this, sql, ...params);
          };
          await secondHeld;
          try {
            await one.backend.touch([first, second], "2026-06-01T00:00:00.000Z");
          } finally {
            db.run = run;
          }
          await other;
          const after = await Promise.all([first, second].map((r) => one.backend.get(r.id)));
          assert.deepEqual(after.map((r) => [r!.accessed_count, r!.importance]), [[1, 0.6], [
            1,
            0.6,
          ]]);
          assert.equal(touches, 2, "the deadlock ended the touch; it ran once more");
        });

        const conflicts = await conflictTrigger(one.db);
        // Each write is handed a fresh memory, stored before the conflicts are armed.
        const writes: Record<string, (fresh: MemoryRecord) => Promise<unknown>> = {
          insert: () => one.memory.store(aria, MemoryInput.parse({ content: "Aria rows." })),
          save: (fresh) => one.backend.save([{ record: { ...fresh, importance: 0.7 } }]),
          touch: (fresh) => one.backend.touch([fresh], "2026-06-02T00:00:00.000Z"),
          delete: (fresh) => one.backend.delete([fresh.id]),
          deletePersona: () => one.backend.deletePersona("no-such-persona"),
        };
        for (const [name, write] of Object.entries(writes)) {
          await t.step(`${name}: one conflict is run again; two are busy`, async () => {
            let fresh = await store("Aria remembers this.");
            await conflicts.failNext(1, "40P01");
            await write(fresh);
            assert.equal(await conflicts.runs(), 2);
            fresh = await store("Aria remembers that.");
            await conflicts.failNext(2, "40001");
            await assert.rejects(write(fresh), Busy);
            assert.equal(await conflicts.runs(), 2, "run twice, not more");
            await conflicts.failNext(0, "40001");
          });
        }
      },
    );
  },
});
