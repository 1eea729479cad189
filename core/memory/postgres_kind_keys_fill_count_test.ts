// `fillKindKeys` counts the rows it filled, a lone row without keys included (mut59: a mutant
// that ended the fill at one row, or counted down, left the suite green). Real PostgreSQL and
// Chroma.
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import { fillKindKeys, postgresTiedKinds } from "./postgres_kind_keys.ts";
import { MemoryInput } from "./schema.ts";
import { withAriaOnOneNode } from "./testing/chroma_postgres_nodes.ts";

Deno.test({
  name: "fillKindKeys fills and counts every row without keys, a lone row too",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withAriaOnOneNode(async (one, aria) => {
      const [home] = await one.memory.storeMany(aria, [
        MemoryInput.parse({ content: "Elmhurst is the care home" }),
        MemoryInput.parse({ content: "our beagle Biscuit is 5" }),
        MemoryInput.parse({ content: "Tom was tired after the match" }),
      ]);
      const unread = async () =>
        (await one.db.get<{ n: number }>(
          "SELECT CAST(count(*) AS INTEGER) AS n FROM memories WHERE kind_keys IS NULL",
        ))?.n;
      await one.db.run("UPDATE memories SET kind_keys = NULL WHERE id = ?", home!.id);
      assert.equal(await fillKindKeys(one.db), 1, "one row without keys");
      assert.equal(await unread(), 0);
      const asked = () => postgresTiedKinds(one.db, { personaId: aria.id, keys: ["home"] });
      assert.deepEqual(await asked(), new Set(["home"]), "its keys written");
      await one.db.run("UPDATE memories SET kind_keys = NULL");
      assert.equal(await fillKindKeys(one.db), 3);
      assert.equal(await unread(), 0);
      assert.equal(await fillKindKeys(one.db), 0, "none left");
    });
  },
});
