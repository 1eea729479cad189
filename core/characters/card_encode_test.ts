/**
 * A CHARX asset's file name is cut to 100 units between characters: an astral letter (two
 * units) at the cut was split, leaving half a surrogate pair in the path.
 */
import assert from "node:assert/strict";
import { encodeCard } from "./card_encode.ts";
import { readCharx } from "./charx.ts";
import type { CardData } from "./card_data.ts";

Deno.test("asset file names in a CHARX are cut between characters", () => {
  const name = `a${"𝒜".repeat(60)}`; // unit 100 is the first half of a letter
  const encoded = encodeCard({
    data: { name: "Lumi", extensions: {} } as unknown as CardData,
    assets: [{ type: "icon", name, ext: "png", data: new Uint8Array([1, 2, 3]) }],
    spec: "v3",
    format: "charx",
    placeholder: () => new Uint8Array(),
  });
  const contents = readCharx(encoded.bytes, { maxBytes: 1_000_000 });
  const paths = [...contents.files.keys()].filter((path) => path.startsWith("assets/"));
  assert.equal(paths.length, 1, JSON.stringify(paths));
  assert.ok(paths[0]!.isWellFormed() && !paths[0]!.includes("\uFFFD"), paths[0]);
  assert.ok(paths[0]!.includes(`a${"𝒜".repeat(49)}.png`), paths[0]);
});
