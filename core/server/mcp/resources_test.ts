import assert from "node:assert/strict";
import { HandlerRegistry } from "../rpc/registry.ts";
import { toWireError } from "../rpc/wire_errors.ts";
import { MCP_PAGE_SIZE } from "./protocol.ts";
import { buildServer } from "../server.ts";
import { createDispatcher } from "../server_dispatcher.ts";
import { Session } from "../../sessions/mod.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";

async function setup() {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const session = new Session("internal");
  const call = (method: string, params: unknown = {}) =>
    app.dispatcher.call(method, params, { session }) as Promise<Record<string, unknown>>;
  return { app, call };
}

Deno.test("every persona is a persona://{id} resource whose read is its profile JSON", async () => {
  const { app, call } = await setup();
  try {
    const { resources } = await call("resources/list") as {
      resources: Array<{ uri: string; name: string; mimeType: string }>;
    };
    const personas = await app.services.personas.list();
    assert.deepEqual(
      resources.map((resource) => resource.uri).sort(),
      personas.flatMap((persona) => [
        `persona://${persona.id}`,
        `persona://${persona.id}/memories`,
        `persona://${persona.id}/transcript`,
      ]).sort(),
    );
    for (const resource of resources.filter((each) => /^persona:\/\/[^/]+$/.test(each.uri))) {
      const { contents } = await call("resources/read", { uri: resource.uri }) as {
        contents: Array<{ uri: string; mimeType: string; text: string }>;
      };
      assert.equal(contents[0]!.uri, resource.uri);
      assert.equal(contents[0]!.mimeType, "application/json");
      assert.deepEqual(
        JSON.parse(contents[0]!.text),
        await app.services.personas.get(resource.uri.slice(10)),
      );
    }
    const { resourceTemplates } = await call("resources/templates/list") as {
      resourceTemplates: Array<{ uriTemplate: string }>;
    };
    assert.deepEqual(resourceTemplates.map((template) => template.uriTemplate), [
      "persona://{id}",
      "persona://{id}/memories",
      "persona://{id}/transcript",
      "conversation://{id}",
    ]);
  } finally {
    await app.services.db.close();
  }
});

Deno.test("a persona resource can be read by name; unknown URIs are -32602 naming the URI", async () => {
  const { app, call } = await setup();
  try {
    const byName = await call("resources/read", { uri: "persona://kira" }) as {
      contents: Array<{ text: string }>;
    };
    assert.equal(JSON.parse(byName.contents[0]!.text).name, "Kira");
    for (
      const uri of ["persona://nobody", "persona://%E0%A4%A", "file:///etc/passwd", "persona://a/b"]
    ) {
      await assert.rejects(
        call("resources/read", { uri }),
        (error: Error & { code?: number; data?: unknown }) => {
          assert.equal(error.code, -32602, uri);
          assert.deepEqual((error.data as { uri: string }).uri, uri);
          return true;
        },
      );
    }
  } finally {
    await app.services.db.close();
  }
});

Deno.test("a cursor this server never issued is -32602", async () => {
  const { app, call } = await setup();
  try {
    for (
      const method of ["tools/list", "resources/list", "resources/templates/list", "prompts/list"]
    ) {
      await assert.rejects(
        call(method, { cursor: "page-2" }),
        (error: Error) => toWireError(error).error.code === -32602,
        method,
      );
    }
  } finally {
    await app.services.db.close();
  }
});

Deno.test("resources/list pages by MCP_PAGE_SIZE with nextCursor, each resource once", async () => {
  const { app, call } = await setup();
  try {
    for (let i = 0; i < MCP_PAGE_SIZE; i++) await call("persona.create", { name: `Extra ${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call("resources/list", cursor ? { cursor } : {}) as {
        resources: Array<{ uri: string }>;
        nextCursor?: string;
      };
      assert.ok(page.resources.length <= MCP_PAGE_SIZE);
      seen.push(...page.resources.map((resource) => resource.uri));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.ok(seen.length > 2 * MCP_PAGE_SIZE, `${seen.length} resources`);
    assert.equal(pages, Math.ceil(seen.length / MCP_PAGE_SIZE), "full pages, then the rest");
    assert.equal(new Set(seen).size, seen.length, "each resource once");
    for (const persona of await app.services.personas.list()) {
      assert.ok(seen.includes(`persona://${persona.id}`), persona.name);
    }
    const { tools, nextCursor } = await call("tools/list");
    assert.ok(Array.isArray(tools) && nextCursor === undefined, "a short list has no cursor");
  } finally {
    await app.services.db.close();
  }
});

Deno.test("persona://{id}/memories lists the persona's recent memories, newest first", async () => {
  const { app, call } = await setup();
  try {
    const kira = await app.services.personas.resolve("kira");
    for (const content of ["Found a rare map of the old library", "The map leads to a vault"]) {
      await call("memory.store", { persona_id: kira.id, content, memory_type: "observation" });
    }
    const { contents } = await call("resources/read", { uri: "persona://kira/memories" }) as {
      contents: Array<{ uri: string; mimeType: string; text: string }>;
    };
    assert.equal(contents[0]!.uri, "persona://kira/memories");
    const page = JSON.parse(contents[0]!.text);
    assert.equal(page.persona_id, kira.id);
    assert.equal(page.total, 2);
    assert.deepEqual(
      page.memories.map((memory: { content: string }) => memory.content),
      ["The map leads to a vault", "Found a rare map of the old library"],
    );
    const aria = await call("resources/read", {
      uri: `persona://${(await app.services.personas.resolve("aria")).id}/memories`,
    }) as { contents: Array<{ text: string }> };
    assert.equal(JSON.parse(aria.contents[0]!.text).total, 0, "memories are per persona");
  } finally {
    await app.services.db.close();
  }
});

Deno.test("a resource kind whose method is not served is neither listed nor read", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const only = (method: string) => app.dispatcher.registry.get(method)!;
  const registry = new HandlerRegistry(
    ["resources/list", "resources/templates/list", "resources/read"].map(only),
  );
  const dispatcher = createDispatcher(registry, app.services);
  const session = new Session("internal");
  try {
    const { resources } = await dispatcher.call("resources/list", {}, { session }) as {
      resources: Array<{ uri: string }>;
    };
    assert.ok(resources.length > 0);
    assert.ok(resources.every((resource) => /^persona:\/\/[^/]+$/.test(resource.uri)));
    await assert.rejects(
      dispatcher.call("resources/read", { uri: "persona://kira/memories" }, { session }),
      (error: Error & { code?: number }) => error.code === -32602,
    );
  } finally {
    await app.services.db.close();
  }
});
