/**
 * Short, exact English for JSON Schema fragments (as zod's `toJSONSchema` writes them): the type
 * and its limits, for the generated references and `--help`.
 *
 * @module
 */

/** The JSON Schema keywords read here. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Beyond this, a bound is the engine's, not the schema author's: not worth a word. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

function code(value: unknown): string {
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
}

/** `0–1`, `≥ 1`, `> 0 and ≤ 60`: the numeric bounds of `schema`, or "" when it has none. */
export function numberBounds(schema: JsonSchema): string {
  const low = schema.minimum ?? schema.exclusiveMinimum;
  const high = schema.maximum !== undefined && schema.maximum < UNBOUNDED
    ? schema.maximum
    : schema.exclusiveMaximum;
  const lowOpen = schema.minimum === undefined && schema.exclusiveMinimum !== undefined;
  const highOpen = schema.maximum === undefined && schema.exclusiveMaximum !== undefined;
  if (low !== undefined && high !== undefined && !lowOpen && !highOpen) return `${low}–${high}`;
  const parts: string[] = [];
  if (low !== undefined) parts.push(`${lowOpen ? ">" : "≥"} ${low}`);
  if (high !== undefined) parts.push(`${highOpen ? "<" : "≤"} ${high}`);
  return parts.join(" and ");
}

function lengthBounds(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) return `${min}–${max} ${unit}`;
  if (max !== undefined) return `at most ${max} ${unit}`;
  if (min !== undefined && min > 0) return `at least ${min} ${unit}`;
  return "";
}

function joined(type: string, details: string[]): string {
  const shown = details.filter((detail) => detail !== "");
  return shown.length === 0 ? type : `${type}, ${shown.join(", ")}`;
}

function typeNames(schema: JsonSchema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** One schema in a few words: `integer, 1–100`, `string, 1–64 chars`, one of `a`, `b`. */
export function describeSchema(schema: JsonSchema): string {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(describeSchema).join(" or ");
  if (schema.const !== undefined) return code(schema.const);
  if (schema.enum) return `one of ${schema.enum.map(code).join(", ")}`;
  const types = typeNames(schema);
  if (types.length > 1) return types.join(" or ");
  switch (types[0]) {
    case "integer":
    case "number":
      return `${types[0]} ${numberBounds(schema)}`.trim();
    case "string":
      return describeString(schema);
    case "array": {
      const items = schema.items ? describeSchema(schema.items) : "any";
      return joined(
        `array of (${items})`,
        [lengthBounds(schema.minItems, schema.maxItems, "items")],
      );
    }
    case "object":
      return describeObject(schema);
    case undefined:
      return "any JSON value";
    default:
      return types[0];
  }
}

function describeString(schema: JsonSchema): string {
  if (schema.format === "uri") return "URL";
  if (schema.format === "date-time") return "ISO 8601 date-time";
  const pattern = schema.pattern ? `matching ${code(schema.pattern)}` : "";
  const nonEmpty = schema.minLength === 1 && schema.maxLength === undefined;
  const length = nonEmpty ? "" : lengthBounds(schema.minLength, schema.maxLength, "chars");
  return joined(nonEmpty ? "non-empty string" : "string", [length, pattern]);
}

function describeObject(schema: JsonSchema): string {
  const extra = schema.additionalProperties;
  if (schema.properties && Object.keys(schema.properties).length > 0) return "object";
  if (typeof extra === "object" && Object.keys(extra).length > 0) {
    return `object of ${describeSchema(extra)}`;
  }
  return "JSON object";
}

/** A field of an object schema, flattened: nested objects give `parent.child` rows. */
export interface FieldRow {
  /** Dotted path, e.g. `personality_traits.openness`. */
  name: string;
  /** True when the field must be given (its parents too). */
  required: boolean;
  /** The optional parent it must be given with, when it is required only there. */
  requiredWith?: string;
  /** The default, when the schema has one. */
  default?: unknown;
  /** Type and limits in words. */
  type: string;
  /** The schema's own description, if any. */
  description?: string;
}

/** The fields of an object schema, nested object fields after their parent, in schema order. */
export function fieldRows(schema: JsonSchema, prefix = "", parentRequired = true): FieldRow[] {
  const rows: FieldRow[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    const mustGive = required.has(name) && field.default === undefined;
    const isRequired = parentRequired && mustGive;
    rows.push({
      name: path,
      required: isRequired,
      requiredWith: mustGive && !parentRequired ? prefix : undefined,
      default: field.default,
      type: describeSchema(field),
      description: field.description,
    });
    if (field.properties && Object.keys(field.properties).length > 0) {
      rows.push(...fieldRows(field, path, isRequired));
    }
  }
  return rows;
}

/** A default as shown in docs: `"(none)"` for empty strings and lists, else the value in code. */
export function describeDefault(value: unknown): string {
  if (value === undefined) return "";
  if (value === "" || (Array.isArray(value) && value.length === 0)) return "(none)";
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
    return code(value.join(","));
  }
  return code(value);
}
