/**
 * Agnai's native character file (its "Agnaistic" JSON download: `{kind: "character", name,
 * persona: {kind, attributes}, greeting, scenario, sampleChat, ...}`), read as the V2 card Agnai
 * itself exports for it (`exportCharacter(char, "tavern")` in agnaistic/agnai): the persona
 * written out in its format (W++, Square Bracket, Boostyle, JSON or plain text) as the
 * description, the greeting as `first_mes`, the memory book as `character_book`, `insert` as
 * SillyTavern's `depth_prompt`, and Agnai's own fields under `extensions.agnai`.
 *
 * Without this such a file read as a V1 card whose greeting, scenario, example chat and persona
 * were silently dropped.
 *
 * @module
 */
import { isObject, type JsonObject } from "../lore/fields.ts";
import { lorebookFromDocument } from "../lore/formats.ts";

/** True for an Agnai native character, recognised as Agnai's importer recognises it. */
export function isAgnaiCharacter(value: unknown): value is JsonObject {
  if (!isObject(value) || typeof value.spec === "string" || !isObject(value.persona)) return false;
  if (value.kind === "character") return true;
  return Boolean(value.name && value.greeting && value.scenario && value.sampleChat);
}

const quote = (value: unknown) => `"${String(value)}"`;

function attributeLists(attributes: unknown): Array<[string, unknown[]]> {
  if (!isObject(attributes)) return [];
  return Object.entries(attributes).map((
    [key, values],
  ) => [key, Array.isArray(values) ? values : [values]]);
}

/** The persona as Agnai writes it out (its `formatCharacter`). */
function formatPersona(name: string, persona: JsonObject): string {
  const attributes = attributeLists(persona.attributes);
  switch (persona.kind) {
    case "wpp": {
      const lines = attributes.map(([key, values]) => `${key}(${values.map(quote).join(" + ")})`);
      return [`[character("${name}") {`, ...lines, "}]"].join("\n");
    }
    case "sbf": {
      const parts = attributes.map(([key, values]) => `${key}: ${values.map(quote).join(", ")}`);
      return `[ character: "${name}"; ${parts.join("; ")} ]`;
    }
    case "boostyle":
      return [name, ...attributes.flatMap(([, values]) => values.map(String))].join(" + ");
    case "json": {
      const properties = Object.fromEntries(attributes);
      return JSON.stringify({ type: "character", name, properties }, null, 2);
    }
    default: {
      const text = attributes.find(([key]) => key === "text")?.[1][0] ?? persona.text;
      return typeof text === "string" ? text : "";
    }
  }
}

/** An Agnai memory book as a V2 `character_book`; other values are left for the card reader. */
function characterBook(book: unknown): unknown {
  if (!isObject(book) || book.kind !== "memory") return book ?? undefined;
  return lorebookFromDocument(book).book;
}

/** `value` (an Agnai native character) as the V2 card Agnai exports for it. */
export function agnaiAsV2Card(value: JsonObject): JsonObject {
  const name = typeof value.name === "string" ? value.name : "";
  const persona = value.persona as JsonObject;
  const extensions = isObject(value.extensions) ? { ...value.extensions } : {};
  if (isObject(value.insert)) extensions.depth_prompt = value.insert;
  const agnai: JsonObject = {};
  for (const field of ["voice", "persona", "appearance", "json", "sprite", "culture"]) {
    if (value[field] !== undefined && value[field] !== null) agnai[field] = value[field];
  }
  extensions.agnai = agnai;
  return {
    spec: "chara_card_v2",
    spec_version: "2.0",
    data: {
      name,
      first_mes: value.greeting,
      scenario: value.scenario,
      description: formatPersona(name, persona),
      personality: "",
      mes_example: value.sampleChat,
      creator_notes: value.description,
      system_prompt: value.systemPrompt,
      post_history_instructions: value.postHistoryInstructions,
      alternate_greetings: value.alternateGreetings,
      character_book: characterBook(value.characterBook),
      tags: value.tags,
      creator: value.creator,
      character_version: value.characterVersion,
      extensions,
    },
  };
}
