import assert from "node:assert/strict";
import type { ChromaClient } from "chromadb";
import { MemoryUnavailable } from "../errors.ts";
import { ChromaConnection, type ChromaSettings } from "./chroma_client.ts";

const SETTINGS: ChromaSettings = {
  url: "http://127.0.0.1:1",
  tenant: "default_tenant",
  database: "default_database",
  token: "",
  timeoutMs: 60_000,
};

/** A client with chromadb's inner HTTP client, or without it (a rename on an upgrade). */
function standIn(withApiClient: boolean): ChromaClient {
  let config: { fetch?: typeof fetch } = {};
  const apiClient = {
    getConfig: () => config,
    setConfig: (next: { fetch: typeof fetch }) => config = next,
  };
  return (withApiClient ? { apiClient } : {}) as unknown as ChromaClient;
}

Deno.test("ChromaConnection: chromadb's client has the apiClient the turn wrap reaches", async () => {
  const chroma = new ChromaConnection(SETTINGS);
  // No request is made: the work only reads the wrapped fetch.
  const wrapped = await chroma.run("read the client", (client) => {
    const api = (client as unknown as { apiClient: { getConfig(): { fetch?: unknown } } })
      .apiClient;
    return Promise.resolve(typeof api.getConfig().fetch);
  });
  assert.equal(wrapped, "function");
});

Deno.test("ChromaConnection: a client without apiClient fails every operation with -32002, unrun", async () => {
  const chroma = new ChromaConnection(SETTINGS, { makeClient: () => standIn(false) });
  let ran = false;
  const error = await chroma.run("search memories", () => {
    ran = true;
    return Promise.resolve();
  }).catch((caught) => caught);
  assert.ok(error instanceof MemoryUnavailable, String(error));
  assert.equal(error.code, "memory_unavailable");
  assert.match(error.message, /apiClient.*chromadb 3\.5\.0/);
  assert.equal((error.data as { reason?: string }).reason, "chroma_client");
  assert.equal(ran, false);
});

Deno.test("ChromaConnection: a client that loses apiClient after the check fails cleanly, its timer cleared", async () => {
  // The test's op sanitizer fails the test if the deadline timer is left running.
  let built = 0;
  const chroma = new ChromaConnection(SETTINGS, { makeClient: () => standIn(built++ === 0) });
  const error = await chroma.run("search memories", () => Promise.resolve()).catch((e) => e);
  assert.ok(error instanceof MemoryUnavailable, String(error));
  assert.match(error.message, /apiClient/);
});
