/**
 * The limits and leniencies of card reading, each at its edge: field lengths and list sizes, the
 * file and CHARX expansion limits, how a spec-less `{data}` card and SillyTavern's root fields are
 * read, and what `ccdefault:` may point at.
 */
import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import encodeChunks from "png-chunks-encode";
import extractChunks from "../../tests/_png_extract.ts";
import pngText from "png-chunk-text";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { avatarPng, pngWith, v3Card } from "../../tests/_cards.ts";
import { toBase64 } from "./assets.ts";
import { CARD_LIMITS } from "./card.ts";
import { CHARX_MAX_FILES, readCharx } from "./charx.ts";
import { decodeCardFile, decodeCardJson } from "./codec.ts";
import { readPngCard } from "./png.ts";

const v2 = (data: Record<string, unknown>) => ({
  spec: "chara_card_v2",
  data: { name: "N", ...data },
});

function refusedAt(field: string): (error: unknown) => boolean {
  return (error) =>
    error instanceof InvalidInput &&
    (error.data as { fields: Array<{ field: string }> }).fields.some((f) => f.field === field);
}

Deno.test("a name of 64 characters is accepted, 65 refused", () => {
  assert.equal(CARD_LIMITS.name, 64);
  assert.equal(decodeCardJson(v2({ name: "n".repeat(64) })).data.name.length, 64);
  assert.throws(() => decodeCardJson(v2({ name: "n".repeat(65) })), refusedAt("card.data.name"));
});

Deno.test("text fields hold 100 000 characters, not one more", () => {
  assert.equal(CARD_LIMITS.text, 100_000);
  const full = "d".repeat(100_000);
  assert.equal(decodeCardJson(v2({ description: full })).data.description, full);
  assert.throws(
    () => decodeCardJson(v2({ description: `${full}d` })),
    refusedAt("card.data.description"),
  );
});

Deno.test("lists hold 256 items, not one more", () => {
  assert.equal(CARD_LIMITS.items, 256);
  const greetings = (n: number) => Array.from({ length: n }, (_, i) => `hello ${i}`);
  assert.equal(
    decodeCardJson(v2({ alternate_greetings: greetings(256) })).data.alternate_greetings.length,
    256,
  );
  assert.throws(
    () => decodeCardJson(v2({ alternate_greetings: greetings(257) })),
    refusedAt("card.data.alternate_greetings"),
  );
});

Deno.test("a card file of exactly the limit is read; one byte more is too large", () => {
  const bytes = new TextEncoder().encode(JSON.stringify(v2({})));
  assert.equal(decodeCardFile(bytes, { maxBytes: bytes.length }).data.name, "N");
  assert.throws(
    () => decodeCardFile(bytes, { maxBytes: bytes.length - 1 }),
    (error) => error instanceof PayloadTooLarge,
  );
});

Deno.test("a CHARX may expand to exactly the limit; one byte more is too large", () => {
  const card = strToU8(JSON.stringify(v3Card({ icon: "ccdefault:", emotion: "ccdefault:" })));
  const file = new Uint8Array(5000);
  const zip = zipSync({ "card.json": card, "assets/other/other/blob.bin": file });
  const expanded = card.length + file.length;
  assert.equal(readCharx(zip, { maxBytes: expanded }).files.size, 1);
  assert.throws(
    () => readCharx(zip, { maxBytes: expanded - 1 }),
    (error) => error instanceof PayloadTooLarge,
  );
});

Deno.test("a CHARX holds at most CHARX_MAX_FILES (2048) files", () => {
  assert.equal(CHARX_MAX_FILES, 2048);
  const files = (n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [`assets/other/other/${i}.txt`, strToU8("x")]),
    );
  const card = strToU8(JSON.stringify(v3Card()));
  const limit = { maxBytes: 16 * 1024 * 1024 };
  assert.equal(readCharx(zipSync({ "card.json": card, ...files(2047) }), limit).files.size, 2047);
  assert.throws(
    () => readCharx(zipSync({ "card.json": card, ...files(2048) }), limit),
    /more than 2048 files/,
  );
});

Deno.test("a {data} card without spec is a V2 card", () => {
  assert.equal(decodeCardJson({ data: { name: "Nameless spec" } }).spec, "v2");
  assert.equal(decodeCardJson({ spec: "chara_card_v3", data: { name: "x" } }).spec, "v3");
});

Deno.test("SillyTavern's root talkativeness and fav move into extensions when data has none", () => {
  const v1 = decodeCardJson({ name: "Old", talkativeness: "0.9", fav: true });
  assert.deepEqual(v1.data.extensions, { talkativeness: "0.9", fav: true });
  const bare = decodeCardJson({
    spec: "chara_card_v2",
    talkativeness: "0.2",
    fav: false,
    data: { name: "No extensions" },
  });
  assert.deepEqual(bare.data.extensions, { talkativeness: "0.2", fav: false });
  const own = decodeCardJson({
    spec: "chara_card_v2",
    talkativeness: "0.2",
    data: { name: "Own", extensions: { talkativeness: "0.7" } },
  });
  assert.deepEqual(own.data.extensions, { talkativeness: "0.7" }, "data's extensions win");
});

