/**
 * JSON decoded from card files (a JSON card, a PNG's card chunk, a CHARX's card.json) is held to
 * the depth requests are held to (64 levels, `core/json_depth.ts`): deeper is -32602 naming the
 * file, never a stack overflow (-32603) nor a card stored that its own export cannot re-import.
 */
import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import pngText from "png-chunk-text";
import encodeChunks from "png-chunks-encode";
import extractChunks from "../../tests/_png_extract.ts";
import { InvalidInput } from "../errors.ts";
import { MAX_JSON_DEPTH } from "../json_depth.ts";
import { decodeCardFile } from "./codec.ts";
import { avatarPng } from "../../tests/_cards.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };

/** A V2 card whose `data.extensions.deep` nests `levels` objects (the card itself adds 3). */
function cardText(levels: number): string {
  const deep = '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
  return `{"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"Deep","extensions":{"deep":${deep}}}}`;
}

function png(text: string): Uint8Array {
  const chunks = extractChunks(avatarPng()) as Array<{ name: string; data: Uint8Array }>;
  const end = chunks.pop()!;
  const base64 = new TextEncoder().encode(text).toBase64();
  return encodeChunks([...chunks, pngText.encode("chara", base64), end]);
}

function refusedAsTooDeep(error: unknown): boolean {
  assert.ok(error instanceof InvalidInput, String(error));
  assert.match(error.message, /nested deeper than 64 levels/);
  return true;
}

Deno.test("a card file nested deeper than 64 levels is -32602, in JSON, PNG and CHARX alike", () => {
  const deepest = MAX_JSON_DEPTH - 3; // card, data, extensions
  for (
    const [label, file] of [
      ["json", (text: string) => new TextEncoder().encode(text)],
      ["png", png],
      ["charx", (text: string) => zipSync({ "card.json": strToU8(text) })],
    ] as const
  ) {
    assert.equal(decodeCardFile(file(cardText(deepest)), LIMIT).data.name, "Deep", label);
    assert.throws(() => decodeCardFile(file(cardText(deepest + 1)), LIMIT), refusedAsTooDeep);
  }
});

Deno.test("a CHARX card.json or a JSON card 100,000 deep is -32602, not a stack overflow", () => {
  const text = "[".repeat(100_000) + "]".repeat(100_000);
  const charx = zipSync({ "card.json": strToU8(text) });
  assert.throws(() => decodeCardFile(charx, LIMIT), refusedAsTooDeep);
  const json = new TextEncoder().encode(cardText(100_000));
  assert.throws(() => decodeCardFile(json, LIMIT), refusedAsTooDeep);
});
