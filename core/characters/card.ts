/**
 * Character Cards V1, V2 and V3 as one model. A card is read into {@linkcode CardData} (the V3
 * `data` object, which holds every V2 field): leniently, as the community's importers do (null
 * for absent, a string where a list belongs, missing optional fields, TavernAI's old V1 names),
 * and strictly where it matters (a field of the wrong type, an over-long name: -32602 naming the
 * field). Fields this server does not interpret, inside `data` and inside `extensions`, are
 * kept and written back on export.
 *
 * The model is `card_data.ts`'s, the writing back `card_writer.ts`'s.
 *
 * Specs: malfoyslastname/character-card-spec-v2 (V1, V2), kwaroran/character-card-spec-v3.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import { readLorebook } from "../lore/book.ts";
import { agnaiAsV2Card, isAgnaiCharacter } from "./agnai.ts";
import {
  compact,
  isObject,
  Issues,
  type JsonObject,
  type ReadContext,
  readNumber,
  readObject,
  readText,
  readTextList,
  unknownFields,
} from "../lore/fields.ts";
import {
  CARD_LIMITS,
  type CardAssetRef,
  type CardData,
  type CardSpec,
  type ParsedCard,
  V1_FIELDS,
  V2_FIELDS,
  V3_ONLY_FIELDS,
} from "./card_data.ts";

export {
  CARD_LIMITS,
  type CardAssetRef,
  type CardData,
  type CardSpec,
  type ParsedCard,
  V2_FIELDS,
  V3_ONLY_FIELDS,
} from "./card_data.ts";
export { toV2Card, toV3Card, v3OnlyFields } from "./card_writer.ts";

const KNOWN_DATA_FIELDS = new Set<string>([...V2_FIELDS, ...V3_ONLY_FIELDS]);

/**
 * Older field names still found in cards, and the V1 name each stands for: TavernAI's and
 * Pygmalion's (`char_*`), and text-generation-webui's character files (`greeting`, `context`:
 * the persona and everything else it puts before the chat).
 */
export const TAVERN_ALIASES: Readonly<Record<string, string>> = {
  char_name: "name",
  char_persona: "description",
  world_scenario: "scenario",
  char_greeting: "first_mes",
  example_dialogue: "mes_example",
  greeting: "first_mes",
  context: "description",
};

const text = { max: CARD_LIMITS.text };
const list = { max: CARD_LIMITS.text, maxItems: CARD_LIMITS.items, single: "item" } as const;
const tagList = { max: CARD_LIMITS.short, maxItems: CARD_LIMITS.items, single: "comma" } as const;

function readAssets(ctx: ReadContext): CardAssetRef[] | undefined {
  const value = ctx.object.assets;
  if (value === undefined || value === null) return undefined;
  const path = `${ctx.path}.assets`;
  if (!Array.isArray(value)) {
    ctx.issues.add(path, "must be an array of assets");
    return undefined;
  }
  if (value.length > CARD_LIMITS.items) {
    ctx.issues.add(path, `must hold at most ${CARD_LIMITS.items} assets`);
    return undefined;
  }
  const assets: CardAssetRef[] = [];
  value.forEach((raw, index) => {
    if (!isObject(raw)) {
      ctx.issues.add(`${path}.${index}`, "must be an object");
      return;
    }
    const asset: ReadContext = { object: raw, path: `${path}.${index}`, issues: ctx.issues };
    // No uri (null or absent) points at nothing: left out, as SillyTavern ignores it.
    if (raw.uri === undefined || raw.uri === null) return;
    const uri = readText(asset, "uri", { max: Number.MAX_SAFE_INTEGER });
    if (uri === undefined) return;
    assets.push({
      ...raw,
      type: readText(asset, "type", { max: 64 }) ?? "other",
      uri,
      name: readText(asset, "name", { max: CARD_LIMITS.short }) ?? "",
      ext: (readText(asset, "ext", { max: 16 }) ?? "unknown").toLowerCase(),
    });
  });
  return assets;
}

function readMultilingual(ctx: ReadContext): Record<string, string> | undefined {
  const object = readObject(ctx, "creator_notes_multilingual");
  if (!object) return undefined;
  const notes: Record<string, string> = {};
  for (const [language, note] of Object.entries(object)) {
    if (note === null) continue; // null means absent, as everywhere in a card
    if (typeof note === "string" && note.length <= CARD_LIMITS.text) notes[language] = note;
    else ctx.issues.add(`${ctx.path}.creator_notes_multilingual.${language}`, "must be a string");
  }
  return notes;
}

/**
 * A V3 date (Unix seconds): a number or numeric text, ISO text (some exporters write it) read as
 * its seconds; any other text is left out rather than refusing the card (SillyTavern never reads
 * it).
 */
function readDate(ctx: ReadContext, key: string): number | undefined {
  const value = ctx.object[key];
  if (typeof value === "string" && value.trim() !== "" && !Number.isFinite(Number(value))) {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
  }
  return readNumber(ctx, key);
}

/** Tags trimmed, blank ones dropped (exporters leave `""` and `" "` in tag lists). */
function tagsOf(tags: string[] | undefined): string[] {
  return (tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== "");
}

