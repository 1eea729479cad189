/**
 * Two nodes sharing PostgreSQL (memories there, vectors in a real Chroma server) update one
 * memory at once, one its importance, the other its visibility: both changes hold. The
 * interleaving is forced: node one's save waits while node two's update runs (the defect: node
 * one then wrote the record it read before, undoing node two's change).
 */
import assert from "node:assert/strict";
import { PersonaCreate } from "../personas/mod.ts";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import type { MemoryWrite } from "./backend.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { MemoryInput } from "./schema.ts";
import { withChromaPostgresNodes } from "./testing/chroma_postgres_nodes.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A backend that, once armed, runs another write when an update saves (after its read). */
class HookedBackend extends PostgresMemoryBackend {
  #armed: PromiseWithResolvers<void> | null = null;

  /** Arms the hook; `write` is chained here, outside the update (it must not join its transaction). */
  arm<T>(write: () => Promise<T>): Promise<T> {
    this.#armed = Promise.withResolvers<void>();
    return this.#armed.promise.then(write);
  }

  override async save(writes: readonly MemoryWrite[]): Promise<void> {
    const armed = this.#armed;
    this.#armed = null;
    if (armed) {
      armed.resolve();
      // Time for the other node's update to finish; with the fix it waits for this one instead.
      await delay(300);
    }
    await super.save(writes);
  }
}

Deno.test({
  name: "two nodes sharing PostgreSQL: memory updates at once each keep their field",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withChromaPostgresNodes(
      { backendOf: (db, vectors) => new HookedBackend(db, vectors) },
      async (node) => {
        const one = await node();
        const two = await node();
        const aria = await one.personas.create(PersonaCreate.parse({ name: "Aria" }));
        const stored = await one.memory.store(
          aria,
          MemoryInput.parse({ content: "Aria keeps a lighthouse.", importance: 0.5 }),
        );
        const other = one.backend.arm(() => two.memory.update(stored.id, { visibility: "public" }));
        await one.memory.update(stored.id, { importance: 0.9 });
        await other;
        for (const { memory } of [one, two]) {
          const now = await memory.get(stored.id);
          assert.deepEqual([now.importance, now.visibility], [0.9, "public"]);
        }
      },
    );
  },
});
