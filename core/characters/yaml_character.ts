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
 * YAML costs far more to parse than JSON (some 25 µs a key), and its anchors and aliases repeat
 * what they name: so a file is told to be YAML from its first lines, is at most
 * {@linkcode YAML_MAX_BYTES}, its tokens and nodes are counted on the tokenizer's pass before it
 * is parsed ({@linkcode YAML_MAX_TOKENS}, {@linkcode YAML_MAX_NODES}), aliases are bounded by the parser (a "billion laughs" is
 * refused in milliseconds), and the value parsed, aliases expanded, is checked again for its
 * size and its depth (64 levels, as JSON) while it is copied into plain JSON data.
 *
 * @module
 */
import { Lexer, parse } from "yaml";
import { InvalidInput, PayloadTooLarge } from "../errors.ts";
import { MAX_JSON_DEPTH } from "../json_depth.ts";
import { isObject, type JsonObject, setField } from "../lore/fields.ts";
import { TAVERN_ALIASES } from "./card.ts";
import { V1_FIELDS } from "./card_data.ts";
import { jsonText } from "./text_encoding.ts";

/** Largest YAML character file (1 MiB): real ones are a few kilobytes of text. */
export const YAML_MAX_BYTES = 1024 * 1024;
/**
 * Most nodes (keys, values, collections, aliases, and the `:`, `-` and `?` indicators) a YAML
 * file may write, counted before it is parsed (some 1,600 keys), and (times four) values it may
 * hold once its aliases are expanded. A character has a few dozen.
 */
export const YAML_MAX_NODES = 5_000;
/**
 * Most tokens (the above, and lines, comments, spaces) the tokenizer reads (about a microsecond
 * each: 1 MiB of comment lines is a million of them) before the file is refused.
 */
export const YAML_MAX_TOKENS = 50_000;

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

function refused(message: string): InvalidInput {
  return new InvalidInput(`The YAML character file ${message}`, [{ field: "file", message }]);
}

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

/**
 * Counts the tokens and nodes of YAML `text` on the tokenizer's pass (a tenth of parsing's cost)
 * and the nesting of its flow collections, stopping at the first bound passed.
 */
function assertShape(text: string): void {
  let nodes = 0;
  let tokens = 0;
  let flowDepth = 0;
  for (const token of new Lexer().lex(text)) {
    if (++tokens > YAML_MAX_TOKENS) {
      throw refused(`has more than ${YAML_MAX_TOKENS} YAML tokens (lines, comments, values)`);
    }
    const first = token[0];
    // A scalar's start (U+001F), a flow collection, a sequence item, a key or value, an alias.
    if (first === "\x1f" || first === "*" || token === "-" || token === "?" || token === ":") {
      nodes++;
    } else if (token === "{" || token === "[") {
      nodes++;
      if (++flowDepth > MAX_JSON_DEPTH) {
        throw refused(`is nested deeper than ${MAX_JSON_DEPTH} levels`);
      }
    } else if (token === "}" || token === "]") {
      flowDepth--;
    }
    if (nodes > YAML_MAX_NODES) {
      throw refused(
        `has more than ${YAML_MAX_NODES} YAML nodes (keys, values, indicators; a character has a few dozen)`,
      );
    }
  }
}

/**
 * `value` as plain JSON data: objects rebuilt (a `__proto__` key stays a key), numbers JSON cannot
 * write (`.inf`, `.nan`) as null, at most {@linkcode MAX_JSON_DEPTH} levels and
 * 4 × {@linkcode YAML_MAX_NODES} values with aliases expanded.
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
    if (isObject(item)) {
      const object: JsonObject = {};
      for (const [key, field] of Object.entries(item)) {
        setField(object, key, copy(field, depth + 1));
      }
      return object;
    }
    throw refused(`holds a value JSON cannot hold (${Object.prototype.toString.call(item)})`);
  };
  return copy(value, 0);
}

/** Parses YAML `text` (YAML 1.2's core schema, as SillyTavern's `yaml.parse`), errors made -32602. */
function parseYaml(text: string): unknown {
  assertShape(text);
  try {
    return parse(text, { maxAliasCount: 100, logLevel: "error", merge: false });
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
    throw refused(`is not valid YAML: ${message.split("\n")[0]?.slice(0, 300)}`);
  }
}

/** A text-generation-webui character (its root fields) as a V1 card `card.ts` reads. */
function characterAsCard(root: JsonObject): JsonObject {
  const card: JsonObject = {};
  const other: JsonObject = {};
  for (const [key, value] of Object.entries(root)) {
    if (READ_FIELDS.has(key)) setField(card, key, value);
    else if (key !== "bot") setField(other, key, value);
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
