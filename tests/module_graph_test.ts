import assert from "node:assert/strict";
import {
  depth,
  findBackEdges,
  findCycles,
  findForbidden,
  loadModuleGraph,
  type ModuleGraph,
  sourceFiles,
  wingOf,
} from "./_module_graph.ts";
import { REPO_ROOT } from "./_helpers.ts";

/** Every production module: the entry point, the core, the handlers and the plugins. */
function productionEntries(): string[] {
  return ["main.ts", ...sourceFiles(REPO_ROOT, ["core", "handlers", "plugins"])];
}

function graphOf(edges: Record<string, string[]>): ModuleGraph {
  return new Map(Object.entries(edges));
}

function describeCycles(cycles: string[][]): string {
  return cycles.map((cycle) => cycle.join(" → ")).join("\n");
}

Deno.test("the module graph has no import cycle", async () => {
  const graph = await loadModuleGraph(REPO_ROOT, productionEntries());
  assert.ok(graph.size > 100, `the graph was read (${graph.size} modules)`);
  const cycles = findCycles(graph);
  assert.deepEqual(cycles, [], `import cycles:\n${describeCycles(cycles)}`);
});

Deno.test("no domain module imports the edge wing (core/server, handlers, plugins, hono, MCP SDK)", async () => {
  const graph = await loadModuleGraph(REPO_ROOT, productionEntries());
  const backEdges = findBackEdges(graph);
  const named = backEdges.map(({ from, to }) => `${from} imports ${to}`).join("\n");
  assert.deepEqual(backEdges, [], `domain → edge imports:\n${named}`);
});

Deno.test("inside the edge, layers point one way: rpc/ is generic, mcp/ and transports sit below the handlers", async () => {
  const graph = await loadModuleGraph(REPO_ROOT, productionEntries());
  const broken = findForbidden(graph, [
    // The dispatcher and the handler shape know no services, no handlers, no MCP, no transport.
    {
      from: "core/server/rpc/",
      to: [
        "core/services.ts",
        "core/server/define_handler.ts",
        "handlers/",
        "core/server/mcp/",
        "core/server/transport/",
        "core/server/rest/",
      ],
    },
    // Handlers build on mcp/ and the connection loop carries them: neither imports a handler.
    { from: "core/server/mcp/", to: ["handlers/", "core/server/rest/", "core/server/transport/"] },
    { from: "core/server/transport/", to: ["handlers/", "core/server/rest/"] },
  ]);
  const named = broken.map(({ from, to }) => `${from} imports ${to}`).join("\n");
  assert.deepEqual(broken, [], `imports against the edge's layers:\n${named}`);
});

Deno.test("a synthetic graph: a layer rule names the module that breaks it", () => {
  const graph = graphOf({
    "core/server/rpc/dispatcher.ts": ["core/services.ts", "core/server/rpc/handler.ts"],
    "core/server/rpc/dispatcher_test.ts": ["core/services.ts"],
    "core/server/rest/app.ts": ["handlers/persona/list.ts"],
  });
  assert.deepEqual(findForbidden(graph, [{ from: "core/server/rpc/", to: ["core/services.ts"] }]), [
    { from: "core/server/rpc/dispatcher.ts", to: "core/services.ts" },
  ]);
});

Deno.test("wings: core/server, handlers, plugins and main.ts are the edge; the rest of core is the domain", () => {
  assert.equal(wingOf("core/server/rpc/dispatcher.ts"), "edge");
  assert.equal(wingOf("core/server/transport/connection.ts"), "edge");
  assert.equal(wingOf("handlers/persona/create.ts"), "edge");
  assert.equal(wingOf("plugins/visual/mod.ts"), "edge");
  assert.equal(wingOf("main.ts"), "edge");
  assert.equal(wingOf("npm:hono"), "edge");
  assert.equal(wingOf("npm:@modelcontextprotocol/sdk"), "edge");
  assert.equal(wingOf("core/personas/service.ts"), "domain");
  assert.equal(wingOf("core/services.ts"), "domain");
  assert.equal(wingOf("core/errors.ts"), "domain");
  assert.equal(wingOf("npm:zod"), "other");
  assert.equal(wingOf("core/memory/testing/contract.ts"), "test");
  assert.equal(wingOf("core/personas/service_test.ts"), "test");
  assert.equal(wingOf("tests/_helpers.ts"), "test");
});

Deno.test("a synthetic graph: cycles are found and named, type-only or not, self-imports included", () => {
  const graph = graphOf({
    "core/a.ts": ["core/b.ts"],
    "core/b.ts": ["core/c.ts"],
    "core/c.ts": ["core/a.ts", "core/d.ts"],
    "core/d.ts": [],
    "core/e.ts": ["core/e.ts"],
    "core/f.ts": ["core/d.ts"],
  });
  assert.deepEqual(findCycles(graph), [
    ["core/a.ts", "core/b.ts", "core/c.ts", "core/a.ts"],
    ["core/e.ts", "core/e.ts"],
  ]);
  const acyclic = graphOf({
    "core/a.ts": ["core/b.ts"],
    "core/b.ts": [],
    "core/c.ts": ["core/b.ts"],
  });
  assert.deepEqual(findCycles(acyclic), []);
  assert.equal(depth(acyclic), 2);
});

Deno.test("a synthetic graph: a domain → edge import is named; edge → domain and tests are allowed", () => {
  const graph = graphOf({
    "core/sessions/session.ts": ["core/server/rpc/envelope.ts"],
    "core/memory/search.ts": ["npm:hono", "npm:zod"],
    "core/server/rpc/envelope.ts": ["core/errors.ts"],
    "handlers/persona/get.ts": ["core/personas/mod.ts", "core/server/define_handler.ts"],
    "core/memory/testing/contract.ts": ["core/server/server.ts"],
    "core/personas/service_test.ts": ["tests/_helpers.ts", "core/server/server.ts"],
    "core/errors.ts": [],
  });
  assert.deepEqual(findBackEdges(graph), [
    { from: "core/memory/search.ts", to: "npm:hono" },
    { from: "core/sessions/session.ts", to: "core/server/rpc/envelope.ts" },
  ]);
});

Deno.test("a synthetic project read by deno info: a type-only cycle and a back-edge are caught", async () => {
  const root = await Deno.makeTempDir({ prefix: "synthetic-project-" });
  try {
    const files: Record<string, string> = {
      "core/sessions/session.ts":
        'import type { Id } from "../server/rpc/envelope.ts";\nexport const x: Id = 1;\n',
      "core/server/rpc/envelope.ts":
        'import type { Registry } from "./registry.ts";\nexport type Id = number;\nexport type R = Registry;\n',
      "core/server/rpc/registry.ts":
        'import type { Id } from "./envelope.ts";\nexport type Registry = Map<Id, string>;\n',
      "core/clean.ts": 'import { x } from "./sessions/session.ts";\nexport const y = x;\n',
    };
    for (const [path, source] of Object.entries(files)) {
      await Deno.mkdir(`${root}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
      await Deno.writeTextFile(`${root}/${path}`, source);
    }
    const graph = await loadModuleGraph(root, sourceFiles(root, ["core"]));
    assert.deepEqual(
      describeCycles(findCycles(graph)),
      [
        "core/server/rpc/envelope.ts → core/server/rpc/registry.ts → core/server/rpc/envelope.ts",
      ].join("\n"),
    );
    assert.deepEqual(findBackEdges(graph), [
      { from: "core/sessions/session.ts", to: "core/server/rpc/envelope.ts" },
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
