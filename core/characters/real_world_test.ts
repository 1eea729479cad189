/**
 * Cards as the community's applications write them (SillyTavern, Chub, RisuAI, TavernAI) and
 * with the accidents real files carry: each imports, and every export format and version
 * re-imports to the same card.
 */
import assert from "node:assert/strict";
import { type CardFormat, decodeCardFile, type DecodedCard, encodeCard } from "./codec.ts";
import { placeholderAvatar } from "./placeholder.ts";
import { readPngCard } from "./png.ts";
import { readCharx } from "./charx.ts";
import encodeChunks from "png-chunks-encode";
import extractChunks from "../../tests/_png_extract.ts";
import pngText from "png-chunk-text";
import { toBase64 } from "./assets.ts";
import { avatarPng, charxWith, pngWith } from "../../tests/_cards.ts";
import {
  chubV3Card,
  chubV3Png,
  emojiCard,
  japaneseCard,
  jsonFile,
  risuCharx,
  tavernV1Card,
} from "../../tests/_real_cards.ts";
import { sillyTavernCard, sillyTavernPng } from "../../tests/_sillytavern_cards.ts";

const LIMIT = { maxBytes: 16 * 1024 * 1024 };

function encode(decoded: DecodedCard, format: CardFormat, spec: "v2" | "v3") {
  return encodeCard({
    data: decoded.data,
    assets: decoded.assets,
    spec,
    format,
    placeholder: () => placeholderAvatar(decoded.data.name),
  });
}

function assetView(card: DecodedCard) {
  return card.assets.map((a) => [a.type, a.name, a.ext, a.data ?? a.uri, a.extra]);
}

/** Every export format and version of `bytes` re-imports to the card first read. */
function assertRoundTrips(label: string, bytes: Uint8Array): DecodedCard {
  const first = decodeCardFile(bytes, LIMIT);
  for (const format of ["json", "png", "charx"] as const) {
    for (const spec of ["v2", "v3"] as const) {
      const again = decodeCardFile(encode(first, format, spec).bytes, LIMIT);
      assert.deepEqual(again.data, first.data, `${label} → ${format} ${spec}`);
      assert.deepEqual(assetView(again), assetView(first), `${label} → ${format} ${spec} assets`);
    }
  }
  return first;
}

Deno.test("a SillyTavern PNG export (chara only) keeps its extensions, regex scripts and book", () => {
  const card = assertRoundTrips("sillytavern", sillyTavernPng());
  assert.equal(card.spec, "v2");
  const extensions = card.data.extensions;
  assert.equal(extensions.talkativeness, "0.8");
  assert.equal(extensions.fav, true);
  assert.equal(extensions.world, "Aldmoor");
  assert.deepEqual(extensions.depth_prompt, {
    prompt: "{{char}} never lies about the river.",
    depth: 4,
    role: "system",
  });
  assert.equal(
    (extensions.regex_scripts as Array<{ findRegex: string }>)[0]?.findRegex,
    "/\\*(.+?)\\*/g",
  );
  const entries = card.data.character_book?.entries ?? [];
  assert.equal(entries.length, 3);
  assert.deepEqual(entries[1]?.extensions.triggers, []);
  assert.equal(entries[1]?.extensions.position, 4);
  assert.equal(card.data.chat, undefined, "SillyTavern's root-only fields are not card data");
  assert.deepEqual(card.assets.map((a) => [a.type, a.name, a.ext]), [["icon", "main", "png"]]);
});

Deno.test("the same SillyTavern card as a JSON file with a BOM and Windows line endings imports", () => {
  const plain = decodeCardFile(jsonFile(sillyTavernCard()), LIMIT);
  const windows = decodeCardFile(jsonFile(sillyTavernCard(), { bom: true, crlf: true }), LIMIT);
  assert.deepEqual(windows.data, plain.data);
  assertRoundTrips("sillytavern bom", jsonFile(sillyTavernCard(), { bom: true, crlf: true }));
});

Deno.test("a Chub V3 PNG is read from ccv3: its icon is the image, embeded:// and https URIs stay", () => {
  const card = assertRoundTrips("chub png", chubV3Png());
  assert.equal(card.spec, "v3");
  assert.equal(card.data.nickname, "Mari");
  assert.equal(card.data.creator_notes, "Created on Chub.", "not the V2 backfill's warning");
  assert.deepEqual(card.data.source, ["https://chub.ai/characters/mapmaker/marisol-vey-1a2b3c"]);
  const [icon, joy, background] = card.assets;
  assert.deepEqual(icon?.data, readPngCard(chubV3Png()).image);
  assert.equal(joy?.uri, "embeded://assets/emotion/images/joy.png");
  assert.equal(background?.uri, "https://avatars.charhub.io/backgrounds/market.webp");
  assert.equal((card.data.extensions.chub as { id: number }).id, 1234567);
});

Deno.test("a Chub V3 card.json (no image) keeps ccdefault: and invents no avatar", () => {
  const card = assertRoundTrips("chub json", jsonFile(chubV3Card()));
  assert.deepEqual(card.assets.map((a) => [a.type, a.uri]), [
    ["icon", "ccdefault:"],
    ["emotion", "embeded://assets/emotion/images/joy.png"],
    ["background", "https://avatars.charhub.io/backgrounds/market.webp"],
  ]);
});

