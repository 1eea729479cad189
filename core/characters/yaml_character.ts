/**
 * text-generation-webui's character files and Pygmalion-style characters written as YAML
 * (`name`, `context`, `greeting`, `example_dialogue`, ...), which SillyTavern imports from a
 * `.yaml`/`.yml` file: read into the card value `card.ts` reads, with the names mapped as
 * SillyTavern maps them (`context` is the description, `greeting` the first message) and as this
 * server already reads the same file written as JSON (`example_dialogue` the example messages,
 * `world_scenario` the scenario, `char_*` the V1 fields; `bot` is text-generation-webui's other
 * spelling of `name`). A card object written as YAML (`spec`, `data`) is read as that card. Other
 * fields (`your_name`, `turn_template`, ...) are kept in `extensions.text_generation_webui`.
 *
 * YAML costs far more to parse than JSON, and its anchors and aliases repeat what they name: so a
 * file is told to be YAML from its first lines, is at most {@linkcode YAML_MAX_BYTES}, is held to
 * `yaml_shape.ts`'s bounds before it is parsed (every node and token counted on the tokenizer's
 * pass), aliases are bounded by the parser (a "billion laughs" is refused in milliseconds), and the
 * value parsed, aliases expanded, is checked again for its size and its depth (64 levels, as JSON)
 * while it is copied into plain JSON data. It is read with YAML 1.2's core schema whatever its
 * `%YAML` directive says: no merge keys, and no tag turns a value into a date, a set, a map or
 * bytes (an explicit `!!set`, `!!binary`, `!!timestamp` value stays its text).
 *
 * @module
 */
import { parse, type YAMLError } from "yaml";
import { PayloadTooLarge } from "../errors.ts";
import { MAX_JSON_DEPTH } from "../json_depth.ts";
import { isObject, type JsonObject } from "../lore/fields.ts";
import { TAVERN_ALIASES } from "./card.ts";
import { V1_FIELDS } from "./card_data.ts";
import { jsonText } from "./text_encoding.ts";
import { assertYamlShape, refused, YAML_MAX_NODES, YAML_MAX_TOKENS } from "./yaml_shape.ts";

export { YAML_MAX_NODES, YAML_MAX_TOKENS };

/** Largest YAML character file (1 MiB): real ones are a few kilobytes of text. */
export const YAML_MAX_BYTES = 1024 * 1024;
/** The root fields `card.ts` reads of a V1 card: V1's, their old names, SillyTavern's extras. */
const READ_FIELDS: ReadonlySet<string> = new Set([
  ...V1_FIELDS,
  ...Object.keys(TAVERN_ALIASES),
  "talkativeness",
  "fav",
  "extensions",
]);

/** Where the other root fields of a text-generation-webui character are kept. */
export const TGWUI_EXTENSION = "text_generation_webui";

/**
 * True when `bytes` read as text whose first line of content (after comments, blank lines, a
 * `%YAML` directive or `---`) is a `key:` of a mapping: how a YAML character is told from other
 * files. Binary files (control characters) never are.
 */
export function looksLikeYaml(bytes: Uint8Array): boolean {
  let head: string;
  try {
    head = jsonText(bytes.subarray(0, 4096)).replace(/^\uFEFF/, "");
  } catch {
    return false;
  }
  // YAML's printable set: no C0 control character but tab, line breaks and escape.
  for (let at = 0; at < head.length; at++) {
    const code = head.charCodeAt(at);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x1b) {
      return false;
    }
  }
  for (const line of head.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith("%")) continue;
    if (trimmed === "---") continue;
    return /^(?:"[^"]*"|'[^']*'|[^\s#:{[\]},&*!|>'"%@`-][^:]*?):(?:\s|$)/.test(trimmed);
  }
  return false;
}

/** True for an object JSON writes as an object: made by `{}` or without a prototype. */
function isPlainObject(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * `value` as plain JSON data: objects rebuilt (a `__proto__` key stays a key: in Deno an assigned
 * `__proto__` is an own field), numbers JSON cannot write (`.inf`, `.nan`) as null, at most
 * {@linkcode MAX_JSON_DEPTH} levels and 4 × {@linkcode YAML_MAX_NODES} values with aliases
 * expanded; anything else (a date, a set, a map, bytes) refused.
 */
function plainJson(value: unknown): unknown {
  let budget = YAML_MAX_NODES * 4;
  const copy = (item: unknown, depth: number): unknown => {
    if (--budget < 0) {
      throw refused(`expands to more than ${YAML_MAX_NODES * 4} values (its aliases repeat them)`);
    }
    if (item === null || typeof item === "string" || typeof item === "boolean") return item;
    if (typeof item === "number") return Number.isFinite(item) ? item : null;
    if (depth >= MAX_JSON_DEPTH) throw refused(`is nested deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(item)) return item.map((element) => copy(element, depth + 1));
    if (isPlainObject(item)) {
      const object: JsonObject = {};
      for (const [key, field] of Object.entries(item)) object[key] = copy(field, depth + 1);
      return object;
    }
    throw refused(`holds a value JSON cannot hold (${Object.prototype.toString.call(item)})`);
  };
  return copy(value, 0);
}

