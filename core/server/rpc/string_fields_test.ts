import assert from "node:assert/strict";
import { z } from "zod";
import { validateParams } from "./params.ts";
import { stringFieldsOf } from "./string_fields.ts";
import { RpcError } from "./wire_errors.ts";
import { counted } from "./testing/counted_schema.ts";

/** What validateParams answers: the value, or the refusal's data. */
function outcome(schema: z.ZodType, params: Record<string, unknown>): unknown {
  try {
    return { value: validateParams(schema, params) };
  } catch (error) {
    if (!(error instanceof RpcError)) throw error;
    return { code: error.code, message: error.message, data: error.data };
  }
}

/** Builds the same schema twice: one the fast path sees, one zod parses alone (disguised). */
function bothWays(build: () => z.ZodType) {
  const fast = build();
  // A refine that passes makes the schema one the fast path leaves alone: zod's own answer.
  const zodOnly = (build() as z.ZodObject).refine(() => true);
  return { fast, zodOnly };
}

const ID = z.string().min(1);

Deno.test("a strict object of length-checked string fields is read without zod, as zod answers it", () => {
  const build = () =>
    z.strictObject({ b: ID.optional(), a: z.string().min(2).max(4), c: z.string().optional() });
  const { fast, zodOnly } = bothWays(build);
  assert.notEqual(stringFieldsOf(fast), null);
  assert.equal(stringFieldsOf(zodOnly), null);
  const { schema, parses } = counted(fast);
  const cases: Record<string, unknown>[] = [
    { a: "abcd" },
    { a: "abcd", b: "xy", c: "" },
    { c: "", a: "wxyz", b: "é\u{1F600}" }, // the schema's order, not the input's
    { b: "xy", a: "abcd" },
  ];
  for (const params of cases) {
    const before = parses();
    const answer = outcome(schema, params);
    assert.equal(parses(), before, `no zod for ${JSON.stringify(params)}`);
    assert.deepEqual(answer, outcome(zodOnly, params), JSON.stringify(params));
    const value = (answer as { value: object }).value;
    assert.deepEqual(Object.keys(value), Object.keys(zodOnly.parse(params) as object));
    assert.notEqual(value, params, "a new object, as zod's");
  }
});

Deno.test("params the fast path cannot vouch for go to zod, which answers or refuses them", () => {
  const build = () => z.strictObject({ id: ID, name: z.string().max(3).optional() });
  const { fast, zodOnly } = bothWays(build);
  const { schema, parses } = counted(fast);
  const cases: Record<string, unknown>[] = [
    {}, // a required field missing
    { id: "" }, // below min_length
    { id: "x", name: "abcd" }, // above max_length
    { id: 7 }, // not a string
    { id: "x", name: undefined }, // present but undefined: zod's own answer
    { id: "x", name: null },
    { id: "x", extra: "y" }, // an unknown key
    Object.assign(Object.create({ inherited: "z" }), { id: "x" }), // an inherited key
    { id: "x" }, // shorter than twice min: zod counts code points
  ];
  for (const params of cases) {
    const before = parses();
    assert.deepEqual(outcome(schema, params), outcome(zodOnly, params), JSON.stringify(params));
    assert.equal(parses(), before + 1, `zod for ${JSON.stringify(params)}`);
  }
});

Deno.test("a minimum is counted in code points, as zod counts it: one emoji is one", () => {
  const { fast, zodOnly } = bothWays(() => z.strictObject({ code: z.string().min(2) }));
  for (const code of ["\u{1F600}", "\u{1F600}\u{1F600}", "a\u{1F600}", "ab"]) {
    assert.deepEqual(outcome(fast, { code }), outcome(zodOnly, { code }), code);
  }
  assert.ok("code" in (outcome(fast, { code: "\u{1F600}" }) as object), "one code point is short");
});

Deno.test("only strict objects of plain or length-checked strings take the fast path", () => {
  const none = [
    z.object({ id: ID }), // not strict: unknown keys are dropped, not refused
    z.strictObject({ id: ID.trim() }), // a transform
    z.strictObject({ id: z.string().regex(/x/) }),
    z.strictObject({ id: z.string().length(2) }),
    z.strictObject({ id: z.string().nullable() }),
    z.strictObject({ id: z.string().default("x") }),
    z.strictObject({ id: z.coerce.string() }),
    z.strictObject({ id: ID, n: z.number() }),
    z.strictObject({ id: ID }).refine(() => true),
    z.strictObject({}),
  ];
  for (const schema of none) assert.equal(stringFieldsOf(schema), null);
  assert.deepEqual(stringFieldsOf(z.strictObject({ id: ID.max(9), name: z.string().optional() })), [
    { key: "id", optional: false, min: 1, max: 9 },
    { key: "name", optional: true, min: 0, max: Infinity },
  ]);
});

Deno.test("the fast path keeps the string rules: NUL refused, lone surrogates replaced", () => {
  const schema = z.strictObject({ id: ID });
  assert.throws(() => validateParams(schema, { id: "a\u0000b" }), RpcError);
  assert.deepEqual(validateParams(schema, { id: "a\uD800" }), { id: "a\uFFFD" });
});
