/**
 * Test support for fuzzing: fast-check arbitraries of JSON-RPC frames (garbage, broken envelopes,
 * batches, deep nesting, and requests of every method with params drawn from its own schema,
 * near-valid and hostile) and a checker of the replies: valid JSON-RPC, never -32603.
 *
 * @module
 */
import fc from "fast-check";
import { z } from "zod";
import type { JsonSchema } from "../core/server/docs/schema_text.ts";
import type { Handler } from "../core/server/define_handler.ts";

export { checkReply, type ReplyCheck } from "./_fuzz_reply.ts";

/** A method and the JSON Schema of its params. */
export interface MethodShape {
  method: string;
  schema: JsonSchema;
}

/** The shapes of `handlers` (their params as JSON Schema, as MCP's tool listing has them). */
export function methodShapes(handlers: readonly Handler[]): MethodShape[] {
  return handlers.map((handler) => ({
    method: handler.method,
    schema: z.toJSONSchema(handler.params, { io: "input", unrepresentable: "any" }) as JsonSchema,
  }));
}

/** Strings a server may choke on: empty, huge, control characters, lone surrogates, lookalikes. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\ud800",
    "aria",
    "Aria",
    "ARIA",
    "kira",
    "null",
    "__proto__",
    "constructor",
    "../../etc/passwd",
    "persona://aria",
    "'; DROP TABLE personas; --",
    "%s%n",
    "a".repeat(5_000),
  ),
);

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -1, 1, 0.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e-308, 5e-324),
);

/** Any JSON value, hostile strings and numbers included. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    nastyNumber,
    nastyString,
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(nastyString, tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** What fills params besides the schema: ids of things that exist, so handlers run deep. */
export interface FuzzWorld {
  /** Ids (and names) of existing personas. */
  personas: readonly string[];
}

const PERSONA_FIELD = /persona(\d)?_id$|^target_persona_id$|^participants$/;

/** A value shaped by `schema` (mostly valid, sometimes at or past its limits) or anything. */
function valueFor(schema: JsonSchema, world: FuzzWorld, name = ""): fc.Arbitrary<unknown> {
  if (PERSONA_FIELD.test(name) && world.personas.length > 0) {
    const persona = fc.constantFrom(...world.personas);
    const value = schema.type === "array"
      ? fc.uniqueArray(persona, { minLength: 2, maxLength: 3 })
      : persona;
    return fc.oneof({ weight: 24, arbitrary: value }, { weight: 1, arbitrary: anyJson });
  }
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => valueFor(choice, world, name)), anyJson);
  if (schema.enum) {
    return fc.oneof({ weight: 24, arbitrary: fc.constantFrom(...schema.enum) }, {
      weight: 1,
      arbitrary: anyJson,
    });
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const hostile = (valid: fc.Arbitrary<unknown>, ...edges: fc.Arbitrary<unknown>[]) =>
    fc.oneof(
      { weight: 24, arbitrary: valid },
      ...edges.map((arbitrary) => ({ weight: 1, arbitrary })),
    );
  switch (type) {
    case "string": {
      const max = schema.maxLength ?? 64;
      const valid = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern))
        : schema.format === "date-time"
        ? fc.date({ min: new Date(0), max: new Date(), noInvalidDate: true }).map((date) =>
          date.toISOString()
        )
        : fc.string({
          minLength: Math.max(1, schema.minLength ?? 1),
          maxLength: Math.min(max, 80),
        });
      // One past the limit, for the limits that fit a frame several times over.
      const past = max < 10_000 ? [fc.constant("x".repeat(max + 1))] : [];
      return hostile(valid, ...past, nastyString, anyJson);
    }
    case "integer":
    case "number": {
      const low = Math.max(schema.minimum ?? schema.exclusiveMinimum ?? -1000, -1e9);
      const high = Math.min(schema.maximum ?? schema.exclusiveMaximum ?? 1000, 1e9);
      // Valid values stay near the low end: a count (ticks, limit) is then cheap to honour, so a
      // slow answer is a hang, not a large job. Past either end, values are refused at once.
      const top = Math.min(high, low + 16);
      const valid = type === "integer"
        ? fc.integer({ min: Math.ceil(low), max: Math.floor(top) })
        : fc.double({ min: low, max: top, noNaN: true, noDefaultInfinity: true });
      return hostile(valid, fc.constantFrom(low - 1, high + 1), nastyNumber, anyJson);
    }
    case "boolean":
      return hostile(fc.boolean(), anyJson);
    case "array":
      return hostile(
        fc.array(valueFor(schema.items ?? {}, world), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 6, 6),
        }),
        anyJson,
      );
    case "object":
      return paramsFor(schema, world);
    default:
      return anyJson;
  }
}

