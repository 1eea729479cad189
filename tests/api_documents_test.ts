/**
 * The OpenAPI and OpenRPC documents: valid against their meta-schemas (npm validators), covering
 * every route of the REST app and every method of the registry, and every documented example
 * request succeeding on a fresh server (ids filled in from fixtures).
 */
import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv } from "ajv";
import metaSchemaModule from "@open-rpc/meta-schema";
import { plugins } from "../plugins/_manifest.gen.ts";
import { buildServer, type ServerParts } from "../core/server/server.ts";
import { documentRoutes, routeDocTables } from "../core/server/docs/document_routes.ts";
import { openApiPath } from "../core/server/docs/openapi.ts";
import { DISCOVER_METHOD } from "../core/server/docs/openrpc.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { testConfig, testLogger } from "./_helpers.ts";

// deno-lint-ignore no-explicit-any
type Json = Record<string, any>;

const ALL_PLUGINS = plugins.map((plugin) => plugin.name).join(",");

async function withServer<T>(
  env: Record<string, string>,
  work: (app: ServerParts) => Promise<T>,
): Promise<T> {
  const app = await buildServer(testConfig({ PLUGINS: ALL_PLUGINS, ...env }), {
    log: testLogger(),
    databasePath: ":memory:",
  });
  try {
    return await work(app);
  } finally {
    await app.edge.simulations.close();
    await app.services.memory.close();
    app.services.db.close();
  }
}

async function getJson(app: ServerParts, path: string): Promise<Json> {
  const response = await app.rest.request(path);
  assert.equal(response.status, 200, path);
  return await response.json();
}

Deno.test("the OpenAPI document is valid OpenAPI 3.1 and has exactly the app's routes", async () => {
  await withServer({}, async (app) => {
    const document = await getJson(app, "/api/openapi.json");
    const result = await new Validator().validate(document);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(document.openapi, "3.1.0");

    const routes = documentRoutes(app.rest.routes, routeDocTables(app.plugins));
    const documented = Object.entries(document.paths as Json).flatMap(([path, operations]) =>
      Object.keys(operations).map((verb) => `${verb.toUpperCase()} ${path}`)
    ).sort();
    const served = routes.map((route) => {
      const [verb, path] = route.key.split(" ") as [string, string];
      return `${verb} ${openApiPath(path)}`;
    }).sort();
    assert.deepEqual(documented, served);
    assert.ok(served.includes("PUT /api/sessions/{id}/visual"), "plugin routes too");

    // The body schema is the method's own zod schema: a field limit shows through.
    const create = document.paths["/api/personas"].post;
    const name = create.requestBody.content["application/json"].schema.properties.name;
    assert.deepEqual([name.minLength, name.maxLength], [1, 64]);
    // Path parameters come out of the body: memory.store's persona_id is the path's {id}.
    const store = document.paths["/api/personas/{id}/memories"].post;
    const storeBody = store.requestBody.content["application/json"].schema;
    assert.ok(!("persona_id" in storeBody.properties));
    assert.ok(storeBody.required.includes("content"));
    // Errors: each declared domain error with its status.
    assert.ok(document.paths["/api/personas/{id}"].get.responses["404"]);
    assert.ok(document.paths["/api/personas/{id}/chat"].post.responses["503"]);
  });
});

Deno.test("the OpenRPC document is valid OpenRPC, lists every method, and rpc.discover answers it", async () => {
  await withServer({}, async (app) => {
    const document = await getJson(app, "/api/openrpc.json");
    // The meta-schema names a draft-07 dialect by a URL of its own; Ajv reads it as draft-07.
    const { $schema: _, ...metaSchema } = metaSchemaModule as unknown as Json;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(metaSchema);
    assert.equal(validate(document), true, JSON.stringify(validate.errors, null, 2));
    // Each method's params are JSON Schemas themselves.
    for (const method of document.methods) {
      for (const param of method.params) {
        if (!JSON.stringify(param.schema).includes("$ref")) ajv.compile(param.schema);
      }
    }
    const methods = document.methods.map((method: Json) => method.name).sort();
    const registered = app.dispatcher.registry.methods().filter((m) => m !== DISCOVER_METHOD);
    assert.deepEqual(methods, registered);
    assert.ok(methods.includes("visual.update"), "plugin methods too");

    const discovered = await app.rest.request("/api/rpc", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "rpc.discover" }),
    });
    assert.deepEqual((await discovered.json()).result, document);

    const search = document.methods.find((m: Json) => m.name === "memory.search");
    const query = search.params.find((p: Json) => p.name === "query");
    assert.equal(query.required, true);
    assert.deepEqual([query.schema.minLength, query.schema.maxLength], [1, 2000]);
    assert.ok(search.errors.some((e: Json) => e.code === -32000), "persona not found");
  });
});

