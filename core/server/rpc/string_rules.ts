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
 * (two native scans per string, no allocation) unless a string must be mended; then the
 * containers on its path are copied (copy on write), so frozen or shared params are never
 * changed. The walk itself is `core/storable_text.ts`'s (card files decoded on import apply it
 * too).
 *
 * A handler may name one top-level param that holds another method's params (`tools/call`'s
 * `arguments`): it is left to that method's own validation, where a NUL becomes the `isError`
 * result MCP asks for (SEP-1303) rather than a protocol error for the whole request.
 *
 * @module
 */
import { type FieldPath, NUL_MESSAGE, storableValue } from "../../storable_text.ts";
import { RpcCode, RpcError } from "./wire_errors.ts";

export { NUL_MESSAGE };

/** What {@linkcode checkParamStrings} leaves out (a handler is one: no object per call). */
export interface StringCheckOptions {
  /** A top-level field holding another method's params, validated by that method. */
  readonly nestedParams?: string;
}

/**
 * Refuses U+0000 in any string value of `params` with -32602 naming the field, and replaces
 * lone surrogates with U+FFFD. Answers `params` itself when nothing needed replacing, else a
 * copy (the containers on the path to each replaced string). Nesting is bounded by the depth
 * check that runs first.
 */
export function checkParamStrings<T>(params: T, options?: StringCheckOptions): T {
  const nested = options?.nestedParams;
  if (
    nested === undefined || params === null || typeof params !== "object" ||
    Array.isArray(params) || !Object.hasOwn(params, nested)
  ) return storableValue(params, nulRefused);
  const { [nested]: passed, ...rest } = params as Record<string, unknown>;
  const checked = storableValue(rest, nulRefused);
  return checked === rest ? params : { ...checked, [nested]: passed } as T;
}

/** Dotted path of a field, as `validateParams` names fields (`metadata.tags.0`). */
function fieldName(path: FieldPath): string {
  return path.length === 0 ? "params" : path.map(String).join(".");
}

/** The -32602 error for a NUL at `path`. */
function nulRefused(path: FieldPath): RpcError {
  const field = fieldName(path);
  return new RpcError(RpcCode.InvalidParams, `Invalid params: ${field} ${NUL_MESSAGE}`, {
    fields: [{ field, message: NUL_MESSAGE }],
  });
}
