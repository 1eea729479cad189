/**
 * `JSON.parse` of the JSON columns of memory rows (lists of ids, metadata), remembered by text:
 * every search makes records of up to a hundred candidate rows, and the same few texts come
 * back search after search (the simulation spent about 3 % of its CPU parsing them). Each call
 * answers a fresh copy of the remembered value, so no caller ever holds (or can change) what
 * the memo keeps; copying a parsed value costs a fraction of parsing its text again.
 *
 * @module
 */
import { rememberedByText } from "./text_memo.ts";

/** A parsed value, and whether it is a list or object of primitives alone (most columns). */
interface Parsed {
  value: unknown;
  flat: boolean;
}

const parsed = rememberedByText<Parsed>((text) => {
  const value: unknown = JSON.parse(text);
  return { value, flat: isFlat(value) };
});

/** Whether `value` is a list or object whose items are all primitives (or null). */
function isFlat(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (item !== null && typeof item === "object") return false;
  }
  return true;
}

/** A deep copy of a JSON value (as `JSON.parse` makes them: plain arrays, objects, primitives). */
function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyJson(value[i]);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = copyJson((value as Record<string, unknown>)[key]);
    // An assignment to "__proto__" would set the prototype; JSON.parse makes it a plain field.
    if (key === "__proto__") {
      Object.defineProperty(copy, key, {
        value: field,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else copy[key] = field;
  }
  return copy;
}

/** `JSON.parse(text)`, remembered: a fresh copy of the same value on every call. */
export function parseJsonRemembered(text: string): unknown {
  const { value, flat } = parsed(text);
  if (!flat) return copyJson(value);
  // A shallow copy is a deep one here, 4-5× faster than `copyJson` (a spread defines a
  // "__proto__" key as a plain field, as `JSON.parse` does, and keeps the keys' order).
  return Array.isArray(value) ? value.slice() : { ...(value as Record<string, unknown>) };
}

/** Forgets every remembered text (for tests). */
export function forgetParsedJson(): void {
  parsed.forget();
}
