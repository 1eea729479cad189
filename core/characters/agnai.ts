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
import { InvalidInput } from "../errors.ts";
import { isObject, type JsonObject } from "../lore/fields.ts";
import { lorebookFromDocument } from "../lore/formats.ts";
import { NUL_MESSAGE } from "../storable_text.ts";

/** True for an Agnai native character, recognised as Agnai's importer recognises it. */
export function isAgnaiCharacter(value: unknown): value is JsonObject {
  if (!isObject(value) || typeof value.spec === "string" || !isObject(value.persona)) return false;
  if (value.kind === "character") return true;
  return Boolean(value.name && value.greeting && value.scenario && value.sampleChat);
}

const ATTRIBUTES = "card.persona.attributes";

function refused(field: string, message: string): InvalidInput {
  return new InvalidInput(`Invalid card: ${field} ${message}`, [{ field, message }]);
}

/** An attribute value as text: strings and numbers only (`String()` of an object may throw). */
function textOf(value: unknown, field: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw refused(field, "must be a string or a number");
}

/**
 * The persona's attributes as `[key, values as text]`. The keys go into the description as they
 * are, after the card's strings were checked (`codec.ts`): a NUL in one is refused here and a
 * lone surrogate made U+FFFD, the rule every stored string meets (`core/storable_text.ts`).
 */
function attributeLists(attributes: unknown): Array<[string, string[]]> {
  if (!isObject(attributes)) return [];
  return Object.entries(attributes).map(([key, values]) => {
    if (key.includes("\0")) throw refused(ATTRIBUTES, `keys ${NUL_MESSAGE}`);
    const name = key.toWellFormed();
    const list = Array.isArray(values) ? values : [values];
    return [name, list.map((value, index) => textOf(value, `${ATTRIBUTES}.${name}.${index}`))];
  });
}

const quote = (value: string) => `"${value}"`;

/** The persona as Agnai writes it out (its `formatCharacter`, `common/characters.ts`). */
function formatPersona(name: string, persona: JsonObject): string {
  if (persona.kind === "json") {
    // JSON text escapes what a key holds; the values stay as they are.
    const properties = Object.fromEntries(
      Object.entries(isObject(persona.attributes) ? persona.attributes : {})
        .map(([key, values]) => [key, Array.isArray(values) ? values : [values]]),
    );
    return JSON.stringify({ type: "character", name, properties }, null, 2);
  }
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
      return [name, ...attributes.flatMap(([, values]) => values)].join(" + ");
    // Agnai's default for new characters.
    case "attributes": {
      const lines = attributes.map(([key, values]) => `${key}: ${values.join(", ")}`);
      return [`Name: ${name}`, ...lines].join("\n");
    }
    default: {
      const text = attributes.find(([key]) => key === "text")?.[1][0] ?? persona.text;
      return typeof text === "string" ? text : "";
    }
  }
}

/** `error`'s fields renamed from the lorebook reader's `lorebook...` to `card.characterBook...`. */
function asCardFields(error: InvalidInput): InvalidInput {
  const rename = (text: string) => text.replace(/\blorebook(?=\.|$)/g, "card.characterBook");
  const fields = (error.data as { fields?: Array<{ field: string; message: string }> }).fields;
  return new InvalidInput(
    rename(error.message),
    (fields ?? []).map((issue) => ({ field: rename(issue.field), message: issue.message })),
  );
}

/** An Agnai memory book as a V2 `character_book`; other values are left for the card reader. */
function characterBook(book: unknown): unknown {
  if (!isObject(book) || book.kind !== "memory") return book ?? undefined;
  try {
    return lorebookFromDocument(book).book;
  } catch (error) {
    throw error instanceof InvalidInput ? asCardFields(error) : error;
  }
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