Deno.test("in a PNG, ccdefault: is the image for the icon only", () => {
  const card = v3Card({ icon: "ccdefault:", emotion: "ccdefault:" });
  const png = pngWith({ ccv3: card }, avatarPng(6));
  const decoded = decodeCardFile(png, { maxBytes: 1_000_000 });
  const [icon, emotion] = decoded.assets;
  assert.deepEqual(icon?.data, readPngCard(png).image);
  assert.equal(emotion?.data, undefined);
  assert.equal(emotion?.uri, "ccdefault:", "another type's default is the application's to choose");
});

Deno.test("root extensions fill in when data's extensions is null", () => {
  const card = decodeCardJson({
    spec: "chara_card_v2",
    talkativeness: "0.3",
    data: { name: "Null extensions", extensions: null },
  });
  assert.deepEqual(card.data.extensions, { talkativeness: "0.3" });
});

Deno.test("card chunk keywords are read in any case, and the first of a kind wins (as SillyTavern reads)", () => {
  const chunks = extractChunks(avatarPng()) as Array<{ name: string; data: Uint8Array }>;
  const end = chunks.pop()!;
  const text = (keyword: string, name: string) =>
    pngText.encode(keyword, toBase64(new TextEncoder().encode(JSON.stringify(v2({ name })))));
  const png = encodeChunks([...chunks, text("Chara", "First"), text("chara", "Second"), end]);
  assert.equal(decodeCardFile(png, { maxBytes: 1_000_000 }).data.name, "First");
});

const v3 = (data: Record<string, unknown>) => ({
  spec: "chara_card_v3",
  spec_version: "3.0",
  data: { name: "N", ...data },
});
const asset = (fields: Record<string, unknown> = {}) => ({
  type: "icon",
  uri: "ccdefault:",
  name: "main",
  ext: "png",
  ...fields,
});

Deno.test("short fields (tags, creator, version) hold 500 characters, not one more", () => {
  assert.equal(CARD_LIMITS.short, 500);
  const full = "t".repeat(500);
  assert.deepEqual(decodeCardJson(v2({ tags: [full] })).data.tags, [full]);
  assert.throws(() => decodeCardJson(v2({ tags: [`${full}t`] })), refusedAt("card.data.tags.0"));
  assert.equal(decodeCardJson(v2({ creator: full })).data.creator, full);
  assert.throws(() => decodeCardJson(v2({ creator: `${full}t` })), refusedAt("card.data.creator"));
});

Deno.test("a V3 card holds 256 assets, not one more; type 64 and ext 16 characters", () => {
  const assets = (n: number) => Array.from({ length: n }, (_, i) => asset({ name: `a${i}` }));
  assert.equal(decodeCardJson(v3({ assets: assets(256) })).assets?.length, 256);
  assert.throws(() => decodeCardJson(v3({ assets: assets(257) })), refusedAt("card.data.assets"));
  const edge = asset({ type: "y".repeat(64), ext: "E".repeat(16) });
  const [read] = decodeCardJson(v3({ assets: [edge] })).assets ?? [];
  assert.deepEqual([read?.type.length, read?.ext], [64, "e".repeat(16)]);
  assert.throws(
    () => decodeCardJson(v3({ assets: [asset({ type: "y".repeat(65) })] })),
    refusedAt("card.data.assets.0.type"),
  );
  assert.throws(
    () => decodeCardJson(v3({ assets: [asset({ ext: "e".repeat(17) })] })),
    refusedAt("card.data.assets.0.ext"),
  );
});

Deno.test("a multilingual creator note holds 100 000 characters, not one more", () => {
  const full = "n".repeat(100_000);
  const read = decodeCardJson(v3({ creator_notes_multilingual: { fr: full } }));
  assert.equal(read.data.creator_notes_multilingual?.fr, full);
  assert.throws(
    () => decodeCardJson(v3({ creator_notes_multilingual: { fr: `${full}n` } })),
    refusedAt("card.data.creator_notes_multilingual.fr"),
  );
});

Deno.test("blank tags are dropped and tags trimmed; asset extensions read in lower case", () => {
  assert.deepEqual(decodeCardJson(v2({ tags: ["", " ", " magic "] })).data.tags, ["magic"]);
  const [read] = decodeCardJson(v3({ assets: [asset({ ext: "PNG" })] })).assets ?? [];
  assert.equal(read?.ext, "png");
});
