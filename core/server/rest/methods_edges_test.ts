/**
 * REST method edges (attack17 F6, F7): a method the Fetch standard forbids (`TRACE`) is a clean
 * 501, never an internal error; a trailing slash names no route (404, never a 405 that offers
 * the method asked); `HEAD` on a POST-only path is 405 with `Allow`.
 */
import assert from "node:assert/strict";
import { startTestServer } from "../../../tests/_helpers.ts";

/** Sends one raw HTTP/1.1 request and returns the response's head and body as text. */
async function raw(port: number, method: string, path: string): Promise<string> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode(
      `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    ));
    const chunks: Uint8Array[] = [];
    const buffer = new Uint8Array(4096);
    for (;;) {
      const n = await conn.read(buffer);
      if (n === null) break;
      chunks.push(buffer.slice(0, n));
    }
    return new TextDecoder().decode(new Uint8Array(chunks.flatMap((chunk) => [...chunk])));
  } finally {
    conn.close();
  }
}

Deno.test("REST: TRACE and TRACK are 501 with a JSON error, on the REST and the MCP port", async () => {
  const server = await startTestServer();
  try {
    const ports = [new URL(server.apiUrl).port, new URL(server.mcpUrl).port].map(Number);
    for (const port of ports) {
      for (const method of ["TRACE", "TRACK"]) {
        const text = await raw(port, method, "/api/personas");
        assert.match(text, /^HTTP\/1\.1 501 /, `${method} on ${port}: ${text.slice(0, 80)}`);
        assert.match(text, /"code":-32601/);
        assert.match(text, /is not supported/);
      }
    }
  } finally {
    await server.shutdown();
  }
});

Deno.test("REST: a trailing slash is 404, and HEAD on a POST-only path is 405 with Allow", async () => {
  const server = await startTestServer();
  try {
    for (const path of ["/personas/", "/personas/aria/avatar/", "/personas/import/"]) {
      const answer = await fetch(`${server.apiUrl}${path}`);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.headers.get("allow"), null, path);
      await answer.body?.cancel();
    }
    const put = await fetch(`${server.apiUrl}/personas/aria/avatar/`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    assert.equal(put.status, 404, "a slash-ended avatar path takes no upload");
    await put.body?.cancel();

    // (`/personas/import` is also `GET /personas/:id`, so its HEAD is that GET's 404.)
    for (const path of ["/rpc", "/personas/aria/chat", "/jobs/retry"]) {
      const head = await fetch(`${server.apiUrl}${path}`, { method: "HEAD" });
      assert.equal(head.status, 405, path);
      assert.equal(head.headers.get("allow"), "POST, OPTIONS", path);
    }
  } finally {
    await server.shutdown();
  }
});
