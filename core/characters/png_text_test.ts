/**
 * PNG cards whose text chunk is not SillyTavern's exact `tEXt` + padded UTF-8 base64: the card in
 * `iTXt` or `zTXt` (tools and image editors that re-save a card), base64 wrapped, unpadded,
 * URL-safe or NUL-terminated, the JSON's Latin-1 bytes in base64 (old encoders), the JSON itself
 * in the chunk. Files are packed here with png-chunks-encode and fflate, not the server's writer.
 */
import assert from "node:assert/strict";
import encodeChunks from "png-chunks-encode";
import extractChunks from "../../tests/_png_extract.ts";
import { zlibSync } from "fflate";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { decodeCardFile } from "./codec.ts";
import { cardJsonOf, decodeTextChunk, inflateBudget, lenientBase64 } from "./png_text.ts";
import { avatarPng } from "../../tests/_cards.ts";
import { watchRegexCalls } from "../testing/regex_calls.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };

const CARD = {
  spec: "chara_card_v2",
  spec_version: "2.0",
  data: {
    name: "Éloïse Marchand",
    description: "{{char}} tient un café près du port. « Un crème, {{user}} ? »",
    personality: "chaleureuse, têtue",
    first_mes: "Bonjour ! Entrez, il fait froid.",
    tags: ["français", "café"],
    extensions: { talkativeness: "0.6", "custom-app": { mood: "é" } },
  },
};

const bytesOf = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const json = JSON.stringify(CARD);
const utf8Base64 = base64(utf8(json));

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A PNG with `chunk` before IEND (after IDAT, where most writers put text). */
function pngWithChunk(name: string, data: Uint8Array): Uint8Array {
  const chunks = extractChunks(avatarPng()) as Array<{ name: string; data: Uint8Array }>;
  const end = chunks.pop()!;
  return encodeChunks([...chunks, { name, data }, end]);
}

const tEXt = (keyword: string, text: Uint8Array) =>
  pngWithChunk("tEXt", concat(bytesOf(`${keyword}\0`), text));
/** iTXt: keyword NUL, compression flag, method, language NUL, translated keyword NUL, text. */
const iTXt = (keyword: string, text: string, compressed: boolean) =>
  pngWithChunk(
    "iTXt",
    concat(
      bytesOf(`${keyword}\0${compressed ? "\x01" : "\0"}\0en\0\0`),
      compressed ? zlibSync(utf8(text)) : utf8(text),
    ),
  );
/** zTXt: keyword NUL, method 0, zlib data. */
const zTXt = (keyword: string, text: Uint8Array) =>
  pngWithChunk("zTXt", concat(bytesOf(`${keyword}\0\0`), zlibSync(text)));

const expected = decodeCardFile(tEXt("chara", bytesOf(utf8Base64)), LIMIT).data;

Deno.test("the expected card reads from SillyTavern's own layout", () => {
  assert.equal(expected.name, "Éloïse Marchand");
  assert.deepEqual(expected.extensions["custom-app"], { mood: "é" });
});

Deno.test("a card in an iTXt (plain or compressed) or zTXt chunk imports like a tEXt one", () => {
  for (
    const [label, file] of [
      ["iTXt", iTXt("chara", utf8Base64, false)],
      ["iTXt compressed", iTXt("ccv3", utf8Base64, true)],
      ["iTXt with the JSON itself", iTXt("chara", json, false)],
      ["zTXt", zTXt("Chara", bytesOf(utf8Base64))],
    ] as const
  ) {
    const card = decodeCardFile(file, LIMIT);
    assert.deepEqual(card.data, expected, label);
    const icon = card.assets.find((asset) => asset.type === "icon")?.data ?? new Uint8Array();
    const left = (extractChunks(icon) as Array<{ name: string }>).map((chunk) => chunk.name);
    assert.deepEqual(left, ["IHDR", "IDAT", "IEND"], `${label}: the avatar keeps no card chunk`);
  }
});

