/**
 * The rule for strings that reach storage, shared by request params (`core/server/rpc/
 * string_rules.ts`, which documents why) and by card files decoded on import
 * (`core/characters/codec.ts`): U+0000 is refused (SQLite reads it back cut, PostgreSQL takes
 * none) and a lone surrogate becomes U+FFFD (as either backend stores it).
 *
 * The value is never changed: a string that must be mended is replaced in copies of the
 * containers on its path (copy on write), so a frozen or shared value is safe. When nothing
 * must be mended (the usual case) the walk only reads: two native scans per string, no
 * allocation. Object keys are not looked at (they reach storage only inside JSON text, which
 * escapes them). Typed arrays and other `ArrayBuffer` views hold no strings and are skipped.
 *
 * @module
 */

/** What a refused field's message says. */
export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/** Where a string sits in a value: keys and indexes from the top. */
export type FieldPath = readonly (string | number)[];

/** What builds the error for a NUL at a path (the caller's error type and field names). */
export type NulRefusal = (path: FieldPath) => Error;

/** True when `text` is stored as sent: no NUL and no lone surrogate. */
export function isStorable(text: string): boolean {
  return text.indexOf("\0") < 0 && text.isWellFormed();
}

/**
 * `text` as storage keeps it when it cannot be refused (a model's reply, a greeting made from a
 * user's name): well-formed, with U+0000 removed, so what is kept in memory equals what the
 * database gives back.
 */
export function storedText(text: string): string {
  if (isStorable(text)) return text;
  const whole = text.isWellFormed() ? text : text.toWellFormed();
  return whole.replaceAll("\u0000", "");
}

/**
 * `value` with lone surrogates replaced by U+FFFD (copies of the changed containers only;
 * `value` itself when nothing changed); throws `refuse(path)` for the first NUL found.
 */
export function storableValue<T>(value: T, refuse: NulRefusal): T {
  if (typeof value === "string") {
    return (isStorable(value) ? value : mended(value, [], refuse)) as T;
  }
  if (value === null || typeof value !== "object" || allStorable(value)) return value;
  return mendedObject(value, [], refuse) as T;
}

/**
 * Nesting walked by recursion (fast: about a fifth less time than a list kept by hand on a card
 * of 2,000 entries); deeper containers are walked by {@linkcode deepAllStorable}, so a value
 * nested 100,000 deep cannot overflow the stack.
 */
const RECURSION_DEPTH = 256;

/** True when `item` is a string that is not storable, or a container holding one. */
function itemUnstorable(item: unknown, depth: number): boolean {
  if (typeof item === "string") return !isStorable(item);
  return item !== null && typeof item === "object" && !allStorable(item, depth + 1);
}

/** True when every string value in `value` is storable: a read-only walk. */
function allStorable(value: object, depth = 0): boolean {
  if (depth > RECURSION_DEPTH) return deepAllStorable(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (itemUnstorable(value[i], depth)) return false;
    return true;
  }
  // `for…in` over a typed array visits every element (a 2 MB one took 628 ms).
  if (ArrayBuffer.isView(value)) return true;
  // JSON objects and zod's outputs have no inherited enumerable keys: no `hasOwn` per key.
  for (const key in value) {
    if (itemUnstorable((value as Record<string, unknown>)[key], depth)) return false;
  }
  return true;
}

/** {@linkcode allStorable} without recursion: containers kept on a list. */
function deepAllStorable(value: object): boolean {
  const pending: object[] = [value];
  while (pending.length > 0) {
    const container = pending.pop()!;
    if (ArrayBuffer.isView(container)) continue;
    const items = Array.isArray(container) ? container : Object.values(container);
    for (const item of items) {
      if (typeof item === "string" && !isStorable(item)) return false;
      if (item !== null && typeof item === "object") pending.push(item);
    }
  }
  return true;
}

/** `text` (not storable) with its lone surrogates replaced; throws when it holds a NUL. */
function mended(text: string, path: FieldPath, refuse: NulRefusal): string {
  if (text.indexOf("\0") >= 0) throw refuse(path);
  return text.toWellFormed();
}

/** `item` mended, `item` itself when it needed nothing. */
function mendedItem(item: unknown, path: (string | number)[], refuse: NulRefusal): unknown {
  if (typeof item === "string") return isStorable(item) ? item : mended(item, [...path], refuse);
  if (item === null || typeof item !== "object") return item;
  return mendedObject(item, path, refuse);
}

/**
 * Deepest nesting {@linkcode mendedObject} recurses into. Its callers check depth before (64
 * levels for requests and card files, `core/json_depth.ts`): a deeper value is refused with a
 * RangeError rather than left to overflow the stack.
 */
const MAX_MEND_DEPTH = 1024;

/** A copy of `value` with its strings mended, `value` itself when none needed it. */
function mendedObject(value: object, path: (string | number)[], refuse: NulRefusal): object {
  if (path.length > MAX_MEND_DEPTH) {
    throw new RangeError(`A value nested deeper than ${MAX_MEND_DEPTH} levels is not stored`);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const item = mendedItem(value[i], path, refuse);
      path.pop();
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  if (ArrayBuffer.isView(value)) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    path.push(key);
    const item = mendedItem(record[key], path, refuse);
    path.pop();
    if (item !== record[key]) (copy ??= { ...record })[key] = item;
  }
  return copy ?? value;
}