/** Reads a card's `data` object (or a V1 card's root) at `at.path`. */
function readData(object: JsonObject, at: { path: string; issues: Issues }): CardData {
  const { path, issues } = at;
  const ctx: ReadContext = { object, path, issues };
  const name = (readText(ctx, "name", { max: Number.MAX_SAFE_INTEGER }) ?? "").trim();
  if (name === "") issues.add(`${path}.name`, "is required (the character's name)");
  // Characters (code points) as SillyTavern counts them: 40 emoji are 40, not 80 UTF-16 units.
  else if ([...name].length > CARD_LIMITS.name) {
    issues.add(`${path}.name`, `must be at most ${CARD_LIMITS.name} characters`);
  }
  const book = object.character_book;
  return compact({
    ...unknownFields(object, KNOWN_DATA_FIELDS),
    name,
    description: readText(ctx, "description", text) ?? "",
    personality: readText(ctx, "personality", text) ?? "",
    scenario: readText(ctx, "scenario", text) ?? "",
    first_mes: readText(ctx, "first_mes", text) ?? "",
    mes_example: readText(ctx, "mes_example", text) ?? "",
    creator_notes: readText(ctx, "creator_notes", text) ?? "",
    system_prompt: readText(ctx, "system_prompt", text) ?? "",
    post_history_instructions: readText(ctx, "post_history_instructions", text) ?? "",
    alternate_greetings: readTextList(ctx, "alternate_greetings", list) ?? [],
    tags: tagsOf(readTextList(ctx, "tags", tagList)),
    creator: readText(ctx, "creator", { max: CARD_LIMITS.short }) ?? "",
    character_version: readText(ctx, "character_version", { max: CARD_LIMITS.short }) ?? "",
    extensions: readObject(ctx, "extensions") ?? {},
    // A null character_book is common (exporters write it for "none").
    character_book: book === undefined || book === null
      ? undefined
      : readLorebook(book, { path: `${path}.character_book`, issues }),
    group_only_greetings: readTextList(ctx, "group_only_greetings", list) ?? [],
    assets: readAssets(ctx),
    nickname: readText(ctx, "nickname", { max: CARD_LIMITS.short }),
    creator_notes_multilingual: readMultilingual(ctx),
    source: readTextList(ctx, "source", { ...tagList, max: 2000, single: "item" }),
    creation_date: readDate(ctx, "creation_date"),
    modification_date: readDate(ctx, "modification_date"),
  }) as CardData;
}

/**
 * V2 fields besides V1's that cards also carry at their root (SillyTavern's own cards keep `tags`
 * and `creatorcomment` there; hand-made and converted cards put any of them there). Read from the
 * root only where `data` lacks them, and only as text or a list: a root value of another type is
 * ignored rather than refusing a card whose `data` is fine.
 */
const ROOT_EXTRAS: Readonly<Record<string, string>> = {
  tags: "tags",
  creator_notes: "creator_notes",
  creatorcomment: "creator_notes",
  creator: "creator",
  system_prompt: "system_prompt",
  post_history_instructions: "post_history_instructions",
  alternate_greetings: "alternate_greetings",
  character_version: "character_version",
};

/** A V1 card's root, with TavernAI's old names read as V1's and SillyTavern's extras kept. */
function v1Data(root: JsonObject): JsonObject {
  const data: JsonObject = {};
  for (const [alias, field] of Object.entries(TAVERN_ALIASES)) {
    const missing = root[field] === undefined && data[field] === undefined;
    if (missing && root[alias] !== undefined) data[field] = root[alias];
  }
  for (const field of V1_FIELDS) {
    if (root[field] !== undefined) data[field] = root[field];
  }
  for (const [name, field] of Object.entries(ROOT_EXTRAS)) {
    const value = root[name];
    const usable = typeof value === "string" || typeof value === "number" || Array.isArray(value);
    if (usable && data[field] === undefined) data[field] = value;
  }
  // SillyTavern moves these into extensions when it upgrades a V1 card; so do we.
  const extensions: JsonObject = isObject(root.extensions) ? { ...root.extensions } : {};
  for (const field of ["talkativeness", "fav"]) {
    if (root[field] !== undefined && root[field] !== null) extensions[field] = root[field];
  }
  data.extensions = extensions;
  return data;
}

/** True when `value` looks like a character card of any version. */
export function looksLikeCard(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (typeof value.spec === "string" && value.spec.startsWith("chara_card_")) return true;
  if (isObject(value.data) && "name" in value.data) return true;
  return "name" in value || "char_name" in value;
}

/**
 * Reads a card (V1, V2, V3; a newer `chara_card_v*` is read as V3; an Agnai native character as
 * the V2 card Agnai exports for it) from its JSON value.
 */
export function parseCard(card: unknown): ParsedCard {
  const value = isAgnaiCharacter(card) ? agnaiAsV2Card(card) : card;
  if (!isObject(value) || !looksLikeCard(value)) {
    throw new InvalidInput(
      "Not a character card: expected a V1 card (name, description, ...) or a V2/V3 card {spec, data}",
      [{ field: "card", message: "is not a character card" }],
    );
  }
  const issues = new Issues();
  const spec = typeof value.spec === "string" ? value.spec : "";
  let parsed: ParsedCard;
  if (isObject(value.data)) {
    // V2 and V3 keep V1's fields at the root for old readers; `data` wins, the root fills gaps.
    const root = v1Data(value);
    const merged: JsonObject = { ...root, ...value.data };
    if (!isObject(value.data.extensions)) merged.extensions = root.extensions;
    const version: CardSpec = spec === "chara_card_v2" || spec === "" ? "v2" : "v3";
    parsed = { spec: version, data: readData(merged, { path: "card.data", issues }) };
  } else if (spec.startsWith("chara_card_v2") || spec.startsWith("chara_card_v3")) {
    issues.add("card.data", "is required for a V2/V3 card");
    parsed = { spec: "v2", data: readData({}, { path: "card.data", issues }) };
  } else {
    parsed = { spec: "v1", data: readData(v1Data(value), { path: "card", issues }) };
  }
  issues.throwIfAny("character card");
  return parsed;
}
