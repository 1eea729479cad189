/**
 * Our own PNG export re-imports (attack14 F2): a PNG card writes the card twice (`chara` V2 and
 * `ccv3` V3, as SillyTavern does), which made the export of a card near CARD_MAX_BYTES larger
 * than an import accepts. Near the limit the V2 copy now leaves out the book; past it, the export
 * is refused with a hint to use CHARX. Real sockets and SQLite, the test model server.
 *
 * @module
 */
import assert from "node:assert/strict";
import extractChunks from "png-chunks-extract";
import pngText from "png-chunk-text";
import { noisyPng, pngWith } from "./_cards.ts";
import { withTestServer } from "./_helpers.ts";

const LIMIT = 2_000_000;

function bookCard(name: string, entries: number): Record<string, unknown> {
  return {
    spec: "chara_card_v3",
    spec_version: "3.0",
    data: {
      name,
      description: "{{char}} guards the archive.",
      character_book: {
        extensions: {},
        entries: Array.from({ length: entries }, (_, i) => ({
          keys: [`key${i}`],
          content: `${i} `.padEnd(50_000, "archive lore "),
          extensions: {},
          enabled: true,
          insertion_order: i,
          use_regex: false,
        })),
      },
    },
  };
}

async function send(
  api: string,
  path: string,
  body: Uint8Array,
  type: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${api}${path}`, {
    method: "POST",
    headers: { "Content-Type": type },
    body: new Uint8Array(body),
  });
  return { status: response.status, json: await response.json() };
}

function textChunks(png: Uint8Array): Map<string, string> {
  const chunks = extractChunks(png) as Array<{ name: string; data: Uint8Array }>;
  return new Map(
    chunks.filter((chunk) => chunk.name === "tEXt").map((chunk) => {
      const { keyword, text } = pngText.decode(chunk.data);
      return [keyword, text];
    }),
  );
}

Deno.test("the PNG export of a card near CARD_MAX_BYTES is within it and re-imports with its book", async () => {
  await withTestServer(async ({ server, client }) => {
    const api = server.apiUrl;
    const file = pngWith({ ccv3: bookCard("Archivist", 20) }, noisyPng(330_000));
    assert.ok(file.length > 1_600_000 && file.length < LIMIT, `${file.length}`);
    const imported = await send(api, "/personas/import", file, "image/png");
    assert.equal(imported.status, 201, JSON.stringify(imported.json));

    const exported = await fetch(`${api}/personas/Archivist/card?format=png`);
    assert.equal(exported.status, 200);
    const png = new Uint8Array(await exported.arrayBuffer());
    assert.ok(png.length <= LIMIT, `export is ${png.length} bytes`);
    // Both chunks are there; the V2 copy without the book (readers take ccv3 first).
    const texts = textChunks(png);
    assert.deepEqual([...texts.keys()].sort(), ["ccv3", "chara"]);
    const chara = JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(texts.get("chara")!)));
    assert.equal(chara.data.name, "Archivist");
    assert.equal(chara.data.character_book, undefined);

    const again = await send(api, "/personas/import?name=Archivist2", png, "image/png");
    assert.equal(again.status, 201, JSON.stringify(again.json));
    const book = await client.call<{ lorebook: { entry_count: number } }>("lorebook.get", {
      lorebook_id: again.json.lorebook_id,
    });
    assert.equal(book.lorebook.entry_count, 20);
    assert.equal(again.json.avatar, true);
  }, { CARD_MAX_BYTES: String(LIMIT) });
});

Deno.test("a PNG export that could not be re-imported is refused with a hint to use CHARX", async () => {
  await withTestServer(async ({ server }) => {
    const api = server.apiUrl;
    // 1.6 MB of JSON: as a PNG, base64 makes the card alone 2.1 MB.
    const json = new TextEncoder().encode(JSON.stringify(bookCard("Scribe", 32)));
    assert.ok(json.length > 1_550_000 && json.length < LIMIT, `${json.length}`);
    const imported = await send(api, "/personas/import", json, "application/json");
    assert.equal(imported.status, 201, JSON.stringify(imported.json));

    const png = await fetch(`${api}/personas/Scribe/card?format=png`);
    assert.equal(png.status, 400);
    const { error } = await png.json();
    assert.equal(error.code, -32602);
    assert.match(error.message, /over the 2000000 bytes an import accepts.*"charx"/);
    assert.equal(error.data.fields[0].field, "format");

    const charx = await fetch(`${api}/personas/Scribe/card?format=charx`);
    assert.equal(charx.status, 200);
    const again = await send(
      api,
      "/personas/import?name=Scribe2",
      new Uint8Array(await charx.arrayBuffer()),
      "application/zip",
    );
    assert.equal(again.status, 201, JSON.stringify(again.json));
  }, { CARD_MAX_BYTES: String(LIMIT) });
});
