/**
 * Community files end to end: cards as SillyTavern, Chub, RisuAI and TavernAI write them and
 * SillyTavern's World Info files, uploaded to a running server over REST; every export format and
 * version re-imports to the same persona and book; broken files are refused with -32602 naming
 * what is wrong. Real sockets, a real SQLite file, the Ollama-compatible test server.
 */
import assert from "node:assert/strict";
import { pngWith } from "./_cards.ts";
import {
  chubV3Card,
  chubV3Png,
  emojiCard,
  japaneseCard,
  jsonFile,
  risuCharx,
  tavernV1Card,
} from "./_real_cards.ts";
import { sillyTavernCard, sillyTavernPng } from "./_sillytavern_cards.ts";
import { sillyTavernWorld } from "./_sillytavern_world.ts";
import { withTestServer } from "./_helpers.ts";

async function upload(
  url: string,
  body: Uint8Array,
  type: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": type },
    body: new Uint8Array(body),
  });
  return { status: response.status, json: await response.json() };
}

/** A persona's card fields (everything but ids, times, counters, and the name). */
function cardFields(persona: Record<string, unknown>): Record<string, unknown> {
  const {
    id: _id,
    name: _name,
    created_at: _c,
    updated_at: _u,
    memory_stats: _m,
    lorebooks: _l,
    ...rest
  } = persona;
  const avatar = rest.avatar as { mime: string; size_bytes: number } | null;
  return { ...rest, avatar: avatar && { mime: avatar.mime, size_bytes: avatar.size_bytes } };
}

const FILES: Array<[string, Uint8Array, string]> = [
  ["sillytavern png", sillyTavernPng(), "image/png"],
  [
    "sillytavern json (BOM, CRLF)",
    jsonFile(sillyTavernCard(), { bom: true, crlf: true }),
    "application/json",
  ],
  ["chub png", chubV3Png(), "image/png"],
  ["chub json", jsonFile(chubV3Card()), "application/json"],
  ["risu charx", risuCharx(), "application/zip"],
  ["tavern v1", jsonFile(tavernV1Card()), "application/json"],
  ["japanese", jsonFile(japaneseCard(), { crlf: true }), "application/json"],
  ["emoji", pngWith({ chara: emojiCard() }), "image/png"],
];

Deno.test("community cards import over REST, and every export re-imports to the same persona, book and avatar", async () => {
  await withTestServer(async ({ server, client }) => {
    const api = server.apiUrl;
    let copies = 0;
    for (const [label, bytes, type] of FILES) {
      const first = await upload(`${api}/personas/import?on_conflict=rename`, bytes, type);
      assert.equal(first.status, 201, `${label}: ${JSON.stringify(first.json)}`);
      const id = first.json.persona_id as string;
      const get = async (personaId: string) =>
        (await client.call<{ persona: Record<string, unknown> }>("persona.get", {
          persona_id: personaId,
        })).persona;
      const book = async (lorebookId: unknown) =>
        lorebookId === null ? null : {
          ...(await client.call<{ lorebook: { book: Record<string, unknown> } }>("lorebook.get", {
            lorebook_id: lorebookId,
          })).lorebook.book,
          name: "",
        };
      const avatar = async (personaId: string) => {
        const response = await fetch(`${api}/personas/${personaId}/avatar`);
        return response.ok ? new Uint8Array(await response.arrayBuffer()) : response.status;
      };
      const original = await get(id);
      const originalBook = await book(first.json.lorebook_id);
      const originalAvatar = await avatar(id);
      for (const format of ["png", "json", "charx"]) {
        for (const spec of ["v3", "v2"]) {
          const exported = await client.call<{ data: string }>("persona.export_card", {
            persona_id: id,
            format,
            spec,
          });
          const again = await client.call<Record<string, unknown>>("persona.import_card", {
            data: exported.data,
            name: `Copy ${++copies}`,
          });
          const where = `${label} → ${format} ${spec}`;
          assert.deepEqual(
            cardFields(await get(again.persona_id as string)),
            cardFields(original),
            where,
          );
          assert.deepEqual(await book(again.lorebook_id), originalBook, `${where} lorebook`);
          assert.equal(again.assets, first.json.assets, `${where} assets`);
          assert.deepEqual(
            await avatar(again.persona_id as string),
            originalAvatar,
            `${where} avatar`,
          );
        }
      }
    }
  });
});

