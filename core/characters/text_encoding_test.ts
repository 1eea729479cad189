/**
 * Card JSON files as editors save them: Windows-1252 ("ANSI"), UTF-16 with a byte-order mark
 * (Notepad's "Unicode"), in a JSON file or as a CHARX's card.json. Each reads to the same card as
 * its UTF-8 twin, accents intact.
 */
import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import { InvalidInput } from "../errors.ts";
import { decodeCardFile } from "./codec.ts";
import { utf8OrLatin1 } from "./text_encoding.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };

const CARD = {
  spec: "chara_card_v2",
  spec_version: "2.0",
  data: {
    name: "Zoë Brontë",
    description: "{{char}} runs the crêperie on the quay. Naïve, but never näive twice.",
    first_mes: "Bienvenue ! Une crêpe ?",
    tags: ["français"],
  },
};
const json = `\uFEFF${JSON.stringify(CARD, null, 2).replaceAll("\n", "\r\n")}`;

/** `text` in Windows-1252 (every character here is below U+0100). */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text.replace(/^\uFEFF/, ""), (char) => char.charCodeAt(0));
}

function utf16(text: string, order: "le" | "be"): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), order === "le");
  return bytes;
}

const expected = decodeCardFile(new TextEncoder().encode(json), LIMIT).data;

Deno.test("the UTF-8 card with a BOM reads as written", () => {
  assert.equal(expected.name, "Zoë Brontë");
  assert.match(expected.description, /crêperie/);
});

Deno.test("a Windows-1252 JSON card reads with its accents, not U+FFFD", () => {
  const card = decodeCardFile(windows1252(json), LIMIT);
  assert.deepEqual(card.data, expected);
});

Deno.test("a UTF-16 JSON card with its byte-order mark (LE and BE) reads", () => {
  assert.deepEqual(decodeCardFile(utf16(json, "le"), LIMIT).data, expected);
  assert.deepEqual(decodeCardFile(utf16(json, "be"), LIMIT).data, expected);
});

Deno.test("a CHARX whose card.json is Windows-1252 reads with its accents", () => {
  const charx = zipSync({ "card.json": windows1252(json), "assets/readme.txt": strToU8("x") });
  assert.deepEqual(decodeCardFile(charx, LIMIT).data, expected);
});

/** `text` as UTF-8 with `stray` (one byte that is not UTF-8) put after `after`. */
function utf8WithStrayByte(text: string, after: string, stray: number): Uint8Array {
  const at = text.indexOf(after) + after.length;
  const head = new TextEncoder().encode(text.slice(0, at));
  const tail = new TextEncoder().encode(text.slice(at));
  return Uint8Array.from([...head, stray, ...tail]);
}

Deno.test("a UTF-8 card with one stray Windows-1252 byte keeps its accents (BOM or not)", () => {
  for (const text of [json, json.replace(/^\uFEFF/, "")]) {
    const bytes = utf8WithStrayByte(text, "never näive twice", 0x85);
    const card = decodeCardFile(bytes, LIMIT);
    assert.equal(card.data.name, "Zoë Brontë");
    assert.equal(
      card.data.description,
      CARD.data.description.replace("twice.", "twice…."),
    );
  }
});

Deno.test("JSON text encodings: UTF-16 without a BOM reads, UTF-32 is -32602 by name", () => {
  const plain = json.replace(/^\uFEFF/, "");
  assert.deepEqual(decodeCardFile(utf16(plain, "le"), LIMIT).data, expected);
  assert.deepEqual(decodeCardFile(utf16(plain, "be"), LIMIT).data, expected);
  const utf32 = new Uint8Array(4 + plain.length * 4);
  utf32.set([0xff, 0xfe, 0, 0]);
  for (let i = 0; i < plain.length; i++) utf32[4 + i * 4] = plain.charCodeAt(i) & 0xff;
  assert.throws(() => decodeCardFile(utf32, LIMIT), (error: unknown) => {
    assert.ok(error instanceof InvalidInput);
    assert.match(error.message, /UTF-32/);
    return true;
  });
});

Deno.test("text that is mostly not UTF-8 is Windows-1252 throughout; valid UTF-8 is UTF-8", () => {
  // "Fuß“" in Windows-1252 holds DF 93, which is also a valid UTF-8 pair (U+07D3).
  assert.equal(utf8OrLatin1(Uint8Array.from([0x46, 0x75, 0xdf, 0x93, 0xe4])), "Fuß“ä");
  assert.equal(utf8OrLatin1(new TextEncoder().encode("\uFEFFZoë 😀")), "Zoë 😀");
  assert.equal(
    utf8OrLatin1(Uint8Array.from([...new TextEncoder().encode("Zoë 😀 né"), 0x96, 0x41])),
    "Zoë 😀 né–A",
  );
});
