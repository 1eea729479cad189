/**
 * Test support: character cards laid out the way SillyTavern exports them, field for field: V1's
 * fields mirrored at the root beside SillyTavern's own (`sillyTavernExport`), the extensions it
 * writes on each book entry, a card like its default "Seraphina", and a full export with its
 * regex scripts and converted World Info book, as JSON and as its PNG. The layouts follow
 * SillyTavern's documented formats; the text is written for these tests. Its World Info files:
 * `_sillytavern_world.ts`.
 *
 * @module
 */
import { avatarPng, pngWith } from "./_cards.ts";

/**
 * A community-style card laid out like SillyTavern's default "Seraphina": a V2 card whose
 * V1 fields are mirrored at the root with SillyTavern's own root fields, a character book with
 * SillyTavern's entry extensions, and its usual `extensions` (talkativeness, fav, world,
 * depth_prompt). The text is written for these tests.
 */
export function seraphinaLikeCard(): Record<string, unknown> {
  const data = {
    name: "Seraphine",
    description:
      "[{{char}}'s personality: caring, protective, compassionate; {{char}}'s body: tall, amber eyes, long pink hair]\n{{char}} is the guardian of a forest glade in Eldwood. She heals travelers like {{user}}.",
    personality: "caring, protective, compassionate, healing",
    scenario: "{{user}} wakes up in {{char}}'s cottage after a beast attack in Eldwood.",
    first_mes:
      '*You wake in a small cottage that smells of herbs.* "Easy now, {{user}}," *{{char}} says softly.* "You are safe in my glade."',
    mes_example:
      '<START>\n{{user}}: Who are you?\n{{char}}: *She smiles.* "I am {{char}}, guardian of this glade."\n<START>\n{{user}}: Where am I?\n{{char}}: "Eldwood, deep in the forest."',
    creator_notes: "A gentle healer for cozy stories.",
    system_prompt: "",
    post_history_instructions: "",
    alternate_greetings: [
      "*{{char}} kneels by the stream, filling a jar, when {{user}} stumbles out of the trees.*",
    ],
    character_book: {
      name: "Eldwood",
      entries: [
        stEntry({
          id: 0,
          keys: ["eldwood", "forest", "woods"],
          comment: "eldwood",
          content: "Eldwood is an ancient forest, once a haven, now stalked by shadow beasts.",
          extensions: { ...ST_ENTRY_EXTENSIONS, position: 0, display_index: 0 },
        }),
        stEntry({
          id: 1,
          keys: ["shadow beast", "beasts", "monster"],
          comment: "beasts",
          content: "Shadow beasts are corrupted animals that fear {{char}}'s light magic.",
          // An older SillyTavern's extensions: four of them only.
          extensions: { position: 0, display_index: 1, selectiveLogic: 0, depth: 4 },
        }),
      ],
    },
    tags: ["fantasy", "healer"],
    creator: "test-suite",
    character_version: "",
    extensions: {
      talkativeness: "0.5",
      fav: false,
      world: "Eldwood",
      depth_prompt: { prompt: "", depth: 4, role: "system" },
    },
  };
  return sillyTavernExport(data, {
    chat: "Seraphine - 2023-5-12 @19h 32m 58s 0ms",
    talkativeness: "0.5",
    fav: false,
    create_date: "2023-5-12 @19h 32m 58s 0ms",
  });
}

/**
 * The extensions SillyTavern writes on each entry of a card's book (2023 on; later versions add
 * to them), besides `position` and `display_index`.
 */
const ST_ENTRY_EXTENSIONS: Readonly<Record<string, unknown>> = {
  exclude_recursion: false,
  probability: 100,
  useProbability: true,
  depth: 4,
  selectiveLogic: 0,
  group: "",
  group_override: false,
  group_weight: 100,
  prevent_recursion: false,
  delay_until_recursion: false,
  scan_depth: null,
  match_whole_words: null,
  use_group_scoring: false,
  case_sensitive: null,
  automation_id: "",
  role: 0,
  vectorized: false,
  sticky: 0,
  cooldown: 0,
  delay: 0,
};

/** SillyTavern's own root fields of an exported card, which vary from card to card. */
interface SillyTavernRoot {
  chat: string;
  talkativeness: string;
  fav: boolean;
  create_date: string;
}

/**
 * A V2 card as SillyTavern exports it: V1's six fields mirrored at the root beside its own
 * (`creatorcomment`, `avatar`, `root`'s), then the spec and `data`.
 */
function sillyTavernExport(
  data: { creator_notes: string; tags: string[] } & Record<string, unknown>,
  root: SillyTavernRoot,
): Record<string, unknown> {
  return {
    name: data.name,
    description: data.description,
    personality: data.personality,
    scenario: data.scenario,
    first_mes: data.first_mes,
    mes_example: data.mes_example,
    creatorcomment: data.creator_notes,
    avatar: "none",
    chat: root.chat,
    talkativeness: root.talkativeness,
    fav: root.fav,
    tags: data.tags,
    spec: "chara_card_v2",
    spec_version: "2.0",
    data,
    create_date: root.create_date,
  };
}

