/**
 * One lorebook entry's counted commas, read on the file's text (`text_values.ts` says what is
 * counted and why it is a lower bound of the book's own count) with bounded work and memory
 * (review46 R10): each member is read once (a World Info entry with extensions: twice), and a name
 * is held only while its value counts (it holds a comma outside strings), in tables of at most
 * {@linkcode HELD_NAMES} names. A file of many members that count nothing (`"f1":0,"f2":0,…`) so
 * holds none: fix135's pass kept a Map of every member of every entry, seconds of work on files
 * the key bound (`json_keys.ts`, now checked first) refuses in milliseconds.
 *
 * A name seen again keeps the least of its counts (JSON's last value, or in a World Info entry the
 * field that overrides an extension member, is never below it): the count stays a lower bound
 * whatever the order the reader takes the members in.
 *
 * @module
 */
import { MAX_OBJECT_KEYS } from "../json_keys.ts";
import { OPEN_ARRAY, OPEN_OBJECT } from "../json_depth.ts";
import { ENTRY_FIELDS } from "./book.ts";
import { snakeCase, ST_ENTRY_FIELDS } from "./formats.ts";
import { ST_AS_IS_NAMES } from "./world_info.ts";
import { type TextScan, textScanTally } from "./text_scan.ts";

/**
 * Most names one table of an entry's count holds (10,000): no object of an upload has more
 * members (the key bound). A name that would count past it is left out: a lower bound still.
 */
export const HELD_NAMES = MAX_OBJECT_KEYS;

/** Key lists: only their own items' commas count (a list of lists is refused by the reader). */
const KEY_LISTS: ReadonlySet<string> = new Set(["keys", "secondary_keys", "key", "keysecondary"]);
const NULL = 0x6e;

/** Names whose values count, each with the least count seen (see the module doc). */
class Counted {
  readonly commas = new Map<string, number>();

  /**
   * A member `name` whose value holds `commas`: held when it counts, or when its name is held
   * already (the least count stays, 0 included: the name counts nothing more once any of its
   * values counted nothing, whatever the order).
   */
  add(name: string, commas: number): void {
    const held = this.commas.get(name);
    if (held !== undefined) this.commas.set(name, Math.min(held, commas));
    else if (commas > 0 && this.commas.size < HELD_NAMES) {
      this.commas.set(name, commas);
      textScanTally.held = Math.max(textScanTally.held, this.commas.size);
    }
  }

  /** `name` counts nothing (another value overrides it). */
  drop(name: string): void {
    if (this.commas.has(name)) this.commas.set(name, 0);
  }

  /** The sum of the held counts. */
  total(): number {
    let total = 0;
    for (const commas of this.commas.values()) total += commas;
    return total;
  }
}

/** A World Info field's name in `extensions`, as `fromWorldInfoEntry` writes it. */
function extensionName(field: string): string {
  return ST_AS_IS_NAMES.has(field) ? field : snakeCase(field);
}

/**
 * The counted commas of the entry object at the cursor of `scan`, read as V2's entry and, when
 * `world` (a file's root entries) and it is written in SillyTavern's shape (`key`, no `keys`), as
 * `formats.ts` converts a World Info entry.
 */
export function entryCommas(scan: TextScan, world: boolean): number {
  const lists = new Map<string, number>();
  /** V2's reading: unknown fields. */
  const unknown = new Counted();
  /** World Info's reading: the fields that go to `extensions`, by their name there. */
  const moved = new Counted();
  /** The members of the (last) `extensions` object. */
  let extensions = new Counted();
  let [key, keys] = [false, false];
  const start = scan.at;
  scan.members((nameAt, nameEnd) => {
    const name = scan.decoded(nameAt, nameEnd);
    const first = scan.space();
    if (name === "extensions") {
      extensions = new Counted();
      if (first !== OPEN_OBJECT) return void scan.skip();
      const members = extensions;
      return scan.members((at, end) => {
        const commas = scan.skip();
        if (commas > 0 || members.commas.size > 0) members.add(scan.decoded(at, end), commas);
      });
    }
    key ||= name === "key";
    keys ||= name === "keys";
    const list = KEY_LISTS.has(name);
    const commas = scan.skip(list);
    if (list) lists.set(name, first === OPEN_ARRAY ? commas : 0);
    if (!ENTRY_FIELDS.has(name)) unknown.add(name, commas);
    if (!world || ST_ENTRY_FIELDS.has(name) || (commas === 0 && moved.commas.size === 0)) return;
    // A null field is left out (it overrides nothing): dropped, as one that counts nothing.
    moved.add(extensionName(name), first === NULL ? 0 : commas);
  });
  if (!world || !key || keys) {
    return (lists.get("keys") ?? 0) + (lists.get("secondary_keys") ?? 0) + unknown.total() +
      extensions.total();
  }
  if (extensions.commas.size > 0) overrideExtensions(scan, start, extensions);
  return (lists.get("key") ?? 0) + (lists.get("keysecondary") ?? 0) + moved.total() +
    extensions.total();
}

/**
 * Drops from `extensions` each member that a field of the World Info entry at `start` overrides
 * (any value but null, as `fromWorldInfoEntry` defines it over the copied extensions): a second
 * walk of the entry, only when some extension member counts.
 */
function overrideExtensions(scan: TextScan, start: number, extensions: Counted): void {
  const end = scan.at;
  scan.at = start;
  scan.members((nameAt, nameEnd) => {
    const name = scan.decoded(nameAt, nameEnd);
    const value = scan.space();
    scan.skip();
    if (value !== NULL && !ST_ENTRY_FIELDS.has(name)) extensions.drop(extensionName(name));
  });
  scan.at = end;
}