/** Ids the examples name, made on demand on each fresh server. */
class Fixtures {
  readonly #app: ServerParts;
  readonly #made = new Map<string, string>();

  constructor(app: ServerParts) {
    this.#app = app;
  }

  async #make(name: string): Promise<string> {
    const app = this.#app;
    const aria = (await app.services.personas.resolve("Aria")).id;
    const kira = (await app.services.personas.resolve("Kira")).id;
    const session = app.services.sessions.open("rest");
    const call = (method: string, params: unknown) =>
      app.dispatcher.call(method, params, { session }) as Promise<Json>;
    switch (name) {
      case "persona_id":
        return aria;
      case "other_persona_id":
        return kira;
      case "memory_id":
        return (await call("memory.store", { persona_id: aria, content: "A fixture memory" }))
          .memory_id;
      case "conversation_id":
        return (await call("conversation.start", { participants: [aria, kira] }))
          .conversation_id;
      case "session_id":
        return session.id;
      case "block_label":
        await call("memory.block_set", { persona_id: aria, label: "world", content: "Vell" });
        return "world";
      case "run_id": {
        const run = await app.edge.simulations.start({
          scenario: "tavern_evening",
          ticks: 3,
          model: "scripted",
        });
        await app.edge.simulations.settled(run.run_id);
        return run.run_id;
      }
    }
    throw new Error(`unknown placeholder {${name}}`);
  }

  /** `value` with every `{name}` placeholder replaced by a real id. */
  async fill<T>(value: T): Promise<T> {
    let text = JSON.stringify(value);
    for (const [, name] of text.matchAll(/\{([a-z_]+)\}/g)) {
      if (!this.#made.has(name!)) this.#made.set(name!, await this.#make(name!));
      text = text.replaceAll(`{${name}}`, this.#made.get(name!)!);
    }
    return JSON.parse(text);
  }
}

Deno.test("every documented example request succeeds: OpenAPI routes and OpenRPC methods", async () => {
  const fake = FakeOllama.start();
  try {
    const env = { OLLAMA_HOST: fake.url };
    const { openApi, openRpc } = await withServer(env, async (app) => ({
      openApi: await getJson(app, "/api/openapi.json"),
      openRpc: await getJson(app, "/api/openrpc.json"),
    }));
    const routes = await withServer(
      env,
      (app) => Promise.resolve(documentRoutes(app.rest.routes, routeDocTables(app.plugins))),
    );
    let routesTried = 0;
    for (const route of routes) {
      const example = route.doc.example;
      if (!example) continue;
      const [verb, routePath] = route.key.split(" ") as [string, string];
      const operation = openApi.paths[openApiPath(routePath)][verb.toLowerCase()];
      // The document shows the example that is sent here.
      if (example.body !== undefined) {
        assert.deepEqual(
          operation.requestBody.content["application/json"].example,
          example.body,
          `${route.key} shows its example body`,
        );
      }
      await withServer(env, async (app) => {
        const fixtures = new Fixtures(app);
        let url = routePath;
        for (const [name, value] of Object.entries(example.path ?? {})) {
          url = url.replace(`:${name}`, await fixtures.fill(value));
        }
        assert.ok(!url.includes(":"), `${route.key}: the example fills every path part`);
        const query = new URLSearchParams(await fixtures.fill({ ...example.query }));
        const body = example.body;
        const response = await app.rest.request(`${url}${query.size ? `?${query}` : ""}`, {
          method: verb,
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(await fixtures.fill(body)),
        });
        const text = await response.text();
        assert.ok(response.ok, `${route.key} example: ${response.status} ${text}`);
        if (routePath === "/api/rpc") assert.ok(!JSON.parse(text).error, text);
      });
      routesTried++;
    }
    let methodsTried = 0;
    for (const method of openRpc.methods as Json[]) {
      for (const example of method.examples ?? []) {
        await withServer(env, async (app) => {
          const fixtures = new Fixtures(app);
          const params = await fixtures.fill(
            Object.fromEntries(example.params.map((p: Json) => [p.name, p.value])),
          );
          const session = app.services.sessions.open("rest");
          if (["state.save", "state.load", "state.delete"].includes(method.name)) {
            await app.dispatcher.call("persona.switch", { persona_id: "Aria" }, { session });
            await app.dispatcher.call("state.save", { key: "evening" }, { session });
          }
          const response = await app.rest.request("/api/rpc", {
            method: "POST",
            headers: { "content-type": "application/json", "X-Session-Id": session.id },
            body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: method.name, params }),
          });
          const reply = await response.json();
          assert.ok(!reply.error, `${method.name} example: ${JSON.stringify(reply.error)}`);
        });
        methodsTried++;
      }
    }
    assert.ok(routesTried >= 40, `${routesTried} route examples`);
    assert.ok(methodsTried >= 60, `${methodsTried} method examples`);
  } finally {
    await fake.stop();
  }
});
