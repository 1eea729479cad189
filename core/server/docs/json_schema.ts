/**
 * A handler's params schema as JSON Schema, from the zod schema the dispatcher validates with:
 * the one source the OpenAPI and OpenRPC documents, the method reference and MCP's tool
 * listing share.
 *
 * @module
 */
import { z } from "zod";

/** A JSON Schema object (the keywords zod writes). */
export type JsonSchemaObject = Record<string, unknown> & {
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
};

/**
 * The JSON Schema of what a caller sends for `schema` (`io: "input"`: defaults make a field
 * optional). Draft 2020-12 (OpenAPI 3.1) or draft 7 (OpenRPC); no `$schema` member.
 */
export function paramsJsonSchema(
  schema: z.ZodType,
  target: "draft-2020-12" | "draft-7" = "draft-2020-12",
): JsonSchemaObject {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target });
  const { $schema: _dialect, ...rest } = json as Record<string, unknown>;
  return rest as JsonSchemaObject;
}

/** `schema` without the properties in `names` (they come from the path instead). */
export function withoutProperties(
  schema: JsonSchemaObject,
  names: readonly string[],
): JsonSchemaObject {
  if (!schema.properties || names.length === 0) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties).filter(([name]) => !names.includes(name)),
  );
  const required = (schema.required ?? []).filter((name) => !names.includes(name));
  return { ...schema, properties, ...(required.length ? { required } : { required: undefined }) };
}

/** Where hoisted definitions are collected: `components.schemas` of the document. */
export type SharedSchemas = Record<string, unknown>;

/**
 * `schema` with its `$defs` (zod writes them for recursive types, such as JSON metadata) moved
 * into `shared` under `<owner>.<name>`, and every `#/$defs/...` reference pointed there: inside a
 * larger document, `#` is the document's root, not the schema's.
 */
export function hoistDefinitions(
  schema: JsonSchemaObject,
  owner: string,
  shared: SharedSchemas,
): JsonSchemaObject {
  // Draft 2020-12 keeps them in `$defs`, draft 7 in `definitions`.
  const { $defs, definitions, ...rest } = schema as JsonSchemaObject & {
    $defs?: Record<string, unknown>;
    definitions?: Record<string, unknown>;
  };
  const found = { ...$defs, ...definitions };
  if (Object.keys(found).length === 0) return schema;
  const prefix = owner.replace(/[^A-Za-z0-9._-]/g, "_");
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        key === "$ref" && typeof inner === "string" && /^#\/(\$defs|definitions)\//.test(inner)
          ? [key, `#/components/schemas/${prefix}.${inner.replace(/^#\/[^/]+\//, "")}`]
          : [key, rewrite(inner)]
      ),
    );
  };
  for (const [name, definition] of Object.entries(found)) {
    shared[`${prefix}.${name}`] = rewrite(definition);
  }
  return rewrite(rest) as JsonSchemaObject;
}
