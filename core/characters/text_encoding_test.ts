/**
 * Card JSON files as editors save them: Windows-1252 ("ANSI"), UTF-16 with a byte-order mark
 * (Notepad's "Unicode"), in a JSON file or as a CHARX's card.json. Each reads to the same card as
 * its UTF-8 twin, accents intact.
 */
import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import { decodeCardFile } from "./codec.ts";

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
