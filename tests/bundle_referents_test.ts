/**
 * An exported persona imports with its memories' referents (`core/memory/kept_referents.ts`): the
 * bundle lists the newest first, and the import stores the oldest first, so a line opening with
 * "he" finds the memory written before it, as when it was first stored (review39 item 3).
 */
import assert from "node:assert/strict";
import { oldestFirst } from "../core/bundles/import_bundle.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { withPostgresChromaEnv, withTestServer } from "./_helpers.ts";

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();

/** Stores, exports and imports a persona on a server of `env`: its referents are kept. */
const keptByImport = (env: Record<string, string> = {}) =>
  withTestServer(async ({ client, server }) => {
    const made = await client.call<{ persona_id: string }>("persona.create", { name: "Nadia" });
    const lines = [
      ["Dad's hearing aids are the NHS ones", at(0)],
      ["he takes bisoprolol 2.5mg", at(1)],
      ["Mum's knee is better since the physio", at(2)],
      ["she walks to the shops again", at(3)],
    ];
    for (const [content, created_at] of lines) {
      await client.call("memory.store", { persona_id: made.persona_id, content, created_at });
    }
    const referents = async (personaId: string) =>
      (await server.services.db.all<{ content: string; referent: string }>(
        `SELECT m.content, r.referent FROM memory_referents r JOIN memories m ON m.id = r.id
          WHERE m.persona_id = ? ORDER BY m.created_at`,
        personaId,
      )).map((row) => [row.content, row.referent]);
    const expected = [["he takes bisoprolol 2.5mg", "Dad"], [
      "she walks to the shops again",
      "Mum",
    ]];
    assert.deepEqual(await referents(made.persona_id), expected);
    const { bundle } = await client.call<{ bundle: Record<string, unknown> }>("persona.export", {
      persona_id: made.persona_id,
    });
    const imported = await client.call<{ persona_id: string }>("persona.import", {
      bundle,
      on_conflict: "rename",
    });
    assert.deepEqual(await referents(imported.persona_id), expected);
  }, env);

Deno.test("SQLite: an exported persona's referents are kept by its import", () => keptByImport());

Deno.test({
  name: "PostgreSQL (Chroma for vectors): an exported persona's referents are kept by its import",
  ignore: POSTGRES_SKIPPED,
  fn: () => withPostgresChromaEnv(keptByImport),
});

Deno.test("oldestFirst orders by created_at, an export's ties in their order of writing", () => {
  const m = (name: string, created_at?: string) => ({ name, created_at });
  // As persona.export lists them: newest first, the later written of a tie first.
  const listed = [m("d", at(2)), m("c", at(1)), m("b", at(1)), m("a", at(0))];
  assert.deepEqual(oldestFirst(listed).map((x) => x.name), ["a", "b", "c", "d"]);
  // A hand-made bundle in any order; no time, or one unreadable, comes last.
  const mixed = [m("none"), m("late", at(5)), m("bad", "yesterday"), m("early", at(0))];
  assert.deepEqual(oldestFirst(mixed).map((x) => x.name), ["early", "late", "bad", "none"]);
});
