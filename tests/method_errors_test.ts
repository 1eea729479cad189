/**
 * The errors the method reference lists for each method (its handler's `errors`) are the ones it
 * raises. Every method (all plugins on) is probed with params drawn from its own schema, with the
 * language model and the memory store out of reach: without a persona (and none active), with
 * personas that do not exist, and with real ones. A server code seen must be declared; a persona
 * or memory error declared must be seen. No probe may end in an internal error.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { AppError, type ErrorCode } from "../core/errors.ts";
import type { Handler } from "../core/server/define_handler.ts";
import type { JsonSchema } from "../core/server/docs/schema_text.ts";
import { RpcCode, toWireError } from "../core/server/rpc/wire_errors.ts";
import { buildServer } from "../core/server/server.ts";
import { plugins } from "../plugins/_manifest.gen.ts";
import { testConfig, testLogger } from "./_helpers.ts";

/** The domain errors a server code can come from. */
const DOMAINS_OF_CODE = new Map<number, ErrorCode[]>([
  [RpcCode.PersonaNotFound, ["persona_not_found"]],
  [RpcCode.NoActivePersona, ["no_active_persona"]],
  [RpcCode.MemoryError, ["memory_unavailable"]],
  [RpcCode.LlmError, ["llm_unavailable", "busy", "embedder_invalid"]],
  [RpcCode.PersonaUnavailable, ["persona_unavailable"]],
]);

/** Declared errors that every probe must be able to show (the others depend on state). */
const MUST_BE_SEEN: readonly ErrorCode[] = [
  "persona_not_found",
  "no_active_persona",
  "memory_unavailable",
];

const PERSONA_FIELD = /persona(\d)?_id$|^participants$/;

/** A value of `schema`'s type within its limits. */
function sample(schema: JsonSchema, fill: Fill, name = ""): unknown {
  if (PERSONA_FIELD.test(name)) return fill.persona(name);
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (choice) return sample(choice, fill, name);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return schema.format === "date-time" ? new Date(0).toISOString() : "probe";
    case "integer":
    case "number":
      return schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 0.5;
    case "boolean":
      return false;
    case "array":
      return Array.from(
        { length: schema.minItems ?? 0 },
        () => sample(schema.items ?? {}, fill),
      );
    case "object":
      return params(schema, fill);
    default:
      return null;
  }
}

/** How to fill params: persona fields, and whether optional fields are given too. */
interface Fill {
  /** The value of a persona field (`persona_id`, `participants`...); undefined leaves it out. */
  persona: (name: string) => unknown;
  /** Give the optional fields too. */
  full: boolean;
}

/** Params for an object schema: required fields (all with `full`), persona fields as `fill` says. */
function params(schema: JsonSchema, fill: Fill): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const personaField = PERSONA_FIELD.test(name);
    if (!required.has(name) && !personaField && !fill.full) continue;
    const value = sample(field, fill, name);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** The persona fields of an object schema. */
function personaFields(schema: JsonSchema): string[] {
  return Object.keys(schema.properties ?? {}).filter((name) => PERSONA_FIELD.test(name));
}

/** The persona a field names in each situation: none, one that does not exist, a real one. */
type Who = "none" | "nobody" | "real";

/** The situations a method is called in: who its persona fields name, which fields are given. */
function situations(schema: JsonSchema): Array<{ who: Who; only?: string; full: boolean }> {
  const list: Array<{ who: Who; only?: string; full: boolean }> = [];
  for (const full of [false, true]) {
    list.push({ who: "none", full }, { who: "nobody", full }, { who: "real", full });
    // One persona field alone reaches branches that several together skip.
    for (const only of personaFields(schema)) list.push({ who: "nobody", only, full });
  }
  return list;
}

/** The domain errors seen when calling `handler` in every situation. */
async function probe(handler: Handler): Promise<Set<ErrorCode>> {
  const seen = new Set<ErrorCode>();
  const json = z.toJSONSchema(handler.params, {
    io: "input",
    unrepresentable: "any",
  }) as JsonSchema;
  for (const situation of situations(json)) {
    // A fresh server each time: a probe may delete a persona or start a schedule.
    const app = await buildServer(
      testConfig({
        PLUGINS: plugins.map((plugin) => plugin.name).join(","),
        OLLAMA_HOST: "http://127.0.0.1:9",
        OLLAMA_TIMEOUT_MS: "2000",
        MEMORY_BACKEND: "chroma",
        CHROMA_URL: "http://127.0.0.1:9",
        CHROMA_TIMEOUT_MS: "2000",
      }),
      { log: testLogger(), databasePath: ":memory:" },
    );
    try {
      const [aria, kira] = await app.services.personas.list();
      const ids = { "nobody": ["nobody-1", "nobody-2"], "real": [aria!.id, kira!.id] };
      const persona = (name: string): unknown => {
        if (situation.who === "none") return undefined;
        if (situation.only !== undefined && name !== situation.only) return undefined;
        const [first, second] = ids[situation.who];
        return name === "participants" ? [first, second] : name.includes("2") ? second : first;
      };
      const session = app.services.sessions.open("rest");
      if (situation.who === "real") session.activePersonaId = aria!.id;
      const values = params(json, { persona, full: situation.full });
      try {
        await app.dispatcher.call(handler, values, { session });
      } catch (thrown) {
        const { error, internal } = toWireError(thrown);
        assert.ok(!internal, `${handler.method} failed inside: ${(thrown as Error).stack}`);
        const domains = DOMAINS_OF_CODE.get(error.code) ?? [];
        // A domain error names itself (-32003 is one of three); a wire error only has its code.
        const own = thrown instanceof AppError && domains.includes(thrown.code);
        for (const domain of own ? [thrown.code] : domains) seen.add(domain);
      }
    } finally {
      await app.services.memory.close();
      await app.services.db.close();
    }
  }
  return seen;
}

/** Declared errors no schema-drawn probe can reach, and why. */
const UNREACHABLE: Record<string, { error: ErrorCode; why: string }> = {
  "resources/read": {
    error: "memory_unavailable",
    why: "needs a persona://{id}/memories URI, which the schema (any string) does not tell",
  },
  "conversation.turn": {
    error: "persona_not_found",
    why: "a participant deleted while its turn is being generated: a race",
  },
};

Deno.test("each method declares the server errors it raises, and raises those it declares", async () => {
  const app = await buildServer(
    testConfig({ PLUGINS: plugins.map((plugin) => plugin.name).join(",") }),
    { log: testLogger(), databasePath: ":memory:" },
  );
  const handlers = app.dispatcher.registry.list();
  await app.services.db.close();
  const problems: string[] = [];
  for (const handler of handlers) {
    const seen = await probe(handler);
    const declared = new Set(handler.errors ?? []);
    for (const domain of seen) {
      // A -32003 is llm_unavailable or busy: either declared covers it.
      const alike = domain === "busy" || domain === "llm_unavailable";
      const covered = declared.has(domain) ||
        (alike && (declared.has("busy") || declared.has("llm_unavailable")));
      if (!covered) problems.push(`${handler.method} raises ${domain} undeclared`);
    }
    for (const domain of MUST_BE_SEEN) {
      if (UNREACHABLE[handler.method]?.error === domain) continue;
      if (declared.has(domain) && !seen.has(domain)) {
        problems.push(`${handler.method} declares ${domain}, never raised`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
