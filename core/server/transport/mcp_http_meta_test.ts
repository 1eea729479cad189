/**
 * A POST sent as legacy (`MCP-Protocol-Version` a legacy revision, or absent) whose request's
 * `_meta` names 2026-07-28 disagrees with its headers: 2026-07-28 serves such a request
 * statelessly by its own rules, which refuse a header that differs from the `_meta` (400,
 * -32020 HeaderMismatch). Nothing runs, in or out of the legacy session it names. Over real HTTP.
 */
import assert from "node:assert/strict";
import { open, post, withServer } from "./_mcp_http_test_utils.ts";

const KEY = "io.modelcontextprotocol/protocolVersion";
const MODERN_META = {
  [KEY]: "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
};
const create = (id: number, name: string, meta: Record<string, unknown> = MODERN_META) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name: "persona_create", arguments: { name }, _meta: meta },
});

Deno.test("legacy session: a request whose _meta names another revision than its header is 400 -32020 and does not run", async () => {
  await withServer(async (server) => {
    const headers = await open(server);
    const personas = async () => (await server.services.personas.list()).length;
    const before = await personas();

    const legacyHeader = await post(server, create(7, "Wren"), headers);
    assert.equal(legacyHeader.status, 400);
    const body = await legacyHeader.json();
    assert.equal(body.id, 7);
    assert.equal(body.error.code, -32020);
    assert.match(body.error.message, /header value '2025-11-25' does not match body value '2026/);

    const { "MCP-Protocol-Version": _, ...sessionOnly } = headers;
    const headerless = await post(server, create(8, "Wren"), sessionOnly);
    assert.equal(headerless.status, 400);
    const refused = await headerless.json();
    assert.equal(refused.error.code, -32020);
    assert.match(refused.error.message, /header is missing/);
    assert.equal(await personas(), before, "neither request ran");

    // Header and _meta agreeing on a legacy revision: the _meta's era refuses it (-32022).
    const legacyMeta = create(9, "Wren", { ...MODERN_META, [KEY]: "2025-11-25" });
    const agreeing = await (await post(server, legacyMeta, headers)).json();
    assert.equal(agreeing.error.code, -32022);
    // No header is 2025-03-26: a _meta naming that agrees, and its era refuses it (-32022).
    const headerlessMeta = create(11, "Wren", { ...MODERN_META, [KEY]: "2025-03-26" });
    const era = await (await post(server, headerlessMeta, sessionOnly)).json();
    assert.equal(era.error.code, -32022);
    // Only requests are held to it: a notification is not answered, so not refused either.
    const note = {
      jsonrpc: "2.0",
      method: "notifications/progress",
      params: { _meta: MODERN_META },
    };
    const noted = await post(server, note, headers);
    assert.equal(noted.status, 202);
    await noted.body?.cancel();
    // The session itself is untouched: its legacy requests still run.
    const plain = await post(server, { jsonrpc: "2.0", id: 10, method: "ping" }, headers);
    assert.deepEqual((await plain.json()).result, {});
  });
});

Deno.test("legacy batch (2025-03-26): one request with a modern _meta refuses the POST with -32020", async () => {
  await withServer(async (server) => {
    const headers = await open(server, "2025-03-26");
    const batch = [{ jsonrpc: "2.0", id: 1, method: "ping" }, create(2, "Wren")];
    const answer = await post(server, batch, headers);
    assert.equal(answer.status, 400);
    const body = await answer.json();
    assert.equal(body.id, 2);
    assert.equal(body.error.code, -32020);
  });
});
