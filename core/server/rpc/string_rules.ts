/**
 * What strings in params may hold, checked once for every entry (JSON-RPC over WebSocket and
 * stdio, MCP Streamable HTTP, REST bodies, query strings and path params, nested calls): params
 * all meet in `validateParams`, which applies {@linkcode checkParamStrings} before the schema.
 *
 * - **U+0000 is refused** (-32602, the field named). Deno's `node:sqlite` stores a TEXT holding
 *   a NUL in full but reads it back cut at the NUL (`"a\u0000b"` comes back as `"a"`), and
 *   PostgreSQL takes no U+0000 in `text` at all (its storage writes U+FFFD instead, see
 *   `bindable` in `core/storage/postgres.ts`): stored, the text would be cut on one backend and
 *   altered on the other. Refused, the client learns it at once.
 * - **A lone surrogate (U+D800–U+DFFF unpaired) becomes U+FFFD** (`String#toWellFormed`). It
 *   has no UTF-8 form: in a TEXT column both backends already store U+FFFD in its place, while
 *   in JSON text (memory metadata) the escape `\ud800` kept it, so the same value came back
 *   different by the column it landed in. Replacing it here, as storage would, makes every
 *   column, cache and reply agree with what is stored; refusing it would fail requests over
 *   damage a client seldom meant (a string cut between the halves of an emoji) and that a TEXT
 *   column cannot keep anyway.
 *
 * Object keys are not looked at: they reach storage only inside JSON text (metadata), where
 * `JSON.stringify` escapes both (`\u0000`, `\ud800`) and either backend keeps them exactly;
 * checking them doubled the walk's cost (about 60 ns more per `persona.get`). The walk only reads
 * (two native scans per string, no allocation) unless a string must be mended.
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
 * Refuses U+0000 in any string value of `params` with -32602 naming the field, and
 * replaces lone surrogates with U+FFFD in place. Answers `params` (a new string when `params`
 * is one that needed replacing). Nesting is bounded by the depth check that runs first.
 */
export function checkParamStrings<T>(params: T): T {
  if (typeof params === "string") return (isStorable(params) ? params : mended(params, [])) as T;
  if (params !== null && typeof params === "object" && !allStorable(params)) mend(params, []);
  return params;
}

/** True when every string value in `value` is storable: a read-only walk. */
function allStorable(value: object): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (
        typeof item === "string"
          ? !isStorable(item)
          : item !== null && typeof item === "object" && !allStorable(item)
      ) return false;
    }
    return true;
  }
  // JSON objects and zod's outputs have no inherited enumerable keys: no `hasOwn` per key.
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (
      typeof item === "string"
        ? !isStorable(item)
        : item !== null && typeof item === "object" && !allStorable(item)
    ) return false;
  }
  return true;
}

/** `text` (not storable) with its lone surrogates replaced; throws when it holds a NUL. */
function mended(text: string, path: readonly (string | number)[]): string {
  if (text.indexOf("\0") >= 0) throw nulRefused(path);
  return text.toWellFormed();
}

/** Mends the strings of `value` in place (rare: {@linkcode allStorable} said it must). */
function mend(value: object, path: (string | number)[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item === "string") {
        if (!isStorable(item)) value[i] = mended(item, [...path, i]);
      } else if (item !== null && typeof item === "object") {
        path.push(i);
        mend(item, path);
        path.pop();
      }
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (typeof item === "string") {
      if (!isStorable(item)) record[key] = mended(item, [...path, key]);
    } else if (item !== null && typeof item === "object") {
      path.push(key);
      mend(item, path);
      path.pop();
    }
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