Deno.test("a RisuAI CHARX imports with its assets; its module and x_meta files survive a CHARX export", () => {
  const card = assertRoundTrips("risu charx", risuCharx());
  assert.deepEqual(card.assets.map((a) => [a.type, a.name, a.data?.length ?? a.uri]), [
    ["icon", "main", readCharx(risuCharx(), LIMIT).files.get("assets/icon/image/main.png")?.length],
    [
      "x-risu-asset",
      "ink",
      readCharx(risuCharx(), LIMIT).files.get("assets/other/image/ink.png")?.length,
    ],
    ["x-charx-file", "module.risum", 9],
    ["x-charx-file", "x_meta/main.json", 14],
    ["x-charx-file", "x_meta/ink.json", 14],
  ], "files the card does not list are kept by path");
  assert.ok(card.data.extensions.risuai, "RisuAI's extension kept");
  const exported = encode(card, "charx", "v3").bytes;
  const files = readCharx(exported, LIMIT).files;
  const original = readCharx(risuCharx(), LIMIT).files;
  for (const path of ["module.risum", "x_meta/main.json", "x_meta/ink.json"]) {
    assert.deepEqual(files.get(path), original.get(path), path);
  }
});

Deno.test("a TavernAI V1 card with only the six fields imports as V1 and round-trips", () => {
  const card = assertRoundTrips("v1 json", jsonFile(tavernV1Card()));
  assert.equal(card.spec, "v1");
  assert.equal(card.data.first_mes, "Fare's two coins, {{user}}.");
  assertRoundTrips("v1 png", pngWith({ chara: tavernV1Card() }));
});

Deno.test("a Japanese card with Windows line endings, a null book and string greetings and tags", () => {
  const card = assertRoundTrips("japanese", jsonFile(japaneseCard(), { crlf: true }));
  assert.equal(card.data.name, "桜井 ハル");
  assert.equal(card.data.description, "{{char}}は図書館の司書です。\r\n静かな声で話します。");
  assert.deepEqual(card.data.alternate_greetings, ["……あ、{{user}}さん。"]);
  assert.deepEqual(card.data.tags, ["日本語", "学園"]);
  assert.equal(card.data.character_book, undefined);
  assertRoundTrips("japanese png", pngWith({ chara: japaneseCard() }));
});

Deno.test("an emoji name, an empty book object and blank tags import", () => {
  const card = assertRoundTrips("emoji", pngWith({ chara: emojiCard() }));
  assert.equal(card.data.name, "🌸 Blossom 🌸");
  assert.deepEqual(card.data.tags, ["nature"], "blank tags are dropped, as importers do");
  assert.deepEqual(card.data.character_book?.entries, []);
});

Deno.test("PNG asset chunks are read as RisuAI writes them (no colon) and as the spec spells them", () => {
  const card = chubV3Card();
  const data = card.data as { assets: Array<Record<string, string>> };
  data.assets = [
    { type: "icon", uri: "ccdefault:", name: "main", ext: "png" },
    { type: "emotion", uri: "__asset:0", name: "joy", ext: "png" },
    { type: "emotion", uri: "__asset:sad.png", name: "sad", ext: "png" },
  ];
  const joy = avatarPng(3, 1);
  const sad = avatarPng(5, 2);
  const chunks = extractChunks(pngWith({ ccv3: card })) as Array<
    { name: string; data: Uint8Array }
  >;
  const end = chunks.pop()!;
  chunks.push(pngText.encode("chara-ext-asset_0", toBase64(joy)));
  chunks.push(pngText.encode("chara-ext-asset_:sad.png", toBase64(sad)));
  const decoded = decodeCardFile(encodeChunks([...chunks, end]), LIMIT);
  assert.deepEqual(decoded.assets.map((a) => [a.name, a.data]), [
    ["main", readPngCard(pngWith({ ccv3: card })).image],
    ["joy", joy],
    ["sad", sad],
  ]);
});

Deno.test("a text-generation-webui character file (name, greeting, context) keeps its greeting and context", () => {
  const ooba = {
    name: "Chiharu Yamada",
    greeting: "*Chiharu looks up from her laptop.* Oh, hi {{user}}!",
    context:
      "Chiharu Yamada's Persona: Chiharu is a young computer engineer-nerd.\n\n{{user}}: Hi\n{{char}}: Hey!",
  };
  const card = assertRoundTrips("ooba json", jsonFile(ooba));
  assert.equal(card.data.first_mes, ooba.greeting);
  assert.equal(card.data.description, ooba.context);
  const pygmalion = decodeCardFile(
    jsonFile({
      char_name: "Pyg",
      char_greeting: "Hello.",
      greeting: "Ignored.",
      char_persona: "P",
    }),
    LIMIT,
  );
  assert.equal(pygmalion.data.first_mes, "Hello.", "the first old name wins, as before");
});

Deno.test("a CHARX whose card spells embedded:// correctly resolves its files like embeded://", () => {
  const icon = avatarPng(6, 40);
  const joy = avatarPng(4, 200);
  const card = chubV3Card();
  const data = card.data as { assets: Array<Record<string, string>> };
  data.assets = [
    { type: "icon", uri: "embedded://assets/icon/images/main.png", name: "main", ext: "png" },
    { type: "emotion", uri: "embeded://assets/emotion/images/joy.png", name: "joy", ext: "png" },
  ];
  const decoded = assertRoundTrips(
    "embedded spelling",
    charxWith(card, {
      "assets/icon/images/main.png": icon,
      "assets/emotion/images/joy.png": joy,
    }),
  );
  assert.deepEqual(decoded.assets.map((a) => [a.type, a.name, a.data, a.uri]), [
    ["icon", "main", icon, undefined],
    ["emotion", "joy", joy, undefined],
  ], "both resolved to their bytes, no file left over as unlisted");
});
