import assert from "node:assert/strict";
import { imageProblem } from "./image_check.ts";
import { writePngCard } from "./png.ts";

const TINY_PNG = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);

function bytes(...parts: (number[] | string)[]): Uint8Array {
  return Uint8Array.from(
    parts.flatMap((part) =>
      typeof part === "string" ? [...part].map((c) => c.charCodeAt(0)) : part
    ),
  );
}

function webp(payload: number, declared = payload + 4): Uint8Array {
  const out = new Uint8Array(8 + payload + 4);
  out.set(bytes("RIFF"), 0);
  new DataView(out.buffer).setUint32(4, declared, true);
  out.set(bytes("WEBPVP8 "), 8);
  return out;
}

Deno.test("imageProblem accepts whole images and refuses headers followed by junk or cut files", () => {
  assert.equal(imageProblem(TINY_PNG), null);
  // A header followed by junk, a truncated file, a broken CRC.
  assert.match(
    imageProblem(bytes([0x89], "PNG\r\n\x1a\njunkjunkjunkjunkjunk")) ?? "",
    /complete PNG/,
  );
  assert.match(imageProblem(TINY_PNG.subarray(0, 20)) ?? "", /complete PNG/);
  const flipped = TINY_PNG.slice();
  flipped[flipped.length - 20]! ^= 1;
  assert.match(imageProblem(flipped) ?? "", /CRC/);
  // A card written by this server stays an image.
  assert.equal(imageProblem(writePngCard(TINY_PNG, new Map([["chara", "e30="]]))), null);

  assert.equal(imageProblem(bytes([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])), null);
  assert.equal(imageProblem(bytes([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9, 0, 0])), null);
  assert.match(imageProblem(bytes([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])) ?? "", /complete JPEG/);

  assert.equal(imageProblem(webp(20)), null);
  assert.match(imageProblem(webp(20, 4000)) ?? "", /complete WEBP.*RIFF/);

  const gif = bytes("GIF89a", [1, 0, 1, 0, 0, 0, 0, 0x2c, 0x3b]);
  assert.equal(imageProblem(gif), null);
  assert.match(imageProblem(gif.subarray(0, gif.length - 1)) ?? "", /complete GIF/);
  assert.match(imageProblem(bytes("<svg></svg>")) ?? "", /not a PNG, JPEG, WebP or GIF/);
});
