/**
 * Lenient readers for JSON documents written by other applications (character cards,
 * lorebooks): they accept what the community's importers accept (null for "absent", numbers as
 * text, a comma list for an array) and collect every real problem with its dotted path, so one
 * -32602 error can name all of them.
 *
 * @module
 */
import { type FieldIssue, InvalidInput } from "../errors.ts";

/** A JSON object (a plain record). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Collects the problems found while reading one document. */
export class Issues {
  readonly #list: FieldIssue[] = [];

  /** Records that `field` (a dotted path) is wrong. */
  add(field: string, message: string): void {
    // Thousands of identical mistakes would make an unreadable error: keep the first 50.
    if (this.#list.length < 50) this.#list.push({ field, message });
  }

  /** The problems so far. */
  get list(): readonly FieldIssue[] {
    return this.#list;
  }

  /** Throws one {@linkcode InvalidInput} naming every problem, if there is any. */
  throwIfAny(what: string): void {
    const first = this.#list[0];
    if (first === undefined) return;
    throw new InvalidInput(`Invalid ${what}: ${first.field} ${first.message}`, [...this.#list]);
  }
}

/** Where a reader looks: the object, the dotted path of the object, and the issue list. */
export interface ReadContext {
  object: JsonObject;
  path: string;
  issues: Issues;
}

function at(ctx: ReadContext, key: string): string {
  return ctx.path ? `${ctx.path}.${key}` : key;
}

/** Options of the text readers. */
export interface TextOptions {
  /** Longest accepted text (characters). */
  max: number;
}

/** A string field; a number becomes its text, null or absent is undefined. */
export function readText(ctx: ReadContext, key: string, options: TextOptions): string | undefined {
  const value = ctx.object[key];
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  if (typeof text !== "string") {
    ctx.issues.add(at(ctx, key), "must be a string");
    return undefined;
  }
  if (text.length > options.max) {
    ctx.issues.add(at(ctx, key), `must be at most ${options.max} characters`);
    return undefined;
  }
  return text;
}

/** Options of {@linkcode readTextList}. */
export interface TextListOptions extends TextOptions {
  /** Most items accepted. */
  maxItems: number;
  /** How a single string becomes a list: as one item, or split at commas. */
  single: "item" | "comma";
}

/** An array of strings; one string is accepted (see `single`), null or absent is undefined. */
export function readTextList(
  ctx: ReadContext,
  key: string,
  options: TextListOptions,
): string[] | undefined {
  const value = ctx.object[key];
  if (value === undefined || value === null) return undefined;
  let items: unknown[];
  if (typeof value === "string") {
    items = options.single === "item"
      ? (value === "" ? [] : [value])
      : value.split(",").map((item) => item.trim()).filter((item) => item !== "");
  } else if (Array.isArray(value)) {
    items = value;
  } else {
    ctx.issues.add(at(ctx, key), "must be an array of strings");
    return undefined;
  }
  if (items.length > options.maxItems) {
    ctx.issues.add(at(ctx, key), `must hold at most ${options.maxItems} items`);
    return undefined;
  }
  const list: string[] = [];
  items.forEach((item, index) => {
    if (item === null || item === undefined) return;
    const text = typeof item === "number" ? String(item) : item;
    if (typeof text !== "string") {
      ctx.issues.add(`${at(ctx, key)}.${index}`, "must be a string");
    } else if (text.length > options.max) {
      ctx.issues.add(`${at(ctx, key)}.${index}`, `must be at most ${options.max} characters`);
    } else {
      list.push(text);
    }
  });
  return list;
}

/** A boolean field; "true"/"false", 1/0 are accepted, null or absent is undefined. */
export function readBool(ctx: ReadContext, key: string): boolean | undefined {
  const value = ctx.object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === 1 || value === "1") return true;
  if (value === "false" || value === 0 || value === "0") return false;
  ctx.issues.add(at(ctx, key), "must be a boolean");
  return undefined;
}

/** A finite number field; numeric text is accepted, null, "" or absent is undefined. */
export function readNumber(ctx: ReadContext, key: string): number | undefined {
  const value = ctx.object[key];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number)) {
    ctx.issues.add(at(ctx, key), "must be a number");
    return undefined;
  }
  return number;
}

/** A JSON object field; null or absent is undefined. */
export function readObject(ctx: ReadContext, key: string): JsonObject | undefined {
  const value = ctx.object[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    ctx.issues.add(at(ctx, key), "must be an object");
    return undefined;
  }
  return value;
}

/** The fields of `object` not named in `known`, for round-tripping what we do not interpret. */
export function unknownFields(object: JsonObject, known: ReadonlySet<string>): JsonObject {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (!known.has(key) && value !== undefined) rest[key] = value;
  }
  return rest;
}

/** `object` without the keys whose value is undefined (so absent fields stay absent). */
export function compact<T extends JsonObject>(object: T): T {
  for (const key of Object.keys(object)) {
    if (object[key] === undefined) delete object[key];
  }
  return object;
}