Deno.test("base64 as encoders write it: wrapped, unpadded, URL-safe, NUL-terminated", () => {
  const variants = {
    "76-column lines": utf8Base64.replace(/(.{76})/g, "$1\r\n"),
    "no padding": utf8Base64.replace(/=+$/, ""),
    "URL-safe alphabet": utf8Base64.replaceAll("+", "-").replaceAll("/", "_"),
    "trailing NUL": `${utf8Base64}\0`,
  };
  assert.match(utf8Base64, /[+/]/, "the fixture exercises the URL-safe letters");
  for (const [label, text] of Object.entries(variants)) {
    assert.deepEqual(decodeCardFile(tEXt("chara", bytesOf(text)), LIMIT).data, expected, label);
  }
});

Deno.test("the JSON's Latin-1 bytes in base64, or the JSON itself in the chunk, read right", () => {
  const latin1Base64 = base64(bytesOf(json));
  assert.deepEqual(decodeCardFile(tEXt("chara", bytesOf(latin1Base64)), LIMIT).data, expected);
  assert.deepEqual(decodeCardFile(tEXt("chara", utf8(json)), LIMIT).data, expected);
});

Deno.test("a compressed card chunk expands to at most the limit; a corrupt one is -32602", () => {
  const bomb = zTXt("chara", new Uint8Array(3 * 1024 * 1024).fill(0x41));
  assert.ok(bomb.length < 64 * 1024, "the fixture is small on disk");
  assert.throws(() => decodeCardFile(bomb, { maxBytes: 1024 * 1024 }), PayloadTooLarge);
  const corrupt = pngWithChunk("zTXt", concat(bytesOf("chara\0\0"), bytesOf("not zlib at all")));
  assert.throws(() => decodeCardFile(corrupt, LIMIT), (error: unknown) => {
    assert.ok(error instanceof InvalidInput);
    assert.match(error.message, /compressed chara chunk is corrupt/);
    return true;
  });
  assert.throws(
    () => decodeCardFile(tEXt("chara", bytesOf("%%% not base64 %%%")), LIMIT),
    (error: unknown) =>
      error instanceof InvalidInput && /neither base64 nor JSON/.test(error.message),
  );
});

/** `chunks` (name and data) before IEND. */
function pngWithChunks(added: Array<{ name: string; data: Uint8Array }>): Uint8Array {
  const chunks = extractChunks(avatarPng()) as Array<{ name: string; data: Uint8Array }>;
  const end = chunks.pop()!;
  return encodeChunks([...chunks, ...added, end]);
}

const zTXtChunk = (keyword: string, text: Uint8Array) => ({
  name: "zTXt",
  data: concat(bytesOf(`${keyword}\0\0`), zlibSync(text)),
});
const MIB = 1024 * 1024;
/** Base64 letters that inflate from a few KB to 60% of a 1 MiB limit. */
const bigBase64 = new Uint8Array(600 * 1024).fill(0x41);

Deno.test("the compressed chunks of one file share one inflate budget", () => {
  const file = pngWithChunks([
    { name: "tEXt", data: concat(bytesOf("chara\0"), bytesOf(utf8Base64)) },
    zTXtChunk("chara-ext-asset_:one", bigBase64),
    zTXtChunk("chara-ext-asset_:two", bigBase64),
  ]);
  assert.ok(file.length < 32 * 1024, "the fixture is small on disk");
  assert.throws(() => decodeCardFile(file, { maxBytes: MIB }), PayloadTooLarge);
  const one = pngWithChunks([
    { name: "tEXt", data: concat(bytesOf("chara\0"), bytesOf(utf8Base64)) },
    zTXtChunk("chara-ext-asset_:one", bigBase64),
  ]);
  assert.equal(decodeCardFile(one, { maxBytes: MIB }).data.name, expected.name);
});

Deno.test("a card keyword already read is not inflated again", () => {
  const file = pngWithChunks([
    { name: "tEXt", data: concat(bytesOf("chara\0"), bytesOf(utf8Base64)) },
    zTXtChunk("chara", bigBase64),
    zTXtChunk("Chara", bigBase64),
  ]);
  assert.deepEqual(decodeCardFile(file, { maxBytes: MIB }).data, expected, "the first one wins");
});

