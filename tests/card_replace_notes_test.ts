/**
 * Notes for what an import took away (attack14 F12, F5): `on_conflict: "replace"` with a JSON
 * card says that the persona's avatar and own lorebook were removed (or replaced), and a bundle
 * asset whose data is no base64 is refused by field instead of being dropped unseen. Real
 * sockets and SQLite, the test model server.
 *
 * @module
 */
import assert from "node:assert/strict";
import { avatarPng, pngWith } from "./_cards.ts";
import { type RpcCallError, withTestServer } from "./_helpers.ts";

type Json = Record<string, unknown>;

function card(description: string, book = false): Json {
  return {
    spec: "chara_card_v2",
    spec_version: "2.0",
    data: {
      name: "Rook",
      description,
      ...(book
        ? {
          character_book: {
            entries: [{
              keys: ["a"],
              content: "own",
              extensions: {},
              enabled: true,
              insertion_order: 1,
            }],
          },
        }
        : {}),
    },
  };
}

async function importCard(api: string, body: BodyInit, query = ""): Promise<Json> {
  const response = await fetch(`${api}/personas/import${query}`, { method: "POST", body });
  const json = await response.json();
  assert.equal(response.status, 201, JSON.stringify(json));
  return json;
}

Deno.test("replace with a card says when the avatar and the own lorebook were removed or replaced", async () => {
  await withTestServer(async ({ server }) => {
    const api = server.apiUrl;
    await importCard(api, new Uint8Array(pngWith({ chara: card("v1", true) }, avatarPng(8, 40))));
    // A PNG card with a book: both replaced.
    const png = await importCard(
      api,
      new Uint8Array(pngWith({ chara: card("v2", true) }, avatarPng(8, 90))),
      "?on_conflict=replace",
    );
    const pngNotes = (png.notes as string[]).join("\n");
    assert.match(pngNotes, /avatar of "Rook" was replaced/);
    assert.match(
      pngNotes,
      /own lorebook of "Rook" \(1 entries\) was replaced by the card's \(1 entries\)/,
    );
    // A JSON card without a book: both removed, and said.
    const json = await importCard(api, JSON.stringify(card("v3")), "?on_conflict=replace");
    const notes = (json.notes as string[]).join("\n");
    assert.match(notes, /avatar of "Rook" was removed: the card has none/);
    assert.match(notes, /own lorebook of "Rook" \(1 entries\) was removed/);
    assert.equal(json.avatar, false);
    // Nothing left to take: no notes.
    const again = await importCard(api, JSON.stringify(card("v4")), "?on_conflict=replace");
    assert.deepEqual(again.notes, []);
  });
});

Deno.test("a bundle asset whose data is no base64 is refused naming it, and nothing is created", async () => {
  await withTestServer(async ({ client }) => {
    await client.call("persona.create", { name: "Bundled", description: "b" });
    await client.call("persona.update", {
      persona_id: "Bundled",
      avatar: btoa(String.fromCharCode(...avatarPng())),
    });
    const { bundle } = await client.call<{ bundle: { assets: Json[] } }>("persona.export", {
      persona_id: "Bundled",
    });
    assert.ok(bundle.assets.length > 0);
    bundle.assets[0]!.data = "!!!not base64!!!";
    await assert.rejects(
      client.call("persona.import", { bundle, name: "Copy" }),
      (error: RpcCallError) => {
        assert.equal(error.code, -32602);
        const fields = (error.data as { fields: { field: string }[] }).fields;
        assert.deepEqual(fields.map((f) => f.field), ["bundle.assets.0.data"]);
        return true;
      },
    );
    const list = await client.call<{ personas: { name: string }[] }>("persona.list");
    assert.ok(!list.personas.some((p) => p.name === "Copy"));
  });
});
