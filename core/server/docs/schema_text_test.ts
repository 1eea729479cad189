import assert from "node:assert/strict";
import { z } from "zod";
import { describeDefault, describeSchema, fieldRows, type JsonSchema } from "./schema_text.ts";

function json(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

Deno.test("numbers show inclusive and exclusive bounds, and no bound past the safe integers", () => {
  assert.equal(describeSchema(json(z.number().int().min(1).max(100))), "integer 1–100");
  assert.equal(describeSchema(json(z.number().gt(0).lt(1))), "number > 0 and < 1");
  assert.equal(describeSchema(json(z.number().positive().max(60))), "number > 0 and ≤ 60");
  assert.equal(describeSchema(json(z.number().int().min(0))), "integer ≥ 0");
  assert.equal(describeSchema(json(z.number())), "number");
});

Deno.test("strings, enums, arrays, records and unions read as what they accept", () => {
  assert.equal(describeSchema(json(z.string().min(1))), "non-empty string");
  assert.equal(describeSchema(json(z.string().min(1).max(64))), "string, 1–64 chars");
  assert.equal(describeSchema(json(z.string().max(500))), "string, at most 500 chars");
  assert.equal(describeSchema(json(z.string().regex(/^[a-z]+$/))), "string, matching `^[a-z]+$`");
  assert.equal(describeSchema(json(z.url())), "URL");
  assert.equal(describeSchema(json(z.iso.datetime({ offset: true }))), "ISO 8601 date-time");
  assert.equal(describeSchema(json(z.enum(["a", "b"]))), "one of `a`, `b`");
  assert.equal(
    describeSchema(json(z.array(z.string().min(1)).min(2).max(8))),
    "array of (non-empty string), 2–8 items",
  );
  assert.equal(
    describeSchema(json(z.record(z.string(), z.number().min(0).max(100)))),
    "object of number 0–100",
  );
  assert.equal(describeSchema(json(z.record(z.string(), z.unknown()))), "JSON object");
  assert.equal(
    describeSchema(json(z.union([z.string(), z.number(), z.null()]))),
    "string or number or null",
  );
  assert.equal(describeSchema(json(z.string().nullable())), "string or null");
});

Deno.test("fields flatten nested objects; a field required only with its optional parent says so", () => {
  const rows = fieldRows(json(z.strictObject({
    name: z.string(),
    limit: z.number().default(20),
    info: z.object({ id: z.string(), note: z.string().optional() }).optional(),
  })));
  assert.deepEqual(rows.map((row) => [row.name, row.required, row.requiredWith, row.default]), [
    ["name", true, undefined, undefined],
    ["limit", false, undefined, 20],
    ["info", false, undefined, undefined],
    ["info.id", false, "info", undefined],
    ["info.note", false, undefined, undefined],
  ]);
});

Deno.test("settings defaults: empty values and lists read as (none), lists joined with commas", () => {
  assert.equal(describeDefault(""), "(none)");
  assert.equal(describeDefault([]), "(none)");
  assert.equal(describeDefault(["visual", "x"]), "`visual,x`");
  assert.equal(describeDefault(8000), "`8000`");
  assert.equal(describeDefault(undefined), "");
});