/** SillyTavern's regex script, as a character card's `extensions.regex_scripts` holds it. */
function regexScript(): Record<string, unknown> {
  return {
    id: "2f9f6c1e-4b8e-4a51-9c1d-6f2b7f0e3a11",
    scriptName: "Italics to underscores",
    findRegex: "/\\*(.+?)\\*/g",
    replaceString: "_$1_",
    trimStrings: [],
    placement: [2],
    disabled: false,
    markdownOnly: true,
    promptOnly: false,
    runOnEdit: true,
    substituteRegex: 0,
    minDepth: null,
    maxDepth: null,
  };
}

/**
 * A card book entry with the fields SillyTavern sets on every entry, at its defaults (selective,
 * order 100, before the character, keys read as patterns); `fields` over them.
 */
function stEntry(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 0,
    keys: [],
    secondary_keys: [],
    comment: "",
    content: "",
    constant: false,
    selective: true,
    insertion_order: 100,
    enabled: true,
    position: "before_char",
    use_regex: true,
    ...fields,
  };
}

/** A character book entry as SillyTavern converts a World Info entry into a card's book. */
function stBookEntry(fields: Record<string, unknown>, extensions: Record<string, unknown>) {
  return {
    ...stEntry(fields),
    extensions: {
      ...ST_ENTRY_EXTENSIONS,
      position: 0,
      display_index: 0,
      outlet_name: "",
      match_persona_description: false,
      match_character_description: false,
      match_character_personality: false,
      match_character_depth_prompt: false,
      match_scenario: false,
      match_creator_notes: false,
      triggers: [],
      ignore_budget: false,
      ...extensions,
    },
  };
}

/**
 * A V2 card as SillyTavern exports it to PNG (`chara` chunk only): V1's fields and its own
 * (`creatorcomment`, `avatar`, `chat`, `talkativeness`, `fav`, `create_date`) at the root,
 * `data` with its extensions (talkativeness as text, fav, world, depth_prompt, regex scripts)
 * and the linked world embedded as `character_book`.
 */
export function sillyTavernCard(): Record<string, unknown> {
  const data = {
    name: "Wren Ashdown",
    description:
      "{{char}} is a lamplighter in Aldmoor who knows every bridge and every secret.\n{{char}} owes {{user}} a debt from the flood year.",
    personality: "wry, observant, loyal to a fault",
    scenario: "Dusk in Aldmoor; {{user}} finds {{char}} lighting the lamps on the Iron Bridge.",
    first_mes: '*{{char}} lowers the pole.* "Evening, {{user}}. Come to help, or to hide?"',
    mes_example:
      "<START>\n{{user}}: Busy night?\n{{char}}: *She grins.* Every night is busy when it rains.",
    creator_notes: "Pairs well with the Aldmoor world.",
    system_prompt: "",
    post_history_instructions: "",
    tags: ["fantasy", "city", "Female"],
    creator: "",
    character_version: "1.0",
    alternate_greetings: [
      '*A lamp flickers out as {{user}} walks by.* "Again? Hold this, would you."',
      "*{{char}} is asleep on a bench under the bell tower.*",
    ],
    extensions: {
      talkativeness: "0.8",
      fav: true,
      world: "Aldmoor",
      depth_prompt: { prompt: "{{char}} never lies about the river.", depth: 4, role: "system" },
      regex_scripts: [regexScript()],
    },
    group_only_greetings: [],
    character_book: {
      entries: [
        stBookEntry({
          id: 0,
          keys: ["Aldmoor", "the city"],
          comment: "Aldmoor",
          content: "Aldmoor is a rain-soaked river city of bridges and bells.",
        }, { display_index: 0 }),
        stBookEntry({
          id: 1,
          keys: ["bell tower"],
          secondary_keys: ["midnight", "thirteen"],
          comment: "The thirteenth bell",
          content: "At midnight the bell tower rings thirteen times.",
          insertion_order: 50,
          position: "after_char",
        }, { position: 4, depth: 2, role: 1, selectiveLogic: 3, display_index: 1, group: "bells" }),
        stBookEntry({
          id: 2,
          keys: ["C++", "(unclosed"],
          comment: "Plain keys that look like patterns",
          content: "The clockmakers write their automata in an old tongue.",
        }, { display_index: 2 }),
      ],
      name: "Aldmoor",
    },
  };
  return sillyTavernExport(data, {
    chat: "Wren Ashdown - 2024-11-3@21h04m17s",
    talkativeness: "0.8",
    fav: true,
    create_date: "2024-11-3@21h04m17s",
  });
}

/** {@linkcode sillyTavernCard} as SillyTavern's PNG export: the avatar with a `chara` chunk. */
export function sillyTavernPng(): Uint8Array {
  return pngWith({ chara: sillyTavernCard() }, avatarPng(16, 90));
}
