/**
 * The bounds a YAML character file is held to before it is parsed. Parsing YAML costs some
 * 25-50 µs a node, more for a node that is an error, and runs on the server's one thread: so the
 * tokenizer's pass (a tenth of that cost) counts every token that writes something (a scalar, a
 * `:`, `-`, `?` or `,` indicator, a bracket, an anchor, a tag, an alias, a directive, a document
 * marker) toward {@linkcode YAML_MAX_NODES}, every token at all (spaces, lines and comments too)
 * toward {@linkcode YAML_MAX_TOKENS}, and the nesting of flow collections, and refuses the file at
 * the first bound passed. Every file this accepts parses in a few tens of milliseconds
 * (`tests/bench/yaml_character.ts` finds the slowest).
 *
 * @module
 */
import { Lexer } from "yaml";
import { InvalidInput } from "../errors.ts";
import { MAX_JSON_DEPTH } from "../json_depth.ts";

/**
 * Most nodes a YAML file may write, counted before it is parsed: scalars, indicators (`:`, `-`,
 * `?`, `,`), brackets, anchors, tags, aliases, directives and document markers (some 650
 * `key: value` lines); and (times four) values it may hold once its aliases are expanded. A
 * character has a few dozen.
 */
export const YAML_MAX_NODES = 2_000;
/**
 * Most tokens (the nodes above, and spaces, line breaks and comments) the tokenizer reads, the
 * lines and backslash escapes of its scalars counted as tokens too (the parser folds and
 * unescapes each: a 1 MiB scalar of short lines costs as much as 50,000 keys), before the file is
 * refused. A character of a few dozen fields and a few hundred lines of text writes some thousand.
 */
export const YAML_MAX_TOKENS = 10_000;

/** -32602 naming the `file` field: the YAML character file `message`. */
export function refused(message: string): InvalidInput {
  return new InvalidInput(`The YAML character file ${message}`, [{ field: "file", message }]);
}

/** The lexer's marks that write nothing themselves: a document's start, a flow's end, a BOM. */
const MARKS: ReadonlySet<string> = new Set(["\x02", "\x18", "\uFEFF"]);

/** True for a token that writes nothing: spaces or tabs, a line break, a comment, a mark. */
function isBlank(token: string): boolean {
  const first = token[0];
  return first === " " || first === "\t" || first === "\n" || first === "\r" ||
    first === "#" || MARKS.has(token);
}

/** How many line breaks and backslashes scalar `source` holds: the parser's work beyond a node. */
function scalarWork(source: string): number {
  let work = 0;
  for (let at = 0; at < source.length; at++) {
    const code = source.charCodeAt(at);
    if (code === 0x0a || code === 0x5c) work++;
  }
  return work;
}

/**
 * Throws -32602 unless YAML `text` writes at most {@linkcode YAML_MAX_NODES} nodes in at most
 * {@linkcode YAML_MAX_TOKENS} tokens and nests its flow collections at most
 * {@linkcode MAX_JSON_DEPTH} deep; read on the tokenizer's pass, stopping at the first bound passed.
 */
export function assertYamlShape(text: string): void {
  let nodes = 0;
  let tokens = 0;
  let flowDepth = 0;
  // A scalar is written as a mark (U+001F) and its source: the mark counts, the source is skipped
  // (a block scalar's source starts with spaces).
  let source = false;
  for (const token of new Lexer().lex(text)) {
    const first = token[0];
    // A quoted scalar is written without the mark: its source is counted as a node and read.
    if (source || first === "'" || first === '"') tokens += scalarWork(token);
    if (++tokens > YAML_MAX_TOKENS) {
      throw refused(
        `has more than ${YAML_MAX_TOKENS} YAML tokens (lines, comments, values, escapes)`,
      );
    }
    if (source) {
      source = false;
      continue;
    }
    if (token === "\x1f") source = true;
    else if (isBlank(token)) continue;
    if (++nodes > YAML_MAX_NODES) {
      throw refused(
        `has more than ${YAML_MAX_NODES} YAML nodes (values, indicators, commas, anchors, tags; a character has a few dozen)`,
      );
    }
    if (token === "{" || token === "[") {
      if (++flowDepth > MAX_JSON_DEPTH) {
        throw refused(`nests its flow collections ([ ], { }) deeper than ${MAX_JSON_DEPTH} levels`);
      }
    } else if ((token === "}" || token === "]") && flowDepth > 0) {
      flowDepth--;
    }
  }
}
