/**
 * Test support: card and lorebook files laid out the way the community's applications write
 * them, field for field (Chub's V3 cards, RisuAI's CHARX with its module and `x_meta/` files,
 * TavernAI's V1 JSON; SillyTavern's are `_sillytavern_cards.ts` and `_sillytavern_world.ts`),
 * plus the accidents real files carry (a byte-order mark, Windows line endings, null and string
 * fields, non-ASCII names). The layouts follow the specs and the applications' documented formats; the text is
 * written for these tests. Files are packed with the PNG and zip libraries directly, never
 * through the server's own writers.
 *
 * @module
 */
import { strToU8, zipSync } from "fflate";
import { avatarPng, pngWith } from "./_cards.ts";

/** Bytes of `value` as a JSON file (optionally with a UTF-8 BOM, as Windows editors save it). */
export function jsonFile(value: unknown, options: { bom?: boolean; crlf?: boolean } = {}) {
  let text = JSON.stringify(value, null, options.crlf ? 2 : undefined);
  if (options.crlf) text = text.replaceAll("\n", "\r\n");
  return new TextEncoder().encode(options.bom ? `\uFEFF${text}` : text);
}

/** A Chub-style V3 card: `ccdefault:` icon, `embeded://` expressions, Chub's own extension. */
export function chubV3Card(): Record<string, unknown> {
  return {
    spec: "chara_card_v3",
    spec_version: "3.0",
    data: {
      name: "Marisol Vey",
      nickname: "Mari",
      description: "{{char}} runs a night market stall selling maps that redraw themselves.",
      personality: "mischievous, generous, secretive",
      scenario: "The night market opens as {{user}} arrives looking for a way out of the city.",
      first_mes:
        '"A map for a lost soul?" *{{char}} unrolls one.* "It already knows you, {{user}}."',
      mes_example: "",
      creator_notes: "Created on Chub.",
      creator_notes_multilingual: { en: "Created on Chub.", es: "Creado en Chub." },
      system_prompt: "",
      post_history_instructions: "",
      alternate_greetings: [],
      group_only_greetings: ['"Everyone, gather round!" *{{char}} claps.*'],
      tags: ["Fantasy", "OC", "Merchant"],
      creator: "mapmaker",
      character_version: "main",
      source: ["https://chub.ai/characters/mapmaker/marisol-vey-1a2b3c"],
      creation_date: 1717000000,
      modification_date: 1717500000,
      assets: [
        { type: "icon", uri: "ccdefault:", name: "main", ext: "png" },
        {
          type: "emotion",
          uri: "embeded://assets/emotion/images/joy.png",
          name: "joy",
          ext: "png",
        },
        {
          type: "background",
          uri: "https://avatars.charhub.io/backgrounds/market.webp",
          name: "main",
          ext: "webp",
        },
      ],
      extensions: {
        chub: {
          id: 1234567,
          full_path: "mapmaker/marisol-vey-1a2b3c",
          related_lorebooks: [],
          background_image: null,
          preset: null,
          extensions: [],
          expressions: null,
          alt_expressions: {},
        },
        depth_prompt: { prompt: "", depth: 4, role: "system" },
      },
      character_book: {
        name: "Night market",
        scan_depth: 3,
        token_budget: 300,
        recursive_scanning: true,
        extensions: {},
        entries: [
          {
            keys: ["map", "maps"],
            content: "Marisol's maps show the way the holder most fears to go.",
            extensions: {},
            enabled: true,
            insertion_order: 0,
            use_regex: false,
            case_sensitive: false,
            constant: false,
            name: "maps",
            priority: 10,
            id: 0,
            comment: "",
            selective: false,
            secondary_keys: [],
            position: "before_char",
          },
        ],
      },
    },
  };
}

/**
 * The Chub card as a PNG: the V3 card in `ccv3` and a V2 backfill in `chara` whose
 * `creator_notes` carries the V3 spec's warning, over the avatar (`ccdefault:`).
 */
export function chubV3Png(): Uint8Array {
  const v3 = chubV3Card();
  const data = v3.data as Record<string, unknown>;
  const {
    assets: _a,
    nickname: _n,
    creator_notes_multilingual: _m,
    source: _s,
    creation_date: _c,
    modification_date: _d,
    group_only_greetings: _g,
    ...v2Data
  } = data;
  const backfill = {
    spec: "chara_card_v2",
    spec_version: "2.0",
    data: {
      ...v2Data,
      creator_notes: "This character card is Character Card V3, but it is loaded as a " +
        "Character Card V2. Please use a Character Card V3 compatible application to use this " +
        "character card properly.\nCreated on Chub.",
    },
  };
  return pngWith({ chara: backfill, ccv3: v3 }, avatarPng(12, 210));
}

