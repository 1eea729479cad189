/**
 * Params validation without zod's walk for the commonest schema: a strict object of string
 * fields, each optional or not, checked at most for its length (`persona.get`'s
 * `{persona_id?: string (min 1)}`, most ids and names). Given valid params, it answers what zod
 * answers (a new object of the schema's fields present, in the schema's order); anything else
 * (an unknown key, a value that is not a string, a length out of bounds, a missing field) is left
 * to zod, which answers it or names what is wrong. zod's parse of such params was a fifth of a
 * cached `persona.get`'s own work (see tests/bench/README.md, "wire path").
 *
 * @module
 */
import type { z } from "zod";

/** One string field of a schema: its key, whether it may be absent, and its length bounds. */
interface StringField {
  readonly key: string;
  readonly optional: boolean;
  readonly min: number;
  readonly max: number;
}

/** A schema's fields, when it is a strict object of string fields only; null otherwise. */
type StringFields = readonly StringField[] | null;

/** The zod definition fields read here (zod 4's `_zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  checks?: Array<{ _zod: { def: { check: string; minimum?: number; maximum?: number } } }>;
  innerType?: z.ZodType;
  coerce?: boolean;
}

const known = new WeakMap<z.ZodType, StringFields>();

function defOf(schema: z.ZodType): Def {
  return schema._zod.def as unknown as Def;
}

/** `schema` as one string field, or null when it is anything more than a length-checked string. */
function stringField(key: string, schema: z.ZodType): StringField | null {
  let def = defOf(schema);
  const optional = def.type === "optional";
  if (optional) def = defOf(def.innerType!);
  if (def.type !== "string" || def.coerce) return null;
  let min = 0;
  let max = Infinity;
  for (const check of def.checks ?? []) {
    const { check: kind, minimum, maximum } = check._zod.def;
    if (kind === "min_length" && typeof minimum === "number") min = Math.max(min, minimum);
    else if (kind === "max_length" && typeof maximum === "number") max = Math.min(max, maximum);
    else return null;
  }
  return { key, optional, min, max };
}

/**
 * The string fields of `schema` (decided once per schema), or null when it is not a strict
 * object of plain string fields with no checks of its own.
 */
export function stringFieldsOf(schema: z.ZodType): StringFields {
  let fields = known.get(schema);
  if (fields !== undefined) return fields;
  const def = defOf(schema);
  fields = null;
  const strict = def.catchall !== undefined && defOf(def.catchall).type === "never";
  if (def.type === "object" && strict && (def.checks?.length ?? 0) === 0 && def.shape) {
    const all = Object.entries(def.shape).map(([key, field]) => stringField(key, field));
    if (all.length > 0 && all.every((field) => field !== null)) fields = all as StringField[];
  }
  known.set(schema, fields);
  return fields;
}

/**
 * `params` checked against `fields` as zod would: the new object zod answers when they are
 * valid, undefined when zod must look (and will refuse them, or answer them itself).
 */
export function readStringFields(
  fields: readonly StringField[],
  params: Record<string, unknown>,
): Record<string, string> | undefined {
  let present = 0;
  const valid: Record<string, string> = {};
  for (let i = 0; i < fields.length; i++) {
    const { key, optional, min, max } = fields[i]!;
    if (!Object.hasOwn(params, key)) {
      if (optional) continue;
      return undefined;
    }
    const value = params[key];
    // zod counts code points, `length` UTF-16 units: a string shorter than twice `min` units may
    // hold fewer than `min` code points (an emoji is two units), so zod decides it.
    if (typeof value !== "string" || value.length < 2 * min || value.length > max) {
      return undefined;
    }
    valid[key] = value;
    present++;
  }
  // Any other key (zod refuses it as unknown), own or inherited: zod's answer.
  let keys = 0;
  for (const _ in params) keys++;
  return keys === present ? valid : undefined;
}