/** Params for an object schema: its own fields with shaped values, some missing, some extra. */
export function paramsFor(
  schema: JsonSchema,
  world: FuzzWorld = { personas: [] },
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const record = (requiredKeys: string[]) =>
    Object.keys(properties).length === 0 ? fc.constant({}) : fc.record(
      Object.fromEntries(
        Object.entries(properties).map(([name, field]) => [name, valueFor(field, world, name)]),
      ),
      { requiredKeys },
    );
  const required = (schema.required ?? []).filter((name) => name in properties);
  return fc.oneof(
    { weight: 8, arbitrary: record(required) },
    { weight: 2, arbitrary: record([]) },
    {
      weight: 1,
      arbitrary: fc.tuple(record([]), fc.dictionary(nastyString, anyJson, { maxKeys: 2 })).map((
        [known, extra],
      ) => ({ ...extra, ...(known as object) })),
    },
    { weight: 1, arbitrary: anyJson },
  );
}

/** A request id: mostly unique numbers, sometimes strings, null, or invalid ones. */
const requestId: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 2 ** 31 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.double(), fc.boolean(), fc.array(fc.integer()), fc.object()),
  },
);

/** One JSON-RPC message (request or notification) for one of `methods`, or a broken one. */
export function messageArbitrary(
  methods: readonly MethodShape[],
  world: FuzzWorld = { personas: [] },
): fc.Arbitrary<unknown> {
  // Built once per method: chain() would rebuild them for every sample, which is slow.
  const known = fc.oneof(
    ...methods.map((shape) =>
      fc.record({
        jsonrpc: fc.constant("2.0"),
        method: fc.constant(shape.method),
        params: paramsFor(shape.schema, world),
        id: requestId,
      }, { requiredKeys: ["jsonrpc", "method"] })
    ),
  );
  const broken = fc.record({
    jsonrpc: fc.oneof(fc.constant("2.0"), fc.constant("1.0"), anyJson),
    method: fc.oneof(
      fc.constantFrom(...methods.map((shape) => shape.method)),
      nastyString,
      anyJson,
    ),
    params: anyJson,
    id: requestId,
  }, { requiredKeys: [] });
  return fc.oneof({ weight: 5, arbitrary: known }, { weight: 2, arbitrary: broken }, {
    weight: 1,
    arbitrary: anyJson,
  });
}

/** Nesting of arrays and objects `depth` deep, as text. */
function nested(depth: number, kind: "array" | "object"): string {
  return kind === "array"
    ? "[".repeat(depth) + "]".repeat(depth)
    : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** One text frame: a message, a batch (empty, small, over MAX_BATCH), deep nesting or garbage. */
export function frameArbitrary(
  methods: readonly MethodShape[],
  world: FuzzWorld = { personas: [] },
): fc.Arbitrary<string> {
  const message = messageArbitrary(methods, world);
  return fc.oneof(
    { weight: 12, arbitrary: message.map((value) => JSON.stringify(value) ?? "null") },
    {
      weight: 3,
      arbitrary: fc.array(message, { minLength: 0, maxLength: 8 }).map((batch) =>
        JSON.stringify(batch)
      ),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 51, max: 400 }).map((size) =>
        JSON.stringify(
          Array.from({ length: size }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "ping" })),
        )
      ),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 60, max: 3_000 }), fc.constantFrom("array", "object"))
        .map(([depth, kind]) =>
          `{"jsonrpc":"2.0","id":1,"method":"memory.store","params":{"content":"x","metadata":${
            nested(depth, kind as "array" | "object")
          }}}`
        ),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: message.map((value) => (JSON.stringify(value) ?? "").slice(0, -3)),
    },
  );
}
