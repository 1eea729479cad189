/**
 * Test support: character cards and lorebooks built by hand, per the specs (V1 and V2:
 * malfoyslastname/character-card-spec-v2, V3: kwaroran/character-card-spec-v3), and packed as
 * files the way other applications pack them: PNG `tEXt` chunks written directly with
 * png-chunks-encode, CHARX zips with fflate. Nothing here goes through the server's own writers.
 * Cards laid out as SillyTavern exports them: `_sillytavern_cards.ts`.
 *
 * @module
 */
import { encode as encodePng } from "fast-png";
import { strToU8, zipSync } from "fflate";
import encodeChunks from "png-chunks-encode";
import extractChunks from "png-chunks-extract";
import pngText from "png-chunk-text";

/** A small opaque PNG (an avatar), `size`×`size`, of one colour. */
export function avatarPng(size = 8, shade = 120): Uint8Array {
  return encodePng({
    width: size,
    height: size,
    data: new Uint8Array(size * size * 3).fill(shade),
    channels: 3,
  });
}

/** A PNG of noise of about `bytes` bytes (noise does not compress): a big real-world avatar. */
export function noisyPng(bytes: number): Uint8Array<ArrayBuffer> {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  const data = new Uint8Array(side * side * 3);
  for (let at = 0; at < data.length; at += 65536) {
    crypto.getRandomValues(data.subarray(at, Math.min(data.length, at + 65536)));
  }
  return new Uint8Array(encodePng({ width: side, height: side, data, channels: 3 }));
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `card` in a PNG's `tEXt` chunks (`chara`, `ccv3` or both), as SillyTavern writes them. */
export function pngWith(
  chunks: Record<string, unknown>,
  image: Uint8Array = avatarPng(),
): Uint8Array {
  const list = extractChunks(image) as Array<{ name: string; data: Uint8Array }>;
  const end = list.pop();
  for (const [keyword, card] of Object.entries(chunks)) {
    list.push(pngText.encode(keyword, base64(JSON.stringify(card))));
  }
  if (end) list.push(end);
  return encodeChunks(list);
}

/** A CHARX zip: `card.json` plus `files` (path → bytes). */
export function charxWith(card: unknown, files: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ "card.json": strToU8(JSON.stringify(card)), ...files });
}

/** A V1 card: the six fields at the root. */
export function v1Card(): Record<string, unknown> {
  return {
    name: "Mira",
    description:
      "{{char}} keeps the lighthouse on Gull Rock and distrusts strangers like {{user}}.",
    personality: "gruff, loyal, superstitious",
    scenario: "A storm drives {{user}} to the lighthouse door.",
    first_mes: "*{{char}} opens the door a crack.* Who's there, {{user}}?",
    mes_example: "<START>\n{{user}}: Nice light.\n{{char}}: It keeps ships off the rocks.",
  };
}

/** A V2 card with a four-entry `character_book` and unknown extensions. */
export function v2Card(): Record<string, unknown> {
  return {
    spec: "chara_card_v2",
    spec_version: "2.0",
    data: {
      name: "Captain Vale",
      description: "{{char}} commands the airship Kestrel and owes {{user}} a favour.",
      personality: "bold, sardonic, fiercely protective of the crew",
      scenario: "The Kestrel is docked at Port Amber; {{user}} comes aboard.",
      first_mes: "Welcome aboard the Kestrel, {{user}}.",
      mes_example: "<START>\n{{user}}: Where to?\n{{char}}: Wherever the wind pays best.",
      creator_notes: "Best with long replies. Never shown to the model.",
      system_prompt: "{{original}}\nYou write {{char}}'s replies as a pulp adventure narrator.",
      post_history_instructions: "Keep {{char}} in character; end on a hook for {{user}}.",
      alternate_greetings: [
        "The Kestrel shudders as {{user}} climbs the gangway.",
        "{{char}} tosses {{user}} a flight jacket.",
      ],
      character_book: {
        name: "Kestrel lore",
        description: "The ship and its world",
        scan_depth: 4,
        token_budget: 512,
        recursive_scanning: true,
        extensions: { "vendor/book": { keep: true } },
        entries: [
          {
            keys: ["Kestrel", "airship"],
            content: "The Kestrel is a brass-hulled airship with a temperamental engine.",
            extensions: {},
            enabled: true,
            insertion_order: 10,
            id: 1,
            comment: "ship",
          },
          {
            keys: ["engine"],
            content: "The engine was built by gnomes and only obeys Oda the mechanic.",
            extensions: {},
            enabled: true,
            insertion_order: 20,
            selective: true,
            secondary_keys: ["broken", "noise"],
            id: 2,
            comment: "engine",
            position: "after_char",
          },
          {
            keys: ["Port Amber"],
            content: "Port Amber floats above the Saffron Sea.",
            extensions: {},
            enabled: true,
            insertion_order: 30,
            case_sensitive: true,
            id: 3,
            comment: "port",
          },
          {
            keys: [],
            content: "Sky pirates prowl the trade lanes.",
            extensions: { "vendor/entry": 7 },
            enabled: true,
            insertion_order: 5,
            constant: true,
            priority: 50,
            id: 4,
            comment: "world",
            name: "pirates",
          },
        ],
      },
      tags: ["adventure", "airship", "Female"],
      creator: "test-suite",
      character_version: "1.2",
      extensions: {
        talkativeness: "0.7",
        "agnai/voice": { service: "none" },
        depth_prompt: { prompt: "Vale hates the Navy.", depth: 4, role: "system" },
      },
    },
  };
}

