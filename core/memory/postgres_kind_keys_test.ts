import assert from "node:assert/strict";
import { PersonaCreate } from "../personas/mod.ts";
import type { Database } from "../storage/database.ts";
import { POSTGRES_SKIPPED } from "../storage/testing/databases.ts";
import type { CandidateQuery } from "./backend.ts";
import type { PostgresMemoryBackend } from "./postgres_backend.ts";
import { MemoryInput } from "./schema.ts";
import { withAriaOnOneNode, withPostgresNodes } from "./testing/chroma_postgres_nodes.ts";

/** The kind keys stored in memory `id`'s row. */
async function keysOf(db: Database, id: string): Promise<string[] | null> {
  const row = await db.get<{ keys: string | null }>(
    "SELECT CAST(to_json(kind_keys) AS TEXT) AS keys FROM memories WHERE id = ?",
    id,
  );
  return row?.keys ? JSON.parse(row.keys) : null;
}

/** The kind keys of "home" and "beagle" `backend` says a memory of `personaId` ties. */
async function tied(
  backend: PostgresMemoryBackend,
  personaId: string,
): Promise<string[] | undefined> {
  const query: CandidateQuery = {
    personaId,
    othersVisibility: [],
    vector: new Float32Array(8),
    embedder: "local:test",
    terms: ["care", "home"],
    minImportance: 0,
    limit: 50,
  };
  const found = await backend.tiedKinds(query, ["home", "beagl"]);
  return found === undefined ? undefined : [...found].sort();
}

Deno.test({
  name:
    "PostgreSQL kind ties: one node's store, storeMany, update and delete are seen by another at once; a row from before the column makes them unknown until its content is written",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresNodes(
      async (node) => {
        const one = await node();
        const two = await node();
        const aria = await one.personas.create(PersonaCreate.parse({ name: "Aria" }));
        const kira = await one.personas.create(PersonaCreate.parse({ name: "Kira" }));
        assert.deepEqual(await tied(two.backend, aria.id), [], "no memory: nothing tied");
        const home = await one.memory.store(
          aria,
          MemoryInput.parse({ content: "Elmhurst is the care home" }),
        );
        const [beagle] = await one.memory.storeMany(aria, [
          MemoryInput.parse({ content: "our beagle Biscuit is 5" }),
          MemoryInput.parse({ content: "Tom was tired after the match" }),
        ]);
        assert.deepEqual(await tied(two.backend, aria.id), ["beagl", "home"], "their stores");
        assert.deepEqual(await tied(two.backend, kira.id), [], "another persona's are not hers");
        // Keys read only when the content changes: an importance save leaves the stored ones.
        await one.db.run("UPDATE memories SET kind_keys = ARRAY['tire'] WHERE id = ?", home.id);
        await one.memory.update(home.id, { importance: 0.9 });
        assert.deepEqual(await keysOf(one.db, home.id), ["tire"], "same content: not read again");
        await one.db.run("UPDATE memories SET kind_keys = ARRAY['home'] WHERE id = ?", home.id);
        assert.deepEqual(await tied(two.backend, aria.id), ["beagl", "home"], "same content");
        await one.memory.update(home.id, { content: "Elmhurst shut in May" });
        assert.deepEqual(await tied(two.backend, aria.id), ["beagl"], "their update");
        await one.memory.delete(beagle!.id);
        assert.deepEqual(await tied(two.backend, aria.id), [], "their delete");
        // As a row written before the column: its ties are not known, any may be tied.
        await one.db.run("UPDATE memories SET kind_keys = NULL WHERE id = ?", home.id);
        assert.equal(await tied(two.backend, aria.id), undefined, "a row not read");
        assert.deepEqual(await tied(two.backend, kira.id), [], "only that persona's");
        await one.memory.update(home.id, { content: "Oakwood is the care home now" });
        assert.deepEqual(await tied(two.backend, aria.id), ["home"], "its content written again");
      },
    );
  },
});

Deno.test({
  name:
    "PostgreSQL kind ties: content an older node updates (no kind keys written) makes them unknown, not those of the old content",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withAriaOnOneNode(async (one, aria) => {
      const left = await one.memory.store(
        aria,
        MemoryInput.parse({ content: "Tom left home early" }),
      );
      assert.deepEqual(await tied(one.backend, aria.id), [], "no name tied to a kind");
      // What a node without the column's writer sends: the content, not the keys.
      await one.db.run(
        "UPDATE memories SET content = 'Elmhurst is the care home' WHERE id = ?",
        left.id,
      );
      assert.equal(await tied(one.backend, aria.id), undefined, "an older node's content");
      await one.db.run("UPDATE memories SET importance = 0.5 WHERE id = ?", left.id);
      assert.equal(await tied(one.backend, aria.id), undefined, "its other writes keep them");
      await one.memory.update(left.id, { content: "Oakwood is the care home now" });
      assert.deepEqual(await tied(one.backend, aria.id), ["home"], "written again by this one");
    });
  },
});

Deno.test({
  name:
    "PostgreSQL kind keys are indexed under their persona (memory_persona_kind_keys), not alone",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresNodes(
      async (node) => {
        const { db } = await node();
        // The definitions of this schema's indexes only: pg_indexes may read the definition of
        // an index another test's schema is dropping at the same moment ("could not open
        // relation with OID"); a select list is worked out only for the rows the joins keep.
        const indexes = await db.all<{ indexdef: string }>(
          `SELECT pg_get_indexdef(i.indexrelid) AS indexdef
           FROM pg_index i
           JOIN pg_class t ON t.oid = i.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
           WHERE n.nspname = current_schema() AND t.relname = 'memories'`,
        );
        const defs = indexes.map((row) => row.indexdef)
          .filter((def) => def.includes("kind_keys"))
          .map((def) => def.replace(/^.* USING /, "")).sort();
        assert.deepEqual(defs, [
          "btree (persona_id) WHERE (kind_keys IS NULL)",
          "gin (memory_persona_kind_keys(persona_id, kind_keys))",
        ]);
        const [keys] = await db.all<{ keys: string }>(
          `SELECT CAST(to_json(memory_persona_kind_keys('p 1', ARRAY['home', 'beagl'])) AS TEXT)
             AS keys`,
        );
        assert.deepEqual(JSON.parse(keys!.keys), ["p 1 home", "p 1 beagl"]);
      },
    );
  },
});
