import assert from "node:assert/strict";
import { z } from "zod";
import { buildRegistry } from "../server.ts";
import { plugins } from "../../../plugins/_manifest.gen.ts";
import { listTools, TOOLS } from "./tools.ts";

const registry = buildRegistry(plugins);

Deno.test("tool names are unique and safe for Claude Desktop ([a-zA-Z0-9_-]{1,64})", () => {
  const names = TOOLS.map((tool) => tool.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.match(name, /^[a-zA-Z0-9_-]{1,64}$/);
});

Deno.test("every tool maps to a served method and is listed", () => {
  const listed = listTools(registry).map((tool) => tool.name);
  assert.deepEqual(listed, TOOLS.map((tool) => tool.name));
});

Deno.test("each inputSchema is generated from the zod schema its method validates with", () => {
  for (const tool of listTools(registry)) {
    const spec = TOOLS.find((candidate) => candidate.name === tool.name)!;
    const handler = registry.get(spec.method)!;
    let schema = handler.params;
    if (spec.streaming) {
      schema = (schema as z.ZodObject).omit(
        { [spec.streaming.param]: true } as Record<string, true>,
      );
    }
    assert.deepEqual(
      tool.inputSchema,
      z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }),
    );
    assert.equal(tool.inputSchema.type, "object");
    assert.equal(tool.inputSchema.additionalProperties, false, `${tool.name} refuses unknown args`);
  }
});

Deno.test("every tool has a description, a title and all four annotations", () => {
  for (const tool of listTools(registry)) {
    assert.ok(tool.description.length > 20, tool.name);
    assert.equal(tool.annotations.title, tool.title);
    for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"]) {
      assert.equal(
        typeof (tool.annotations as unknown as Record<string, unknown>)[hint],
        "boolean",
      );
    }
    // Nothing here deletes data: a destructive tool would need the user's confirmation.
    assert.equal(tool.annotations.destructiveHint, false, tool.name);
  }
  const readOnly = listTools(registry).filter((tool) => tool.annotations.readOnlyHint);
  assert.deepEqual(readOnly.map((tool) => tool.name), [
    "persona_list",
    "persona_get",
    "memory_search",
    "relationship_get",
    "session_get_info",
  ]);
});

Deno.test("a tool whose method is not served (a disabled plugin) is not listed", () => {
  const partial = buildRegistry([]);
  const withMissing = [...TOOLS, { ...TOOLS[0]!, name: "ghost_tool", method: "ghost.method" }];
  const names = listTools(partial, withMissing).map((tool) => tool.name);
  assert.ok(!names.includes("ghost_tool"));
  assert.ok(names.includes("persona_list"));
});
