/**
 * The total key budget of an uploaded file (attack17 F1): a card or lorebook whose keys are split
 * into many objects of at most 1,000 keys each (none "wide") is still refused before it is
 * parsed, with a -32602 naming the budget. Real sockets, a real SQLite file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

/** SillyTavern World Info text: `count` entries, each with an `extensions` of `width` keys. */
function splitWorld(count: number, width: number): string {
  const entries: string[] = [];
  let key = 0;
  for (let i = 0; i < count; i++) {
    const keys: string[] = [];
    for (let j = 0; j < width; j++) keys.push(`"${(key++).toString(36)}":0`);
    entries.push(
      `"${i}":{"uid":${i},"key":["k${i}"],"keysecondary":[],"comment":"c","content":"x","constant":false,"selective":false,"order":100,"position":0,"disable":false,"extensions":{${
        keys.join(",")
      }}}`,
    );
  }
  return `{"entries":{${entries.join(",")}}}`;
}

Deno.test("a lorebook or card of a million keys in 1,000-key objects is refused before it is parsed", async () => {
  await withTestServer(async ({ server, fake }) => {
    const world = splitWorld(1_000, 1_000);
    const book = await fetch(`${server.apiUrl}/lorebooks/import`, { method: "POST", body: world });
    const bookJson = await book.json();
    assert.equal(book.status, 400);
    assert.equal(bookJson.error?.code, -32602);
    assert.match(bookJson.error?.message ?? "", /more than 250000 keys in all/);
    const card =
      `{"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"Split","extensions":${
        splitWorld(400, 1_000)
      }}}`;
    const persona = await fetch(`${server.apiUrl}/personas/import`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: card,
    });
    const personaJson = await persona.json();
    assert.equal(persona.status, 400);
    assert.equal(personaJson.error?.code, -32602);
    assert.match(personaJson.error?.message ?? "", /more than 250000 keys in all/);
    assert.equal(fake.chatRequests().length, 0);
  });
});

/** A lorebook_v3 file of 5,000 entries whose extensions hold `total` keys (at most 900 each). */
function bookAtCaps(total: number): string {
  let left = total;
  let key = 0;
  const entries = Array.from({ length: 5_000 }, (_, i) => {
    const width = Math.min(900, left, i < 77 ? 900 : 1);
    left -= width;
    const extensions: Record<string, number> = {};
    for (let j = 0; j < width; j++) extensions[`x${(key++).toString(36)}`] = 1;
    return { keys: [`k${i}`], content: `c${i}`, extensions };
  });
  return JSON.stringify({ spec: "lorebook_v3", data: { name: "caps", entries } });
}

async function importBook(api: string, body: string): Promise<Response> {
  return await fetch(`${api}/lorebooks/import`, { method: "POST", body });
}

Deno.test("a book at the extension-key caps exports and re-imports; one key more is refused (attack17 F2)", async () => {
  await withTestServer(async ({ server }) => {
    const api = server.apiUrl;
    const over = await importBook(api, bookAtCaps(70_001));
    const overJson = await over.json();
    assert.equal(over.status, 400);
    assert.equal(overJson.error?.code, -32602);
    assert.match(overJson.error?.message ?? "", /at most 70000 extension keys together/);
    const first = await importBook(api, bookAtCaps(70_000));
    const firstJson = await first.json();
    assert.equal(first.status, 201, JSON.stringify(firstJson).slice(0, 500));
    for (const format of ["sillytavern", "lorebook_v3"]) {
      const exported = await fetch(
        `${api}/lorebooks/${firstJson.lorebook_id}/export?format=${format}`,
      );
      assert.equal(exported.status, 200);
      const again = await importBook(api, await exported.text());
      const againJson = await again.json();
      assert.equal(again.status, 201, `${format}: ${JSON.stringify(againJson).slice(0, 500)}`);
      const book =
        (await (await fetch(`${api}/lorebooks/${againJson.lorebook_id}`)).json()).lorebook
          .book;
      assert.equal(book.entries.length, 5_000, format);
      assert.equal(Object.keys(book.entries[0].extensions).length >= 900, true, format);
    }
  });
});
