import assert from "node:assert/strict";
import { z } from "zod";
import { validateParams } from "./params.ts";
import { RpcCode, RpcError } from "./wire_errors.ts";
import { counted } from "./testing/counted_schema.ts";

Deno.test("a schema of no fields given no params answers a new {} without zod", () => {
  const { schema, parses } = counted(z.strictObject({}));
  const first = validateParams(schema, {});
  const second = validateParams(schema, {});
  assert.deepEqual(first, {});
  assert.notEqual(first, second, "a new object per call, as zod's");
  assert.equal(parses(), 0);
  assert.deepEqual(z.strictObject({}).parse({}), first, "what zod answers");
});

Deno.test("a schema of no fields still refuses fields, and runs its own checks", () => {
  const strict = counted(z.strictObject({}));
  assert.throws(
    () => validateParams(strict.schema, { extra: 1 }),
    (error: unknown) =>
      error instanceof RpcError && error.code === RpcCode.InvalidParams &&
      JSON.stringify(error.data).includes('"field":"extra"'),
  );
  assert.equal(strict.parses(), 1, "params with keys go to zod");
  const refused = counted(z.object({}).refine(() => false, { message: "never" }));
  assert.throws(() => validateParams(refused.schema, {}), /never/);
  assert.equal(refused.parses(), 1, "a schema with checks goes to zod");
  const defaults = z.strictObject({ limit: z.number().default(10) });
  assert.deepEqual(validateParams(defaults, {}), { limit: 10 }, "a schema with fields goes to zod");
});