/**
 * What the parser reads a file with: YAML 1.2's core schema (as SillyTavern's `yaml.parse` reads
 * a file without a directive) even under `%YAML 1.1`, no tag resolved beyond it, no merge keys;
 * errors not "prettified" (that copies the error's whole line for each error: quadratic).
 */
const PARSE_OPTIONS = {
  version: "1.2",
  schema: "core",
  resolveKnownTags: false,
  merge: false,
  maxAliasCount: 100,
  logLevel: "error",
  prettyErrors: false,
} as const;

/** Where `offset` is in `text`: " at line L, column C", or nothing for no offset. */
function place(text: string, offset: number | undefined): string {
  if (offset === undefined || offset < 0) return "";
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return ` at line ${line}, column ${offset - before.lastIndexOf("\n")}`;
}

/** Parses YAML `text` (YAML 1.2's core schema, as SillyTavern's `yaml.parse`), errors made -32602. */
function parseYaml(text: string): unknown {
  assertYamlShape(text);
  try {
    return parse(text, PARSE_OPTIONS);
  } catch (error) {
    const message = (error as Error).message ?? "";
    if (/alias/i.test(message)) {
      throw refused(
        "expands its aliases too far (a resource exhaustion attack such as a billion laughs)",
      );
    }
    if (/call stack/i.test(message)) {
      throw refused(`is nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    const at = place(text, (error as Partial<YAMLError>).pos?.[0]);
    throw refused(`is not valid YAML: ${message.split("\n")[0]?.slice(0, 300)}${at}`);
  }
}

/** A text-generation-webui character (its root fields) as a V1 card `card.ts` reads. */
function characterAsCard(root: JsonObject): JsonObject {
  const card: JsonObject = {};
  const other: JsonObject = {};
  for (const [key, value] of Object.entries(root)) {
    if (READ_FIELDS.has(key)) card[key] = value;
    else if (key !== "bot") other[key] = value;
  }
  if (card.name === undefined && root.bot !== undefined) card.name = root.bot;
  if (Object.keys(other).length) {
    const extensions = isObject(root.extensions) ? root.extensions : {};
    card.extensions = { ...extensions, [TGWUI_EXTENSION]: other };
  }
  return card;
}

/**
 * Reads a YAML character file into the card value `decodeCardJson` reads: a card written as YAML
 * as it is, a text-generation-webui or Pygmalion character as a V1 card. -32602 naming `file`
 * for YAML that is invalid, too deep, too many values or aliases that expand too far; too large
 * for a file over {@linkcode YAML_MAX_BYTES}.
 */
export function readYamlCharacter(bytes: Uint8Array): JsonObject {
  if (bytes.length > YAML_MAX_BYTES) {
    throw new PayloadTooLarge(
      `The YAML character file is larger than ${YAML_MAX_BYTES} bytes (a character is a few kilobytes)`,
      { limit_bytes: YAML_MAX_BYTES, size_bytes: bytes.length },
    );
  }
  const root = plainJson(parseYaml(jsonText(bytes).replace(/^\uFEFF/, "")));
  if (!isObject(root)) {
    throw refused("is not a character: expected a mapping of name, context, greeting, ...");
  }
  if (typeof root.spec === "string" || isObject(root.data)) return root;
  return characterAsCard(root);
}
