import assert from "node:assert/strict";
import { z } from "zod";
import { buildRegistry } from "../server_dispatcher.ts";
import { plugins } from "../../../plugins/_manifest.gen.ts";
import { META_KEYS } from "./modern.ts";
import { listTools, TOOLS } from "./tools.ts";

const registry = buildRegistry(plugins);
const legacy = { registry, meta: undefined };
const modern = {
  registry,
  meta: { [META_KEYS.protocolVersion]: "2026-07-28", [META_KEYS.clientCapabilities]: {} },
};

Deno.test("tool names are unique and safe for Claude Desktop ([a-zA-Z0-9_-]{1,64})", () => {
  const names = TOOLS.map((tool) => tool.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.match(name, /^[a-zA-Z0-9_-]{1,64}$/);
});

Deno.test("every tool maps to a served method and is listed to a session; stateless callers miss the session-bound ones", () => {
  const listed = listTools(legacy).map((tool) => tool.name);
  assert.deepEqual(listed, TOOLS.map((tool) => tool.name));
  const stateless = listTools(modern).map((tool) => tool.name);
  assert.deepEqual(
    stateless,
    listed.filter((name) => name !== "persona_switch" && name !== "session_get_info"),
  );
});

Deno.test("each inputSchema is generated from the zod schema its method validates with", () => {
  for (const scope of [legacy, modern]) {
    for (const tool of listTools(scope)) {
      const spec = TOOLS.find((candidate) => candidate.name === tool.name)!;
      let schema = registry.get(spec.method)!.params;
      if (spec.streaming) {
        schema = (schema as z.ZodObject).omit(
          { [spec.streaming.param]: true } as Record<string, true>,
        );
      }
      const expected = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
      const { properties, required, ...rest } = tool.inputSchema as typeof expected;
      const { properties: wanted, required: wantedRequired, ...wantedRest } = expected;
      assert.deepEqual(rest, wantedRest, tool.name);
      assert.deepEqual(Object.keys(properties ?? {}), Object.keys(wanted ?? {}), tool.name);
      for (const [name, property] of Object.entries(wanted ?? {})) {
        const listed = (properties ?? {})[name] as Record<string, unknown>;
        if (name !== spec.persona) {
          assert.deepEqual(listed, property, `${tool.name}.${name}`);
          continue;
        }
        // The persona argument gains a description saying it takes an id or a name.
        const { description, ...shape } = listed;
        const { description: _own, ...wantedShape } = property as Record<string, unknown>;
        assert.deepEqual(shape, wantedShape, `${tool.name}.${name}`);
        assert.match(String(description), /its id or its name/);
      }
      const personaRequired = scope === modern && spec.persona !== undefined;
      const extra = personaRequired && !(wantedRequired ?? []).includes(spec.persona!)
        ? [spec.persona!]
        : [];
      assert.deepEqual(required ?? [], [...(wantedRequired ?? []), ...extra], tool.name);
      assert.equal(tool.inputSchema.type, "object");
      assert.equal(
        tool.inputSchema.additionalProperties,
        false,
        `${tool.name} refuses unknown args`,
      );
    }
  }
});

Deno.test("every tool has a description, a title and all four annotations, set as its effect is", () => {
  const tools = listTools(legacy);
  for (const tool of tools) {
    assert.ok(tool.description.length > 20, tool.name);
    assert.equal(tool.annotations.title, tool.title);
    for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]) {
      const value = (tool.annotations as unknown as Record<string, unknown>)[hint];
      assert.equal(typeof value, "boolean", `${tool.name}.${hint}`);
    }
    // Closed world: only this server's data and its local model.
    assert.equal(tool.annotations.openWorldHint, false, tool.name);
    if (tool.annotations.readOnlyHint) assert.equal(tool.annotations.destructiveHint, false);
  }
  const names = (test: (a: (typeof tools)[number]["annotations"]) => boolean) =>
    tools.filter((tool) => test(tool.annotations)).map((tool) => tool.name);
  assert.deepEqual(names((a) => a.readOnlyHint), [
    "persona_list",
    "persona_get",
    "memory_search",
    "memory_list",
    "memory_block_list",
    "memory_block_get",
    "memory_jobs",
    "relationship_get",
    "simulation_run",
    "lorebook_list",
    "room_get_history",
    "session_get_info",
  ]);
  // What overwrites or deletes data, so that a client asks the user first.
  assert.deepEqual(names((a) => a.destructiveHint), [
    "persona_update",
    "persona_delete",
    "memory_update",
    "memory_delete",
    "memory_block_set",
    "relationship_update",
  ]);
  // Of the tools that change something, those that change nothing more when called again.
  assert.deepEqual(names((a) => !a.readOnlyHint && a.idempotentHint), [
    "persona_switch",
    "persona_update",
    "persona_delete",
    "memory_update",
    "memory_delete",
    "memory_block_set",
    "dialogue_end",
    "lorebook_attach",
    "room_join",
    "room_leave",
  ]);
});

Deno.test("a tool whose method is not served (a disabled plugin) is not listed", () => {
  const partial = buildRegistry([]);
  const withMissing = [...TOOLS, { ...TOOLS[0]!, name: "ghost_tool", method: "ghost.method" }];
  const names = listTools({ registry: partial, meta: undefined }, withMissing).map((t) => t.name);
  assert.ok(!names.includes("ghost_tool"));
  assert.ok(names.includes("persona_list"));
});