/**
 * A RisuAI-style CHARX: `card.json` (V3 with RisuAI's extension and a lorebook), its assets,
 * `module.risum` (RisuAI's binary module) and `x_meta/` metadata, directory entries included.
 */
export function risuCharx(): Uint8Array {
  const card = {
    spec: "chara_card_v3",
    spec_version: "3.0",
    data: {
      name: "Kaito Rune",
      description: "{{char}} is a rune-scribe apprentice who talks to his ink.",
      personality: "earnest, clumsy, brave",
      scenario: "",
      first_mes: "Ah! {{user}}, you startled the ink again.",
      mes_example: "",
      creator_notes: "",
      system_prompt: "",
      post_history_instructions: "",
      alternate_greetings: [],
      group_only_greetings: [],
      tags: [],
      creator: "",
      character_version: "",
      assets: [
        { type: "icon", uri: "embeded://assets/icon/image/main.png", name: "main", ext: "png" },
        {
          type: "x-risu-asset",
          uri: "embeded://assets/other/image/ink.png",
          name: "ink",
          ext: "png",
        },
      ],
      extensions: {
        risuai: {
          bias: [],
          viewScreen: "none",
          utilityBot: false,
          sdData: [["always", "solo, 1boy"], ["negative", ""]],
          customScripts: [{ comment: "ink", in: "ink", out: "✒", type: "editdisplay", flag: "g" }],
          triggerscript: [],
          additionalText: "",
          largePortrait: false,
          lorePlus: false,
          inlayViewScreen: false,
          newGenData: { prompt: "", negative: "", instructions: "", emotionInstructions: "" },
        },
        depth_prompt: { depth: 0, prompt: "" },
      },
      character_book: {
        scan_depth: 7,
        token_budget: 2000,
        recursive_scanning: false,
        extensions: { risu_fullWordMatching: false },
        entries: [
          {
            keys: ["rune"],
            content: "Runes drawn in living ink move when nobody looks.",
            extensions: { risu_case_sensitive: false, risu_loreCache: null },
            enabled: true,
            insertion_order: 100,
            constant: false,
            selective: false,
            name: "runes",
            comment: "runes",
            case_sensitive: false,
            use_regex: false,
          },
        ],
      },
    },
  };
  const meta = strToU8(JSON.stringify({ type: "PNG" }));
  return zipSync({
    "card.json": strToU8(JSON.stringify(card)),
    "assets/": new Uint8Array(),
    "assets/icon/image/main.png": avatarPng(10, 60),
    "assets/other/image/ink.png": avatarPng(4, 10),
    "module.risum": new Uint8Array([0x6f, 0x01, 0x00, 0x00, 0x00, 0x00, 0x10, 0x20, 0x30]),
    "x_meta/main.json": meta,
    "x_meta/ink.json": meta,
  });
}

/** TavernAI's V1 card: only the six fields. */
export function tavernV1Card(): Record<string, unknown> {
  return {
    name: "Old Tom",
    description: "{{char}} is a ferryman.",
    personality: "grumpy",
    scenario: "A foggy river crossing.",
    first_mes: "Fare's two coins, {{user}}.",
    mes_example: "<START>\n{{user}}: Cheap?\n{{char}}: Fair.",
  };
}

/** A V2 card with Japanese text and name, written with Windows line endings. */
export function japaneseCard(): Record<string, unknown> {
  return {
    spec: "chara_card_v2",
    spec_version: "2.0",
    data: {
      name: "桜井 ハル",
      description: "{{char}}は図書館の司書です。\r\n静かな声で話します。",
      personality: "優しい、内気",
      scenario: "放課後の図書館。",
      first_mes: "こんにちは、{{user}}さん。\r\n今日は何を読みますか？",
      mes_example: "<START>\r\n{{user}}: おすすめは？\r\n{{char}}: この本です。",
      creator_notes: "",
      system_prompt: "",
      post_history_instructions: "",
      alternate_greetings: "……あ、{{user}}さん。",
      character_book: null,
      tags: "日本語, 学園",
      creator: "",
      character_version: "",
      extensions: {},
    },
  };
}

/** A V2 card with an emoji name, an empty book object and empty tags in the list. */
export function emojiCard(): Record<string, unknown> {
  return {
    spec: "chara_card_v2",
    spec_version: "2.0",
    data: {
      name: "🌸 Blossom 🌸",
      description: "{{char}} is a sentient cherry tree. 🌳",
      personality: "",
      scenario: "",
      first_mes: "*petals drift toward {{user}}* 🌸",
      mes_example: "",
      creator_notes: "",
      system_prompt: "",
      post_history_instructions: "",
      alternate_greetings: [],
      character_book: {},
      tags: ["", "nature", " "],
      creator: "",
      character_version: "",
      extensions: {},
    },
  };
}