Deno.test("twenty 16 MB chunks stop at the budget: bytes inflated are counted, not timed", () => {
  const maxBytes = 16 * MIB;
  const chunk = zTXtChunk("chara-ext-asset_:x", new Uint8Array(maxBytes - 1024).fill(0x41)).data;
  assert.ok(chunk.length < 64 * 1024);
  const budget = inflateBudget(maxBytes);
  let read = 0;
  assert.throws(() => {
    for (let i = 0; i < 20; i++) {
      decodeTextChunk("zTXt", chunk, { budget, wanted: () => true });
      read++;
    }
  }, PayloadTooLarge);
  assert.equal(read, 1, "the second chunk passes the budget");
  assert.ok(budget.inflated <= maxBytes + MIB, `inflated ${budget.inflated} bytes in all`);
});

Deno.test("an iTXt text is UTF-8 decoded once: text that looks like mojibake stays as written", () => {
  // All else ASCII, so that a second decoding would find valid UTF-8 and change it.
  const card = {
    spec: "chara_card_v2",
    spec_version: "2.0",
    data: { name: "Ana", description: "MÃ©xico, as a shop sign misprints it" },
  };
  const file = iTXt("chara", JSON.stringify(card), false);
  assert.equal(decodeCardFile(file, LIMIT).data.description, card.data.description);
  const encoded = iTXt("chara", base64(utf8(JSON.stringify(card))), true);
  assert.equal(decodeCardFile(encoded, LIMIT).data.description, card.data.description);
});

Deno.test("base64 of UTF-16 JSON with its BOM reads as a JSON file would", () => {
  const text = `\uFEFF${json}`;
  const utf16 = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    utf16[i * 2] = text.charCodeAt(i) & 0xff;
    utf16[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  assert.deepEqual(decodeCardFile(tEXt("chara", bytesOf(base64(utf16))), LIMIT).data, expected);
});

/**
 * Characters handed to regexes such as `/=+$/` or `/={1,}$/`: tied to the end but not to the
 * start, which V8 retries at every character of a run (each time reading the rest of it).
 */
function tailRunReads(run: () => void): number {
  let read = 0;
  watchRegexCalls(run, ({ regex, input }) => {
    const tail = regex.source.endsWith("$") && !regex.source.endsWith("\\$");
    if (tail && !regex.source.startsWith("^") && !regex.sticky) read += input.length;
  });
  return read;
}

Deno.test("trailing padding and NULs of a card chunk are cut in one pass, whatever comes after", () => {
  const json = '{"name":"Ann"}';
  const base64 = btoa(json);
  // The hostile chunks (100,000 "=" or NULs, then a letter: 5-7 s each before): refused, fast.
  for (const text of ["=".repeat(100_000) + "A", "\0".repeat(100_000) + "A"]) {
    assert.equal(tailRunReads(() => assert.throws(() => cardJsonOf(text))), 0);
  }
  assert.equal(
    tailRunReads(() => assert.throws(() => lenientBase64("=".repeat(100_000) + "A"))),
    0,
  );
  const file = tEXt("chara", bytesOf("=".repeat(100_000) + "A"));
  assert.equal(
    tailRunReads(() => assert.throws(() => decodeCardFile(file, LIMIT), InvalidInput)),
    0,
  );
  // Normal chunks read as before: padding and NULs at the end dropped, those inside kept.
  assert.equal(cardJsonOf(base64 + "\0\0\0"), json);
  assert.equal(cardJsonOf(json + "\0".repeat(5)), json);
  assert.equal(cardJsonOf(btoa(json + " ") + "==\0"), json + " ");
  assert.deepEqual(lenientBase64("QQ=="), new Uint8Array([65]));
  assert.deepEqual(lenientBase64("QQ"), new Uint8Array([65]));
  assert.deepEqual(lenientBase64("QUI=\n"), new Uint8Array([65, 66]));
  assert.deepEqual(lenientBase64("="), new Uint8Array([]));
});
