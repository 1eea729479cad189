/**
 * A card's own `__proto__` keys (inside `data` and inside `extensions`, at any depth) are data:
 * kept on import, stored, and written back on export, so a round trip gives back what was
 * imported. zod's checks leave such keys out, so the import keeps its checked objects
 * (`core/characters/service.ts`). Real sockets, a real SQLite file and PostgreSQL.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { withPostgresEnv, withTestServer } from "./_helpers.ts";

const CARD_TEXT = JSON.stringify({
  spec: "chara_card_v3",
  spec_version: "3.0",
  data: { name: "Proto", description: "A card with odd keys", extensions: { ok: true } },
}).replace(
  '"extensions":{"ok":true}',
  '"__proto__":{"polluted":"data"},"extensions":{"ok":true,"__proto__":{"polluted":"ext"},' +
    '"deep":{"__proto__":{"x":1}}}',
);

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** `object[key]` only when it is `object`'s own field. */
function own(object: unknown, key: string): unknown {
  return Object.getOwnPropertyDescriptor(object as object, key)?.value;
}

async function roundTrip(env: Record<string, string>): Promise<void> {
  await withTestServer(async ({ client }) => {
    const imported = await client.call<{ persona_id: string }>("persona.import_card", {
      data: base64(CARD_TEXT),
    });
    const { persona } = await client.call<{ persona: Record<string, unknown> }>("persona.get", {
      persona_id: imported.persona_id,
    });
    assert.deepEqual(own(persona.extensions, "__proto__"), { polluted: "ext" });
    assert.deepEqual(own(persona.card_extras, "__proto__"), { polluted: "data" });
    let copies = 0;
    for (const spec of ["v3", "v2"]) {
      const exported = await client.call<{ card: { data: Record<string, unknown> }; data: string }>(
        "persona.export_card",
        { persona_id: imported.persona_id, format: "json", spec },
      );
      const data = exported.card.data;
      assert.deepEqual(own(data, "__proto__"), { polluted: "data" }, spec);
      assert.deepEqual(own(data.extensions, "__proto__"), { polluted: "ext" }, spec);
      assert.deepEqual(own(own(data.extensions, "deep"), "__proto__"), { x: 1 }, spec);
      // The file other applications read writes them as keys.
      const file = new TextDecoder().decode(
        Uint8Array.from(atob(exported.data), (c) => c.charCodeAt(0)),
      );
      assert.match(file, /"__proto__":\{"polluted":"data"\}/, spec);
      assert.match(file, /"deep":\{"__proto__":\{"x":1\}\}/, spec);
      // And again: the export imports to the same persona fields.
      const again = await client.call<{ persona_id: string }>("persona.import_card", {
        data: exported.data,
        name: `Copy ${++copies}`,
      });
      const copy = (await client.call<{ persona: Record<string, unknown> }>("persona.get", {
        persona_id: again.persona_id,
      })).persona;
      assert.deepEqual(own(copy.card_extras, "__proto__"), { polluted: "data" }, spec);
      assert.deepEqual(own(copy.extensions, "__proto__"), { polluted: "ext" }, spec);
    }
  }, env);
}

Deno.test("SQLite: a card's own __proto__ keys survive import, storage and export (V3 and V2)", async () => {
  await roundTrip({});
});

Deno.test({
  name: "PostgreSQL: a card's own __proto__ keys survive import, storage and export (V3 and V2)",
  ignore: POSTGRES_SKIPPED,
  fn: () => withPostgresEnv(roundTrip),
});
