/**
 * Structured output's two ends: the JSON Schema a call sends (made once per zod schema) and the
 * JSON text of an answer (a code fence some models add anyway taken off).
 *
 * @module
 */
import { z } from "zod";
import { deepFreeze } from "../freeze.ts";

/** The text of a JSON answer, without the code fence some models add anyway. */
export function answerJsonText(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text);
  return (fenced?.[1] ?? text).trim();
}

/** JSON Schemas made so far, by zod schema: the mind asks with the same few on every job. */
const jsonSchemas = new WeakMap<z.ZodType, Readonly<Record<string, unknown>>>();

/**
 * A JSON Schema object for `schema`, without the `$schema` key some servers reject. Made once
 * per zod schema (converting one costs about half a millisecond, on every background job) and
 * frozen, since every call shares it.
 */
export function jsonSchemaOf(schema: z.ZodType): Readonly<Record<string, unknown>> {
  let json = jsonSchemas.get(schema);
  if (!json) {
    const { $schema: _, ...rest } = z.toJSONSchema(schema, { unrepresentable: "any" });
    json = deepFreeze(rest);
    jsonSchemas.set(schema, json);
  }
  return json;
}
