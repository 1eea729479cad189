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
