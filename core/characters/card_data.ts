/**
 * The one model of a Character Card V1, V2 or V3 (`card.ts` reads it, `card_writer.ts` writes
 * it): {@linkcode CardData}, the V3 `data` object that holds every V2 field, the fields each
 * version defines, and the bounds of the fields.
 *
 * @module
 */
import type { Lorebook } from "../lore/book.ts";
import type { JsonObject } from "../lore/fields.ts";

/** Bounds of card fields (characters and items). */
export const CARD_LIMITS = {
  /** A persona name (the persona table's limit). */
  name: 64,
  /** Description, personality, scenario, greetings, examples, prompts, notes. */
  text: 100_000,
  /** Greetings, tags and sources in one list. */
  items: 256,
  /** Characters of one tag, one source, the creator and the version. */
  short: 500,
} as const;

/** A V3 asset as written in the card. */
export interface CardAssetRef {
  type: string;
  uri: string;
  name: string;
  ext: string;
  [field: string]: unknown;
}

/** The card's `data`: every V2 field, the V3 additions, and whatever else it carried. */
export interface CardData {
  name: string;
  description: string;
  personality: string;
  scenario: string;
  first_mes: string;
  mes_example: string;
  creator_notes: string;
  system_prompt: string;
  post_history_instructions: string;
  alternate_greetings: string[];
  tags: string[];
  creator: string;
  character_version: string;
  extensions: JsonObject;
  character_book?: Lorebook;
  // V3 additions.
  group_only_greetings: string[];
  assets?: CardAssetRef[];
  nickname?: string;
  creator_notes_multilingual?: Record<string, string>;
  source?: string[];
  creation_date?: number;
  modification_date?: number;
  [field: string]: unknown;
}

/** The card versions this server reads. */
export type CardSpec = "v1" | "v2" | "v3";

/** A card read from JSON: its version and its data. */
export interface ParsedCard {
  spec: CardSpec;
  data: CardData;
}

/** The V2 fields (and V1's, which V2 keeps inside `data`). */
export const V2_FIELDS = [
  "name",
  "description",
  "personality",
  "scenario",
  "first_mes",
  "mes_example",
  "creator_notes",
  "system_prompt",
  "post_history_instructions",
  "alternate_greetings",
  "character_book",
  "tags",
  "creator",
  "character_version",
  "extensions",
] as const;

/** V1's six fields (the first of V2's), which V2 and V3 cards mirror at their root. */
export const V1_FIELDS: readonly string[] = V2_FIELDS.slice(0, 6);

/** Fields only V3 defines; a V2 export cannot hold them. */
export const V3_ONLY_FIELDS = [
  "group_only_greetings",
  "assets",
  "nickname",
  "creator_notes_multilingual",
  "source",
  "creation_date",
  "modification_date",
] as const;
