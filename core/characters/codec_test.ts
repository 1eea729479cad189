import assert from "node:assert/strict";
import { Zip, ZipDeflate } from "fflate";
import { joinedBytes } from "../bytes.ts";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import {
  avatarPng,
  charxWith,
  pngWith,
  v1Card,
  v2Card,
  v3Card,
  v3Files,
} from "../../tests/_cards.ts";
import { seraphinaLikeCard } from "../../tests/_sillytavern_cards.ts";
import { type CardFormat, decodeCardFile, decodeCardJson, encodeCard } from "./codec.ts";
import { placeholderAvatar } from "./placeholder.ts";
import { readPngCard } from "./png.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function reencode(bytes: Uint8Array, format: CardFormat, spec: "v2" | "v3") {
  const decoded = decodeCardFile(bytes, LIMIT);
  const encoded = encodeCard({
    data: decoded.data,
    assets: decoded.assets,
    spec,
    format,
    placeholder: () => placeholderAvatar(decoded.data.name),
  });
  return { first: decoded, second: decodeCardFile(encoded.bytes, LIMIT), encoded };
}

Deno.test("a V1 card imports from JSON, PNG and CHARX", () => {
  for (const bytes of [json(v1Card()), pngWith({ chara: v1Card() }), charxWith(v1Card())]) {
    const card = decodeCardFile(bytes, LIMIT);
    assert.equal(card.spec, "v1");
    assert.equal(card.data.name, "Mira");
    assert.equal(card.data.personality, "gruff, loyal, superstitious");
    assert.match(card.data.first_mes, /Who's there, \{\{user\}\}\?/);
    assert.deepEqual(card.data.alternate_greetings, []);
  }
  const tavern = decodeCardJson({
    char_name: "Old",
    char_persona: "An old TavernAI card",
    char_greeting: "Hi",
    world_scenario: "Somewhere",
    example_dialogue: "<START>",
  });
  assert.deepEqual(
    [tavern.data.name, tavern.data.description, tavern.data.first_mes, tavern.data.scenario],
    ["Old", "An old TavernAI card", "Hi", "Somewhere"],
  );
});

Deno.test("a V2 card with a four-entry book imports from JSON, PNG and CHARX, extensions kept", () => {
  for (const bytes of [json(v2Card()), pngWith({ chara: v2Card() }), charxWith(v2Card())]) {
    const card = decodeCardFile(bytes, LIMIT);
    assert.equal(card.spec, "v2");
    assert.equal(card.data.name, "Captain Vale");
    assert.equal(card.data.character_book?.entries.length, 4);
    assert.equal(card.data.character_book?.entries[3]?.constant, true);
    assert.deepEqual(card.data.extensions["agnai/voice"], { service: "none" });
    assert.deepEqual(card.data.character_book?.extensions, { "vendor/book": { keep: true } });
    assert.equal(card.data.alternate_greetings.length, 2);
  }
  const png = decodeCardFile(pngWith({ chara: v2Card() }), LIMIT);
  assert.equal(png.assets.length, 1, "a PNG's image is its avatar");
  assert.deepEqual([png.assets[0]?.type, png.assets[0]?.name], ["icon", "main"]);
});

Deno.test("a V3 card's assets resolve: embedded in CHARX, data URLs in JSON, the image in PNG", () => {
  const charx = decodeCardFile(charxWith(v3Card(), v3Files()), LIMIT);
  assert.equal(charx.spec, "v3");
  assert.equal(charx.data.nickname, "Lumi");
  assert.deepEqual(charx.assets.map((a) => [a.type, a.name, a.data?.length ?? a.uri]), [
    ["icon", "main", v3Files()["assets/icon/images/main.png"]?.length],
    ["emotion", "happy", v3Files()["assets/emotion/images/happy.png"]?.length],
    ["background", "main", "https://example.invalid/sky.png"],
  ]);
  assert.equal(charx.data.character_book?.entries[0]?.use_regex, true);
  const icon = `data:image/png;base64,${btoa(String.fromCharCode(...avatarPng(3)))}`;
  const fromJson = decodeCardFile(json(v3Card({ icon })), LIMIT);
  assert.deepEqual(fromJson.assets[0]?.data, avatarPng(3));
  const png = decodeCardFile(
    pngWith({ ccv3: v3Card({ icon: "ccdefault:" }) }, avatarPng(6)),
    LIMIT,
  );
  assert.deepEqual(png.assets[0]?.data?.length, avatarPng(6).length);
  assert.equal(png.assets[1]?.uri, "embeded://assets/emotion/images/happy.png", "unresolved stays");
});

Deno.test("a PNG with both chunks is read from ccv3", () => {
  const v2 = v2Card();
  const card = decodeCardFile(pngWith({ chara: v2, ccv3: v3Card() }), LIMIT);
  assert.equal(card.data.name, "Professor Lumen");
  assert.equal(readPngCard(pngWith({ ccv3: v3Card(), chara: v2 })).chunk, "ccv3");
});

Deno.test("import → export → import is identity for every card, format and version", () => {
  const inputs: Array<[string, Uint8Array]> = [
    ["v1", json(v1Card())],
    ["v2", pngWith({ chara: v2Card() })],
    ["v3", charxWith(v3Card(), v3Files())],
    ["seraphine", pngWith({ chara: seraphinaLikeCard() })],
  ];
  for (const [name, bytes] of inputs) {
    for (const format of ["json", "png", "charx"] as const) {
      for (const spec of ["v2", "v3"] as const) {
        const { first, second } = reencode(bytes, format, spec);
        const label = `${name} → ${format} ${spec}`;
        assert.deepEqual(second.data, first.data, label);
        assert.deepEqual(
          second.assets.map((a) => [a.type, a.name, a.ext, a.data ?? a.uri, a.extra]),
          first.assets.map((a) => [a.type, a.name, a.ext, a.data ?? a.uri, a.extra]),
          label,
        );
      }
    }
  }
});

Deno.test("exports: PNG carries chara and ccv3 over the avatar (or a placeholder); V2 only chara", () => {
  const { encoded } = reencode(pngWith({ chara: v2Card() }, avatarPng(5)), "png", "v3");
  const chunks = readPngCard(encoded.bytes);
  assert.equal(chunks.chunk, "ccv3");
  assert.equal(encoded.mime, "image/png");
  assert.deepEqual(chunks.image, avatarPng(5), "the avatar's own image, card chunks replaced");
  const text = new TextDecoder().decode(encoded.bytes);
  assert.ok(text.includes("chara\0") && text.includes("ccv3\0"));
  const v2Only = reencode(json(v1Card()), "png", "v2").encoded.bytes;
  const v2Text = new TextDecoder().decode(v2Only);
  assert.ok(v2Text.includes("chara\0") && !v2Text.includes("ccv3\0"));
  assert.deepEqual(readPngCard(v2Only).image, placeholderAvatar("Mira"), "no avatar: placeholder");
  const exported = JSON.parse(
    new TextDecoder().decode(reencode(json(v2Card()), "json", "v2").encoded.bytes),
  );
  assert.equal(exported.spec, "chara_card_v2");
  assert.equal(exported.name, "Captain Vale", "V1 fields mirrored at the root");
  assert.deepEqual(exported.data.extensions["agnai/voice"], { service: "none" });
});

Deno.test("a truncated or forged PNG is refused with -32602, without a huge allocation", () => {
  const whole = pngWith({ chara: v2Card() });
  for (const cut of [whole.length - 1, whole.length - 20, 40, 9]) {
    assert.throws(
      () => decodeCardFile(whole.subarray(0, cut), LIMIT),
      InvalidInput,
      `cut at ${cut}`,
    );
  }
  const forged = whole.slice();
  new DataView(forged.buffer).setUint32(8, 0xfffffff0); // IHDR claims ~4 GB
  assert.throws(() => decodeCardFile(forged, LIMIT), /truncated or corrupt/);
  const flipped = whole.slice();
  flipped[40] = (flipped[40] ?? 0) ^ 0xff; // CRC mismatch
  assert.throws(() => decodeCardFile(flipped, LIMIT), InvalidInput);
  assert.throws(() => decodeCardFile(avatarPng(), LIMIT), /no character card/);
});

/** A zip whose one entry inflates to `mb` megabytes of zeros, built without holding them. */
function zipBomb(mb: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  const card = new ZipDeflate("card.json", { level: 9 });
  zip.add(card);
  card.push(new TextEncoder().encode(JSON.stringify({ name: "Bomb" })), true);
  const zeros = new Uint8Array(1024 * 1024);
  const bomb = new ZipDeflate("assets/other/other/bomb.bin", { level: 1 });
  zip.add(bomb);
  for (let i = 0; i < mb; i++) bomb.push(zeros, i === mb - 1);
  zip.end();
  return joinedBytes(parts, parts.reduce((sum, part) => sum + part.length, 0));
}

Deno.test("a zip bomb-like CHARX is refused as too large, with bounded memory", () => {
  const bomb = zipBomb(96);
  assert.ok(bomb.length < 1024 * 1024, `the bomb is small (${bomb.length} bytes)`);
  // This isolate's own memory (rss is shared with the other test workers): inflating all of it
  // takes about 225 MB here, refusing it at the 16 MiB limit about 60 MB.
  const used = () => Deno.memoryUsage().external + Deno.memoryUsage().heapUsed;
  (globalThis as { gc?: () => void }).gc?.();
  const before = used();
  assert.throws(() => decodeCardFile(bomb, LIMIT), PayloadTooLarge);
  const grown = used() - before;
  assert.ok(grown < 128 * 1024 * 1024, `memory grew ${Math.round(grown / 1e6)} MB`);
});

Deno.test("a 20 MB card file is refused as too large before it is read", () => {
  const huge = new Uint8Array(20 * 1024 * 1024);
  huge.set(json({ name: "x", description: "" }));
  assert.throws(() => decodeCardFile(huge, LIMIT), PayloadTooLarge);
});

Deno.test("CHARX without card.json, with too many files, or corrupt is refused with -32602", () => {
  assert.throws(() => decodeCardFile(charxWith(v3Card()).subarray(30), LIMIT), InvalidInput);
  const noCard = charxWith(v3Card());
  const renamed = noCard.slice();
  const at = new TextDecoder().decode(renamed).indexOf("card.json");
  renamed[at] = "x".charCodeAt(0);
  assert.throws(() => decodeCardFile(renamed, LIMIT), /card\.json/);
  const many: Record<string, Uint8Array> = {};
  for (let i = 0; i < 2100; i++) many[`f${i}.txt`] = new Uint8Array(1);
  assert.throws(() => decodeCardFile(charxWith(v3Card(), many), LIMIT), /more than 2048 files/);
});

Deno.test("what is not a card is refused with -32602 naming the field", () => {
  assert.throws(() => decodeCardFile(new Uint8Array([1, 2, 3, 4]), LIMIT), InvalidInput);
  assert.throws(() => decodeCardFile(json({ hello: "world" }), LIMIT), /Not a character card/);
  assert.throws(() => decodeCardFile(new TextEncoder().encode("{oops"), LIMIT), /not valid JSON/);
  try {
    decodeCardJson({ spec: "chara_card_v2", data: { name: "", description: 5, tags: {} } });
    assert.fail("expected an error");
  } catch (error) {
    assert.ok(error instanceof InvalidInput);
    const fields = (error.data as { fields: { field: string }[] }).fields.map((f) => f.field);
    assert.deepEqual(fields, ["card.data.name", "card.data.tags"]);
  }
  assert.throws(
    () => decodeCardJson({ spec: "chara_card_v2", data: { name: "n".repeat(65) } }),
    /at most 64 characters/,
  );
});

Deno.test("lenient like the community's importers: null book, string greetings, missing fields", () => {
  const card = decodeCardJson({
    spec: "chara_card_v2",
    data: {
      name: "  Loose  ",
      character_book: null,
      alternate_greetings: "just one",
      tags: "a, b ,c",
      extensions: null,
      description: null,
      creator_notes: 12,
    },
  });
  assert.equal(card.data.name, "Loose");
  assert.equal(card.data.character_book, undefined);
  assert.deepEqual(card.data.alternate_greetings, ["just one"]);
  assert.deepEqual(card.data.tags, ["a", "b", "c"]);
  assert.deepEqual(card.data.extensions, {});
  assert.equal(card.data.description, "");
  assert.equal(card.data.creator_notes, "12");
});

Deno.test("the community-style card: data wins over the root, SillyTavern's fields survive", () => {
  const card = decodeCardFile(pngWith({ chara: seraphinaLikeCard() }), LIMIT);
  assert.equal(card.data.name, "Seraphine");
  assert.equal(card.data.extensions.world, "Eldwood");
  assert.equal(card.data.extensions.talkativeness, "0.5");
  const entry = card.data.character_book?.entries[0];
  assert.equal(entry?.extensions.display_index, 0);
  assert.equal(entry?.use_regex, true);
  assert.equal(card.data.avatar, undefined, "root-only SillyTavern fields are not card data");
});
