// Tests that kill mut58's surviving mutants of postgres_kind_keys.ts (core/memory/HISTORY.md,
// "Session 42 — mut58"): one key asked is looked up; no key asked is none tied, even while a row
// has no keys. Real PostgreSQL and Chroma.
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import { postgresTiedKinds } from "./postgres_kind_keys.ts";
import { MemoryInput } from "./schema.ts";
import { withAriaOnOneNode } from "./testing/chroma_postgres_nodes.ts";

Deno.test({
  name: "postgresTiedKinds: one key asked is looked up; no key asked ties none, known or not",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withAriaOnOneNode(async (one, aria) => {
      const home = await one.memory.store(
        aria,
        MemoryInput.parse({ content: "Elmhurst is the care home off Forest Road" }),
      );
      const asked = (keys: string[]) => postgresTiedKinds(one.db, { personaId: aria.id, keys });
      assert.deepEqual(await asked(["home"]), new Set(["home"]));
      assert.deepEqual(await asked(["beagl"]), new Set());
      assert.deepEqual(await asked([]), new Set());
      // A row written before the column: every key unknown, but no key asked is still none.
      await one.db.run("UPDATE memories SET kind_keys = NULL WHERE id = ?", home.id);
      assert.equal(await asked(["home"]), undefined);
      assert.deepEqual(await asked([]), new Set());
    });
  },
});