/** A V3 card with assets (embedded for CHARX by default) and a V3 lorebook. */
export function v3Card(
  options: { icon?: string; emotion?: string } = {},
): Record<string, unknown> {
  return {
    spec: "chara_card_v3",
    spec_version: "3.0",
    data: {
      name: "Professor Lumen",
      nickname: "Lumi",
      description: "{{char}} teaches astronomy at the Night College.",
      personality: "curious, absent-minded, kind",
      scenario: "An evening lecture; {{user}} sits in the front row.",
      first_mes: "Ah, {{user}}! Just in time for the comet.",
      mes_example: "",
      creator_notes: "English notes",
      creator_notes_multilingual: { en: "English notes", fr: "Notes en français" },
      system_prompt: "",
      post_history_instructions: "",
      alternate_greetings: [],
      group_only_greetings: ["{{char}} waves at the whole class."],
      tags: ["teacher"],
      creator: "test-suite",
      character_version: "3",
      source: ["https://example.invalid/cards/lumen"],
      creation_date: 1700000000,
      modification_date: 1700000500,
      assets: [
        {
          type: "icon",
          uri: options.icon ?? "embeded://assets/icon/images/main.png",
          name: "main",
          ext: "png",
        },
        {
          type: "emotion",
          uri: options.emotion ?? "embeded://assets/emotion/images/happy.png",
          name: "happy",
          ext: "png",
        },
        { type: "background", uri: "https://example.invalid/sky.png", name: "main", ext: "png" },
      ],
      character_book: {
        name: "Night College",
        extensions: {},
        entries: [
          {
            keys: ["comet|meteor"],
            use_regex: true,
            content: "@@depth 1\nComets here sing when they pass.",
            extensions: {},
            enabled: true,
            insertion_order: 1,
            constant: false,
          },
          {
            keys: ["telescope"],
            use_regex: false,
            content: "The college telescope is named Old Squint.",
            extensions: {},
            enabled: true,
            insertion_order: 2,
          },
        ],
      },
      extensions: { "risu/flag": true },
    },
  };
}

/** The files a CHARX of {@linkcode v3Card} holds besides `card.json`. */
export function v3Files(): Record<string, Uint8Array> {
  return {
    "assets/icon/images/main.png": avatarPng(8, 200),
    "assets/emotion/images/happy.png": avatarPng(4, 30),
  };
}

/** A standalone V3 lorebook file. */
export function lorebookV3File(): Record<string, unknown> {
  return {
    spec: "lorebook_v3",
    data: {
      name: "Harbor town",
      description: "Shared lore for rooms set in the harbor",
      scan_depth: 3,
      token_budget: 400,
      recursive_scanning: false,
      extensions: {},
      entries: [
        {
          keys: ["lighthouse"],
          content: "The lighthouse has not been lit for a year.",
          extensions: {},
          enabled: true,
          insertion_order: 1,
          use_regex: false,
        },
        {
          keys: ["harbor", "docks"],
          content: "The harbor master is a retired pirate.",
          extensions: {},
          enabled: true,
          insertion_order: 2,
          use_regex: false,
        },
      ],
    },
  };
}
