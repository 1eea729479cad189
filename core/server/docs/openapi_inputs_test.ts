/**
 * The OpenAPI document lists the inputs the routes really read (attack15 #13): query parameters
 * a route reads itself or passes to its method, and the import routes' file bodies.
 */
import assert from "node:assert/strict";
import { startTestServer } from "../../../tests/_helpers.ts";

// deno-lint-ignore no-explicit-any
type Json = Record<string, any>;

Deno.test("OpenAPI: working query parameters and the import routes' request bodies are documented", async () => {
  const server = await startTestServer();
  try {
    const document: Json = await (await fetch(`${server.apiUrl}/openapi.json`)).json();
    const queryOf = (path: string, verb = "get") =>
      (document.paths[path][verb].parameters as Json[])
        .filter((parameter) => parameter.in === "query").map((parameter) => parameter.name);
    const expected: Array<[string, string[]]> = [
      ["/api/rooms/{id}/messages", ["limit", "before_id"]],
      ["/api/personas/{id}/card", ["format", "spec"]],
      ["/api/personas/{id}/bundle", ["include"]],
      ["/api/personas/{id}/memories", ["explain"]],
      ["/api/simulations/{id}/report", ["format"]],
    ];
    for (const [path, names] of expected) {
      for (const name of names) assert.ok(queryOf(path).includes(name), `${path} ?${name}`);
    }
    for (const path of ["/api/personas/import", "/api/personas/bundles", "/api/lorebooks/import"]) {
      const body = document.paths[path].post.requestBody;
      assert.ok(body?.content["multipart/form-data"], `${path} takes a form`);
      assert.ok(body.content["application/octet-stream"], `${path} takes the file as it is`);
      assert.ok(queryOf(path, "post").includes("name"), `${path} ?name`);
    }
    assert.ok(document.paths["/api/personas/import"].post.requestBody.content["image/png"]);
  } finally {
    await server.shutdown();
  }
});
