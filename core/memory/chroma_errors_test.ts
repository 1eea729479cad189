import assert from "node:assert/strict";
import { MemoryUnavailable } from "../errors.ts";
import { ChromaBackend } from "./chroma_backend.ts";

function backend(url: string, timeoutMs = 5000, token = "") {
  return new ChromaBackend({
    url,
    tenant: "default_tenant",
    database: "default_database",
    token,
    timeoutMs,
  });
}

async function reason(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MemoryUnavailable, String(error));
    return error.data as Record<string, unknown>;
  }
  throw new Error("expected MemoryUnavailable");
}

Deno.test("a Chroma that never answers is a timeout, not a hang", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) held.push(conn);
  })();
  try {
    const url = `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`;
    const data = await reason(backend(url, 200).get("some-id"));
    assert.equal(data.reason, "timeout");
    assert.equal(data.action, "read a memory");
  } finally {
    listener.close();
    for (const conn of held) conn.close();
    await accepting.catch(() => {});
  }
});

Deno.test("nobody listening is unreachable; without the token Chroma refuses, with it it answers", async () => {
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (closed.addr as Deno.NetAddr).port;
  closed.close();
  assert.equal((await reason(backend(`http://127.0.0.1:${port}`).list("p"))).reason, "unreachable");

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request) =>
      request.headers.get("x-chroma-token") === "s3cret" &&
        request.headers.get("authorization") === "Bearer s3cret"
        ? Response.json([])
        : Response.json({ error: "Unauthorized" }, { status: 401 }),
  );
  try {
    const data = await reason(backend(`http://127.0.0.1:${server.addr.port}`).list("p"));
    assert.equal(data.reason, "unauthorized");
    assert.equal(data.hint, "Set CHROMA_TOKEN");
    const withToken = backend(`http://127.0.0.1:${server.addr.port}`, 5000, "s3cret");
    assert.deepEqual(await withToken.list("p"), []);
  } finally {
    await server.shutdown();
  }
});