Deno.test("a SillyTavern World Info file (BOM, entries keyed by uid) imports, fires as SillyTavern would, and round-trips", async () => {
  await withTestServer(async ({ server, client }) => {
    const imported = await upload(
      `${server.apiUrl}/lorebooks/import`,
      jsonFile(sillyTavernWorld(), { bom: true, crlf: true }),
      "application/json",
    );
    assert.equal(imported.status, 201, JSON.stringify(imported.json));
    assert.equal(imported.json.source, "sillytavern_world");
    const id = imported.json.lorebook_id as string;
    const exported = await client.call<{ lorebook: Record<string, unknown> }>("lorebook.export", {
      lorebook_id: id,
    });
    const again = await client.call<{ lorebook_id: string }>("lorebook.import", {
      lorebook: exported.lorebook,
    });
    const books = await Promise.all(
      [id, again.lorebook_id].map(async (lorebookId) =>
        (await client.call<{ lorebook: { book: unknown } }>("lorebook.get", {
          lorebook_id: lorebookId,
        })).lorebook.book
      ),
    );
    assert.deepEqual(books[1], books[0], "lorebook_v3 export → import is identity");
    const entries = (books[0] as { entries: Array<Record<string, unknown>> }).entries;
    assert.deepEqual(entries.map((e) => e.id), [0, 1, 2, 5, 7]);
    assert.deepEqual(entries.map((e) => e.enabled), [true, true, true, true, false]);
    assert.deepEqual(
      entries.map((e) => e.position),
      ["before_char", "after_char", "after_char", "before_char", "before_char"],
      "SillyTavern's rule: position 0 before the character, any other after",
    );
    const kept = entries[4]?.extensions as Record<string, unknown>;
    assert.deepEqual(
      [kept.ignore_budget, kept.outlet_name, kept.match_persona_description, kept.triggers],
      [true, "duels", false, []],
      "SillyTavern's newer entry fields are kept in extensions",
    );
    const fired = async (text: string) =>
      (await client.call<{ fired: Array<{ entry: number; position: string; depth?: number }> }>(
        "lorebook.test",
        { lorebook_ids: [id], messages: [{ name: "Robin", text }] },
      )).fired;
    assert.deepEqual(
      (await fired("The bell tower at midnight rang thirteen, duels or not")).map((
        f,
      ) => [f.entry, f.position, f.depth]),
      [[3, "before_char", undefined], [1, "at_depth", 2]],
      "AND ALL secondary keys met; the constant entry; the disabled one never",
    );
    assert.deepEqual(
      (await fired("The bell tower at midnight")).map((f) => f.entry),
      [3],
      "AND ALL needs every secondary key",
    );
    assert.deepEqual((await fired("a smuggler")).map((f) => f.entry), [3, 2]);
    assert.deepEqual(
      (await fired("a smuggler and a guard")).map((f) => f.entry),
      [3],
      "NOT ANY: a secondary key blocks it",
    );
    assert.deepEqual(
      (await fired("the weather here")).map((f) => f.entry),
      [3],
      "constant, whatever the case",
    );
  });
});

Deno.test("a World Info file saved as UTF-16 (BOM), Windows-1252 or UTF-8 with a stray byte uploads with its accents", async () => {
  await withTestServer(async ({ server, client }) => {
    const world = {
      entries: {
        "0": { uid: 0, key: ["café"], comment: "Café", content: "Le café ferme à minuit." },
      },
    };
    const text = `\uFEFF${JSON.stringify(world)}`;
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      utf16[i * 2] = text.charCodeAt(i) & 0xff;
      utf16[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    const windows1252 = Uint8Array.from(JSON.stringify(world), (char) => char.charCodeAt(0));
    // UTF-8 with a BOM and one Windows-1252 byte (0x85, an ellipsis) in the comment.
    const utf8 = new TextEncoder().encode(text.replace('"Café"', '"Café\u0001"'));
    const stray = utf8.map((byte) => byte === 1 ? 0x85 : byte);
    const files = [["UTF-16LE", utf16], ["Windows-1252", windows1252], ["UTF-8+stray", stray]];
    for (const [label, bytes] of files as Array<[string, Uint8Array]>) {
      const imported = await upload(`${server.apiUrl}/lorebooks/import`, bytes, "application/json");
      assert.equal(imported.status, 201, `${label}: ${JSON.stringify(imported.json)}`);
      const book = (await client.call<
        { lorebook: { book: { entries: Array<{ keys: string[]; content: string }> } } }
      >(
        "lorebook.get",
        { lorebook_id: imported.json.lorebook_id },
      )).lorebook.book;
      assert.deepEqual(
        [book.entries[0]?.keys, book.entries[0]?.content],
        [["café"], "Le café ferme à minuit."],
        label,
      );
    }
  });
});

Deno.test("broken community files are refused with -32602 naming the problem", async () => {
  await withTestServer(async ({ server }) => {
    const api = server.apiUrl;
    const cases: Array<[string, Uint8Array, string, RegExp]> = [
      [
        "a lorebook that is not JSON",
        new TextEncoder().encode('{"entries": {"0": {"key": ["a"],'),
        `${api}/lorebooks/import`,
        /not valid JSON/,
      ],
      [
        "a lorebook saved as UTF-32",
        Uint8Array.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0, 0x7d, 0, 0, 0]),
        `${api}/lorebooks/import`,
        /^The file is UTF-32/,
      ],
      [
        "a card whose name is an object",
        jsonFile({ spec: "chara_card_v2", data: { name: { en: "x" } } }),
        `${api}/personas/import`,
        /card\.data\.name/,
      ],
      [
        "a PNG whose chara chunk is not base64",
        (() => {
          const png = pngWith({ chara: tavernV1Card() });
          const text = new TextDecoder("latin1").decode(png);
          const at = text.indexOf("chara\0") + 6;
          const broken = png.slice();
          broken.fill(0x21, at, at + 8); // "!" is not base64; the CRC no longer matches either
          return broken;
        })(),
        `${api}/personas/import`,
        /PNG/,
      ],
      [
        "a CHARX whose card.json is not JSON",
        (() => {
          const zip = risuCharx();
          return zip.slice(0, 40);
        })(),
        `${api}/personas/import`,
        /CHARX/,
      ],
    ];
    for (const [label, bytes, url, message] of cases) {
      const refused = await upload(url, bytes, "application/octet-stream");
      assert.equal(refused.status, 400, `${label}: ${JSON.stringify(refused.json)}`);
      const error = refused.json.error as { code: number; message: string };
      assert.equal(error.code, -32602, label);
      assert.match(error.message, message, `${label}: ${error.message}`);
    }
  });
});
