/**
 * Duplicate members of a JSON-RPC envelope. `JSON.parse` keeps the last of two members of one
 * name, so `{"method":"ping","method":"system.status"}` ran `system.status`; a proxy or an
 * allow-list in front that reads the first (as some JSON parsers do) would pass what the server
 * then does otherwise (attack25 F6). RFC 8259 leaves such an object's meaning to each parser, so
 * a message with `jsonrpc`, `method`, `id` or `params` twice is refused whole (-32600), on every
 * transport: its text is checked once it parses, before anything runs. In a batch only the items
 * holding one twice are refused (JSON-RPC §6: one response per request, attack27 F4): each is
 * put in its place as a {@linkcode RepeatedItem}, which the batch answers -32600 (`batch.ts`),
 * and the others run. Members inside `params` keep JSON's last-wins: they route nothing, and checking them would mean walking every
 * byte of every message.
 *
 * Cost: a message in which no envelope name appears twice and no `\u` escape appears (nearly
 * every one) costs one regex pass over its text; only the others are walked.
 *
 * @module
 */
import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  skipString,
} from "../../json_depth.ts";

const NAMES: ReadonlySet<string> = new Set(["jsonrpc", "method", "id", "params"]);
const COLON = 0x3a;
/**
 * Matches when an envelope name appears twice as JSON writes it (`"method"` ... `"method"`), or
 * a `\u` escape (which could spell one) appears. One regex call: the lazy gap is walked from a
 * name's first appearance only, and at most four names appear once each before one repeats, so
 * the search stays linear in the text.
 */
export const REPEAT_OR_ESCAPE =
  /"(?:jsonrpc"[\s\S]*?"jsonrpc|method"[\s\S]*?"method|id"[\s\S]*?"id|params"[\s\S]*?"params)"|\\u/;

/**
 * True when `text` may hold an envelope member twice: some name appears twice, anywhere, or a
 * `\u` escape could spell one (`"\u006dethod"` is `"method"`). One regex test that allocates
 * nothing; a loop of `test` calls, one per name found, cost twice as much per small frame.
 */
export function mayRepeat(text: string): boolean {
  return text.length > LONG_TEXT ? mayRepeatLong(text) : REPEAT_OR_ESCAPE.test(text);
}

/** Texts longer than this are searched name by name: native substring searches beat the regex. */
export const LONG_TEXT = 4096;
const QUOTED = ['"jsonrpc"', '"method"', '"id"', '"params"'];

/** {@linkcode mayRepeat} for a long text: five substring searches, each through it once. */
function mayRepeatLong(text: string): boolean {
  for (const name of QUOTED) {
    const first = text.indexOf(name);
    if (first >= 0 && text.indexOf(name, first + name.length) >= 0) return true;
  }
  return text.includes("\\u");
}

/** The index of the first character at or after `at` that is no JSON whitespace. */
function skipSpace(text: string, at: number): number {
  while (at < text.length && " \t\n\r".includes(text.charAt(at))) at++;
  return at;
}

const COMMA = 0x2c;

/**
 * The first envelope member that a message or batch item of the JSON text `text` (valid JSON,
 * already parsed) holds twice; undefined when none does.
 */
export function repeatedEnvelopeMember(text: string): string | undefined {
  if (!mayRepeat(text)) return undefined;
  for (const member of repeatsOf(text, true).values()) return member;
  return undefined;
}

/**
 * A batch item that holds an envelope member twice, put in the item's place by
 * {@linkcode withRepeatedItems}: the batch answers it -32600 alone (`batch.ts`). It has the
 * item's `id` when that member is not the one repeated (one `id`, so no doubt which), as a
 * malformed request's error names its id; else no `id` (the error's id is then null).
 */
export class RepeatedItem {
  /** The member the item holds twice. */
  readonly member: string;
  /** The item's id, unchecked (`readableId` reads it); absent when unknown. */
  declare readonly id?: unknown;

  constructor(item: unknown, member: string) {
    this.member = member;
    if (member === "id" || item === null || typeof item !== "object" || !("id" in item)) return;
    (this as { id?: unknown }).id = item.id;
  }
}

/**
 * `batch` (parsed from `text`) with each item that holds an envelope member twice replaced by a
 * {@linkcode RepeatedItem}: `batch` itself when none does.
 */
export function withRepeatedItems(batch: unknown[], text: string): unknown[] {
  const repeats = repeatsOf(text, false);
  if (repeats.size === 0) return batch;
  return batch.map((item, index) => {
    const member = repeats.get(index);
    return member === undefined ? item : new RepeatedItem(item, member);
  });
}

/**
 * The first member repeated in each message of `text` (valid JSON), by its index in the batch
 * (0 for a lone message); only the first such message's when `firstOnly`.
 */
function repeatsOf(text: string, firstOnly: boolean): Map<number, string> {
  const repeats = new Map<number, string>();
  const start = skipSpace(text, 0);
  // A message is the top-level object; a batch's messages are its array's objects.
  const level = text.charCodeAt(start) === OPEN_ARRAY ? 2 : 1;
  let depth = 0;
  let item = 0;
  let seen: Set<string> | undefined;
  for (let at = start; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      const end = skipString(text, at);
      if (depth === level && seen && text.charCodeAt(skipSpace(text, end)) === COLON) {
        const raw = text.slice(at + 1, end - 1);
        const name = raw.includes("\\") ? JSON.parse(text.slice(at, end)) as string : raw;
        if (NAMES.has(name) && seen.has(name)) {
          repeats.set(item, name);
          if (firstOnly) return repeats;
          seen = undefined; // the item is refused: the rest of it does not matter
        } else if (NAMES.has(name)) seen.add(name);
      }
      at = end - 1;
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      depth++;
      if (depth === level) seen = code === OPEN_OBJECT ? new Set() : undefined;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth--;
    } else if (code === COMMA && depth === 1 && level === 2) {
      item++; // a comma between two items of the batch
    }
  }
  return repeats;
}
