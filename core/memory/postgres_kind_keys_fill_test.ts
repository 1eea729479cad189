// Rows written before the `kind_keys` column (or by an older node) get their keys filled in the
// background (`fillKindKeys`, after the re-analysis pass a search begins): the persona's ties
// are then known, and its searches answer as before. Real PostgreSQL and Chroma.
import assert from "node:assert/strict";
import { PersonaCreate } from "../personas/mod.ts";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import { fillKindKeys, KIND_KEYS_FILL_BATCH, postgresTiedKinds } from "./postgres_kind_keys.ts";
import { MemoryInput } from "./schema.ts";
import { withPostgresNodes } from "./testing/chroma_postgres_nodes.ts";

Deno.test("KIND_KEYS_FILL_BATCH is 500 rows a transaction", () => {
  assert.equal(KIND_KEYS_FILL_BATCH, 500);
});

Deno.test({
  name:
    "PostgreSQL kind keys: rows without them are filled once after a search, the ties then known and the answers the same",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresNodes(
      async (node) => {
        const one = await node();
        const two = await node();
        const aria = await one.personas.create(PersonaCreate.parse({ name: "Aria" }));
        const kira = await one.personas.create(PersonaCreate.parse({ name: "Kira" }));
        await one.memory.storeMany(aria, [
          MemoryInput.parse({ content: "Elmhurst is the care home" }),
          MemoryInput.parse({ content: "our beagle Biscuit is 5" }),
          MemoryInput.parse({ content: "Tom was tired after the match" }),
        ]);
        await one.memory.store(kira, MemoryInput.parse({ content: "Oakwood is the school" }));
        // As a database from before the column: no row has keys.
        await one.db.run("UPDATE memories SET kind_keys = NULL");
        const asked = (personaId: string) =>
          postgresTiedKinds(one.db, { personaId, keys: ["home", "beagl", "school"] });
        assert.equal(await asked(aria.id), undefined, "not known before the fill");
        const search = async () =>
          (await two.memory.search(aria, {
            query: "which home is it",
            n_results: 5,
            min_importance: 0,
          }))
            .map((hit) => hit.id);
        const before = await search();
        await two.backend.reanalysing; // the pass the search began (keys filled after terms)
        assert.deepEqual(await asked(aria.id), new Set(["home", "beagl"]), "known once filled");
        assert.deepEqual(await asked(kira.id), new Set(["school"]), "every persona's rows");
        const unread = await one.db.get<{ n: number }>(
          "SELECT CAST(count(*) AS INTEGER) AS n FROM memories WHERE kind_keys IS NULL",
        );
        assert.equal(unread?.n, 0);
        assert.deepEqual(await search(), before, "the same answers");
        assert.equal(await fillKindKeys(one.db), 0, "filled once: nothing left to read");
      },
    );
  },
});
