/**
 * PNG cards read in place (`png_chunks.ts`, `png.ts`): a huge text chunk that is not a card's is
 * skipped unread and kept in the avatar as it was, every chunk's CRC is still checked, and text
 * decoded in bulk stays Latin-1 where Windows-1252 would differ (0x80-0x9F).
 */
import assert from "node:assert/strict";
import encodeChunks from "png-chunks-encode";
import extractChunks from "../../tests/_png_extract.ts";
import pngText from "png-chunk-text";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { decodeCardFile } from "./codec.ts";
import { readPngCard, writePngCard } from "./png.ts";
import { chunkSpans, MAX_PNG_CHUNKS, maxPngChunks } from "./png_chunks.ts";
import { avatarPng, v2Card } from "../../tests/_cards.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };

/** A PNG with `chunks` before IEND. */
function pngWith(...chunks: Array<{ name: string; data: Uint8Array }>): Uint8Array {
  const list = extractChunks(avatarPng()) as Array<{ name: string; data: Uint8Array }>;
  const end = list.pop()!;
  return encodeChunks([...list, ...chunks, end]);
}

function junkText(keyword: string, size: number): { name: string; data: Uint8Array } {
  const data = new Uint8Array(keyword.length + 1 + size).fill(0x41);
  data.set(new TextEncoder().encode(keyword));
  data[keyword.length] = 0;
  return { name: "tEXt", data };
}

const NAME = (v2Card().data as { name: string }).name;

const chara = (card: unknown) =>
  pngText.encode(
    "chara",
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(card)))),
  );

Deno.test("a 2 MB text chunk that is no card's is skipped, and kept in the avatar as it was", () => {
  const junk = junkText("junk", 2_000_000);
  // Not zlib: inflating it would throw; a zTXt that is no card's is never inflated.
  const zjunk = { name: "zTXt", data: new TextEncoder().encode("Comment\0\0not zlib at all") };
  const png = pngWith(junk, zjunk, chara(v2Card()));
  const card = readPngCard(png, LIMIT);
  assert.equal(JSON.parse(card.json).data.name, NAME);
  const kept = extractChunks(card.image) as Array<{ name: string; data: Uint8Array }>;
  assert.deepEqual(kept.map((chunk) => chunk.name), ["IHDR", "IDAT", "tEXt", "zTXt", "IEND"]);
  assert.deepEqual(kept[2]!.data, junk.data);
  assert.equal(decodeCardFile(png, LIMIT).data.name, NAME);
});

Deno.test("a chunk whose CRC does not match is refused, whichever chunk it is", () => {
  const png = pngWith(junkText("junk", 100), chara(v2Card()));
  const spansAt = (type: string) => new TextDecoder("latin1").decode(png).indexOf(type) + 4;
  for (const type of ["IHDR", "IDAT", "tEXt", "IEND"]) {
    const broken = png.slice();
    broken[spansAt(type)] = broken[spansAt(type)]! ^ 0xff; // first data byte (IEND: its CRC)
    assert.throws(() => readPngCard(broken, LIMIT), (error: unknown) => {
      assert.ok(error instanceof InvalidInput, type);
      assert.match(error.message, /fails its CRC check/, type);
      return true;
    });
  }
});

Deno.test("raw JSON in a tEXt chunk with bytes 0x80-0x9F reads as Latin-1 (then UTF-8), not Windows-1252", () => {
  // "—" is E2 80 94 in UTF-8: Windows-1252 would read 0x80 as "€" and 0x94 as a quote.
  const card = { spec: "chara_card_v2", spec_version: "2.0", data: { name: "Dash — Ā" } };
  const data = new Uint8Array([
    ...new TextEncoder().encode("chara\0"),
    ...new TextEncoder().encode(JSON.stringify(card)),
  ]);
  assert.equal(decodeCardFile(pngWith({ name: "tEXt", data }), LIMIT).data.name, "Dash — Ā");
});

Deno.test("a PNG of MAX_PNG_CHUNKS chunks is read; one more is refused as too large (-32602/413)", () => {
  assert.equal(MAX_PNG_CHUNKS, 10_000);
  const empty = { name: "tEXt", data: new Uint8Array(0) };
  // avatarPng has IHDR, IDAT and IEND; the card is one chunk more.
  const filler = (count: number) => Array.from({ length: count }, () => empty);
  const atLimit = pngWith(...filler(MAX_PNG_CHUNKS - 4), chara(v2Card()));
  assert.equal(chunkSpans(atLimit).length, MAX_PNG_CHUNKS);
  assert.equal(decodeCardFile(atLimit, LIMIT).data.name, NAME);
  const past = pngWith(...filler(MAX_PNG_CHUNKS - 3), chara(v2Card()));
  assert.throws(() => decodeCardFile(past, LIMIT), (error: unknown) => {
    assert.ok(error instanceof PayloadTooLarge);
    assert.equal(error.code, "too_large");
    assert.deepEqual(error.data, { limit_chunks: MAX_PNG_CHUNKS });
    return true;
  });
});

Deno.test("a larger CARD_MAX_BYTES allows more chunks in proportion, on import and on export", () => {
  assert.equal(maxPngChunks(1024 * 1024), MAX_PNG_CHUNKS, "a smaller limit keeps 10,000");
  assert.equal(maxPngChunks(LIMIT.maxBytes), MAX_PNG_CHUNKS, "the default limit: 10,000");
  const double = { maxBytes: 2 * LIMIT.maxBytes };
  assert.equal(maxPngChunks(double.maxBytes), 2 * MAX_PNG_CHUNKS);
  const empty = { name: "tEXt", data: new Uint8Array(0) };
  const filler = Array.from({ length: 15_000 }, () => empty);
  const many = pngWith(...filler, chara(v2Card()));
  assert.equal(decodeCardFile(many, double).data.name, NAME);
  assert.throws(() => decodeCardFile(many, LIMIT), PayloadTooLarge);
  // Its avatar (the image without the card) is written back into a card under the same limit.
  const { image } = readPngCard(many, double);
  const texts = new Map([["chara", "{}"]]);
  assert.equal(
    chunkSpans(writePngCard(image, texts, double), { maxChunks: 20_000 }).length,
    15_004,
  );
  assert.throws(() => writePngCard(image, texts, LIMIT), PayloadTooLarge);
});

Deno.test("a chunk type that is not four letters is named in hex in errors, never as raw bytes", () => {
  const signatureAndIhdr = pngWith().subarray(0, 8 + 25);
  // A chunk of type 07 1B 0A 41 (BEL, ESC, LF, "A") that claims 4096 bytes; 4 follow.
  const broken = new Uint8Array([
    ...signatureAndIhdr,
    0,
    0,
    0x10,
    0,
    0x07,
    0x1b,
    0x0a,
    0x41,
    1,
    2,
    3,
    4,
  ]);
  assert.throws(() => chunkSpans(broken), (error: unknown) => {
    assert.ok(error instanceof InvalidInput);
    assert.match(
      error.message,
      /chunk 0x071b0a41 at byte \d+ claims 4096 bytes; the file ends first/,
    );
    return true;
  });
});
