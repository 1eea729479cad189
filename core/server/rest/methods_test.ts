/**
 * RFC 9110 on the REST port (attack15 #14): a wrong method on a known path is 405 with `Allow`,
 * an unknown path 404, and HEAD sends GET's `Content-Length`; the OpenAPI document tells the
 * real status of `/favicon.ico` (204).
 */
import assert from "node:assert/strict";
import { startTestServer } from "../../../tests/_helpers.ts";

Deno.test("REST: 405 with Allow for a known path, 404 for an unknown one, repeated query keys 400, HEAD with GET's length", async () => {
  const server = await startTestServer();
  try {
    const put = await fetch(`${server.apiUrl}/personas`, { method: "PUT" });
    assert.equal(put.status, 405);
    const allow = put.headers.get("allow")!.split(", ");
    for (const method of ["GET", "POST", "HEAD"]) assert.ok(allow.includes(method), method);
    assert.ok(!allow.includes("PUT"));
    assert.match((await put.json()).error.message, /not allowed/);

    const patch = await fetch(`${server.apiUrl}/personas/aria`, { method: "PUT" });
    assert.equal(patch.status, 405);
    assert.match(patch.headers.get("allow")!, /GET/);
    await patch.body?.cancel();

    const unknown = await fetch(`${server.apiUrl}/no-such-thing`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get("allow"), null);
    await unknown.body?.cancel();

    // A query key given twice is -32602, not silently its first value.
    const twice = await fetch(`${server.apiUrl}/personas?limit=1&limit=2`);
    assert.equal(twice.status, 400);
    const refused = (await twice.json()).error;
    assert.equal(refused.code, -32602);
    assert.match(refused.message, /"limit" given more than once/);

    const get = await fetch(`${server.apiUrl}/personas`);
    const length = (await get.arrayBuffer()).byteLength;
    const head = await fetch(`${server.apiUrl}/personas`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get("content-length"), String(length));
    assert.equal(head.headers.get("content-type"), get.headers.get("content-type"));
    assert.equal(await head.text(), "");

    // The OpenAPI document tells the real status of /favicon.ico: 204, no body.
    const favicon = await fetch(`${server.apiUrl.replace(/\/api$/, "")}/favicon.ico`);
    assert.equal(favicon.status, 204);
    const document = await (await fetch(`${server.apiUrl}/openapi.json`)).json();
    const responses = document.paths["/favicon.ico"].get.responses;
    // Its one success; 429 (the rate limit, on every route) is its only error.
    assert.deepEqual(Object.keys(responses), ["204", "429"]);
    assert.equal(responses["204"].content, undefined);
  } finally {
    await server.shutdown();
  }
});
