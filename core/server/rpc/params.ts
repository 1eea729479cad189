/**
 * Params validation with wire-ready error details: every offending field is named.
 *
 * @module
 */
import type { z } from "zod";
import type { FieldIssue } from "../../errors.ts";
import { isRecord } from "./envelope.ts";
import { tooDeep, valueDepthExceeds } from "./json_depth.ts";
import { readStringFields, stringFieldsOf } from "./string_fields.ts";
import { checkParamStrings, type StringCheckOptions } from "./string_rules.ts";
import { RpcCode, RpcError } from "./wire_errors.ts";

function describeIssue(issue: z.core.$ZodIssue): FieldIssue[] {
  const base = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      field: base ? `${base}.${key}` : key,
      message: "is not a known field",
    }));
  }
  const missing = issue.code === "invalid_type" && issue.message.endsWith("received undefined");
  return [{ field: base || "params", message: missing ? "is required" : issue.message }];
}

/** Turns zod issues into the `data.fields` list of a -32602 error. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap(describeIssue);
}

/** Splits `_meta` (reserved by MCP) from the named params. Positional params are refused. */
export function splitParams(
  params: unknown,
): { named: Record<string, unknown>; meta: Record<string, unknown> | undefined } {
  if (params === undefined) return { named: {}, meta: undefined };
  if (Array.isArray(params)) {
    throw new RpcError(RpcCode.InvalidParams, "Invalid params: this server takes named params", {
      fields: [{ field: "params", message: "must be an object of named params, not an array" }],
    });
  }
  if (!isRecord(params)) {
    throw new RpcError(RpcCode.InvalidParams, "Invalid params: named params must be an object", {
      fields: [{ field: "params", message: "must be an object of named params" }],
    });
  }
  if (!("_meta" in params)) return { named: params, meta: undefined };
  const { _meta, ...named } = params;
  return { named, meta: isRecord(_meta) ? _meta : undefined };
}

/** Whether each schema seen is {@linkcode takesNothing}: decided once per schema. */
const nothingTakers = new WeakMap<z.ZodType, boolean>();

/**
 * True when `schema` is an object schema with no fields and no checks of its own (`ping`'s
 * `z.strictObject({})`): given an object with no keys, zod answers a new `{}`, and nothing else.
 */
function takesNothing(schema: z.ZodType): boolean {
  let known = nothingTakers.get(schema);
  if (known === undefined) {
    const def = schema._zod.def as { type: string; shape?: object; checks?: unknown[] };
    known = def.type === "object" && Object.keys(def.shape ?? {}).length === 0 &&
      (def.checks?.length ?? 0) === 0;
    nothingTakers.set(schema, known);
  }
  return known;
}

function hasNoKeys(params: unknown): boolean {
  if (params === null || typeof params !== "object" || Array.isArray(params)) return false;
  for (const _ in params) return false;
  return true;
}

/**
 * Validates `params` with `schema`; throws -32602 naming every offending field. `options` (the
 * handler) may name a top-level field holding another method's params, left to that method.
 */
export function validateParams<S extends z.ZodType>(
  schema: S,
  params: unknown,
  options?: StringCheckOptions,
): z.output<S> {
  // What zod would answer, without its walk (a few percent of a `ping`).
  if (hasNoKeys(params) && takesNothing(schema)) return {} as z.output<S>;
  // Before zod walks it (recursively): a REST body or a nested call never went through the text check.
  if (valueDepthExceeds(params)) throw tooDeep();
  // No NUL (lost by SQLite, refused by PostgreSQL); lone surrogates made U+FFFD, as stored.
  params = checkParamStrings(params, options);
  // A strict object of string fields, valid: zod's answer without its walk (`string_fields.ts`).
  const strings = stringFieldsOf(schema);
  const valid = strings && isRecord(params) ? readStringFields(strings, params) : undefined;
  if (valid !== undefined) return valid as z.output<S>;
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const fields = fieldIssues(parsed.error);
  // zod reports at least one issue for a failed parse.
  const first = fields[0] ?? { field: "params", message: "are invalid" };
  throw new RpcError(
    RpcCode.InvalidParams,
    `Invalid params: ${first.field} ${first.message}`,
    { fields },
  );
}

/** MCP's progress token, when the caller sent one in `_meta`. */
export function progressToken(meta: Record<string, unknown> | undefined): string | number | null {
  const token = meta?.progressToken;
  return typeof token === "string" || typeof token === "number" ? token : null;
}
