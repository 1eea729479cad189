/**
 * Where `memory.list` pages start, from its params: a cursor is bound to the list it came from
 * (the persona and the `memory_type` filter), so one used for another persona or another filter
 * is a bad cursor (-32602), not a silent jump into that list; a cursor and an `offset` together
 * are refused too (-32602): the cursor alone says where the page starts.
 *
 * The binding is a short digest of the persona id and the filter, put before the backend's page
 * key (`page_keys.ts`) inside the opaque cursor; cursors of the oldest form (a position only, no
 * key) carry none and still page by position.
 *
 * @module
 */
import { InvalidInput } from "../errors.ts";
import { badCursor, type CursorPosition, decodeCursor } from "../paging.ts";

/** The list a cursor belongs to. */
export interface ListScope {
  personaId: string;
  memoryType?: string;
}

/** Where a page starts: a position, and the backend key of the memory before it. */
export interface ListStart {
  offset: number;
  after?: string;
}

/** Separates the list's digest from the backend key (a digest is hex: never holds it). */
const SEPARATOR = "~";

/** FNV-1a (32 bits) of `text` from `seed`, as 8 hex digits. */
function fnv(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** The digest of `scope` (64 bits, two seeds): a mistaken cursor is not taken for another's. */
function digest(scope: ListScope): string {
  const text = `${scope.personaId}\u0000${scope.memoryType ?? "\u0000"}`;
  return fnv(text, 0x811c9dc5) + fnv(text, 0x050c5d1f);
}

/** The key a cursor of `scope` carries for the backend's page key `key`. */
export function scopedKey(scope: ListScope, key: string): string {
  return `${digest(scope)}${SEPARATOR}${key}`;
}

/**
 * Where the page `params` asks for starts in `scope`'s list; -32602 for a cursor of another list
 * (or one this server did not give out), and for a cursor with an `offset`.
 */
export function listStart(
  scope: ListScope,
  params: { cursor?: string; offset?: number },
): ListStart {
  if (params.cursor === undefined) return { offset: params.offset ?? 0 };
  if (params.offset !== undefined) {
    throw new InvalidInput("Invalid params: give cursor or offset, not both", [
      { field: "offset", message: "must be absent with cursor (the cursor says where to start)" },
    ]);
  }
  const position: CursorPosition = decodeCursor(params.cursor);
  if (position.key === undefined) return { offset: position.offset };
  const at = position.key.indexOf(SEPARATOR);
  if (at < 0 || position.key.slice(0, at) !== digest(scope)) throw badCursor();
  return { offset: position.offset, after: position.key.slice(at + 1) };
}
