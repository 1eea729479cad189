/**
 * What strings in params may hold, checked once for every entry (JSON-RPC over WebSocket and
 * stdio, MCP Streamable HTTP, REST bodies, query strings and path params, nested calls): params
 * all meet in `validateParams`, which applies {@linkcode checkParamStrings} before the schema.
 *
 * - **U+0000 is refused** (-32602, the field named). Deno's `node:sqlite` stores a TEXT holding
 *   a NUL in full but reads it back cut at the NUL (`"a\u0000b"` comes back as `"a"`), and
 *   PostgreSQL refuses U+0000 in `text` and `jsonb` outright: stored, it would be lost on one
 *   backend and an internal error on the other.
 * - **A lone surrogate (U+D800–U+DFFF unpaired) becomes U+FFFD** (`String#toWellFormed`). It
 *   has no UTF-8 form: SQLite already stores U+FFFD in its place, PostgreSQL refuses it in
 *   `jsonb`. Replacing it here, as storage would, keeps both backends, the caches and the reply
 *   agreeing with what is stored; refusing it would fail requests over damage a client usually
 *   did not mean (a string cut between the halves of an emoji) and that no backend can keep.
 *
 * Object keys follow the same rules (metadata keys are stored). The walk is cheap (two native
 * scans per string, no allocation unless a surrogate is replaced) and params are small.
 *
 * @module
 */
import { RpcCode, RpcError } from "./wire_errors.ts";

/** What a refused field's message says. */
export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/** True when `text` is stored as sent: no NUL and no lone surrogate. */
function isStorable(text: string): boolean {
  return text.indexOf("\0") < 0 && text.isWellFormed();
}

/**
 * Refuses U+0000 in any string of `params` (keys included) with -32602 naming the field, and
 * replaces lone surrogates with U+FFFD in place. Answers `params` (a new string when `params`
 * is one that needed replacing). Nesting is bounded by the depth check that runs first.
 */
export function checkParamStrings<T>(params: T): T {
  if (typeof params === "string") return clean(params, []) as T;
  if (params !== null && typeof params === "object") cleanObject(params, []);
  return params;
}

function clean(text: string, path: readonly (string | number)[]): string {
  if (isStorable(text)) return text;
  if (text.indexOf("\0") >= 0) throw nulRefused(path);
  return text.toWellFormed();
}

function cleanObject(value: object, path: (string | number)[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item === "string") {
        if (!isStorable(item)) value[i] = clean(item, [...path, i]);
      } else if (item !== null && typeof item === "object") {
        path.push(i);
        cleanObject(item, path);
        path.pop();
      }
    }
    return;
  }
  const record = value as Record<string, unknown>;
  let renamed: string[] | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (!isStorable(key)) (renamed ??= []).push(key);
    const item = record[key];
    if (typeof item === "string") {
      if (!isStorable(item)) record[key] = clean(item, [...path, key]);
    } else if (item !== null && typeof item === "object") {
      path.push(key);
      cleanObject(item, path);
      path.pop();
    }
  }
  for (const key of renamed ?? []) {
    const item = record[key];
    delete record[key];
    record[clean(key, [...path, key])] = item;
  }
}

/** Dotted path of a field, as `validateParams` names fields (`metadata.tags.0`). */
function fieldName(path: readonly (string | number)[]): string {
  return path.length === 0 ? "params" : path.map(String).join(".");
}

/** The -32602 error for a NUL at `path`. */
function nulRefused(path: readonly (string | number)[]): RpcError {
  const field = fieldName(path);
  return new RpcError(RpcCode.InvalidParams, `Invalid params: ${field} ${NUL_MESSAGE}`, {
    fields: [{ field, message: NUL_MESSAGE }],
  });
}
