/**
 * `/metrics` stays bounded whatever clients send: label values come from fixed sets (HTTP
 * methods, route patterns, refusals, a capped set of model names), so no client can grow the
 * exposition (and the time of every scrape) without end. See core/server/metrics/labels.ts.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { MCP_INITIALIZE, rawHttp, startTestServer } from "./_helpers.ts";
import { MODEL_LABEL_CAP } from "../core/server/metrics/labels.ts";
import { MAX_PNG_CHUNKS } from "../core/characters/png_chunks.ts";

async function scrapeText(apiUrl: string, token?: string): Promise<string> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(apiUrl.replace(/\/api$/, "/metrics"), { headers });
  assert.equal(response.status, 200);
  return await response.text();
}

/** The sum of a counter's (or a histogram's `_count`) lines holding every one of `labels`. */
function total(text: string, name: string, labels: Record<string, string>): number {
  return text.split("\n").filter((line) => line.startsWith(`${name}{`))
    .filter((line) => Object.entries(labels).every(([key, v]) => line.includes(`${key}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

function linesOf(text: string, prefix: string): number {
  return text.split("\n").filter((line) => line.startsWith(prefix)).length;
}

Deno.test('1,000 distinct HTTP method tokens leave /metrics bounded, counted as method="other"', async () => {
  const server = await startTestServer();
  try {
    const before = await scrapeText(server.apiUrl);
    for (let start = 0; start < 1000; start += 25) {
      await Promise.all(Array.from({ length: 25 }, async (_, offset) => {
        const method = `M${String(start + offset).padStart(7, "0")}X`;
        const response = await fetch(`${server.apiUrl}/personas`, { method });
        await response.body?.cancel();
        assert.equal(response.status, 405, "a known path: 405 with Allow");
      }));
    }
    const after = await scrapeText(server.apiUrl);
    assert.doesNotMatch(after, /M0000\d+X/, "no method token becomes a label value");
    assert.equal(
      total(after, "persona_mcp_http_requests_total", { method: "other", status: "405" }),
      1000,
    );
    assert.equal(
      total(after, "persona_mcp_http_request_duration_seconds_count", { method: "other" }),
      1000,
    );
    // One counter series and one histogram (15 buckets, sum, count) for "other", nothing more.
    const grown = linesOf(after, "persona_mcp_http_") - linesOf(before, "persona_mcp_http_");
    assert.ok(grown <= 2 * 18, `HTTP series grew by ${grown} lines`);
    assert.ok(after.length - before.length < 8_000, `grew by ${after.length - before.length} B`);
  } finally {
    await server.shutdown();
  }
});

Deno.test('refused requests with a bogus method are counted under route="(refused)", method="other"', async () => {
  const token = "sekrit-sekrit-sekrit-42";
  const server = await startTestServer({ AUTH_TOKEN: token });
  try {
    const noToken = await fetch(`${server.apiUrl}/personas`, { method: "FOOBAR" });
    await noToken.body?.cancel();
    assert.equal(noToken.status, 401);
    const foreignHost = await rawHttp(`${server.apiUrl}/personas`, {
      method: "FOOBAZ",
      headers: { Host: "evil.com" },
    });
    assert.equal(foreignHost.status, 403);
    const text = await scrapeText(server.apiUrl, token);
    assert.doesNotMatch(text, /FOOBA[RZ]/);
    const counter = "persona_mcp_http_requests_total";
    const refused = { route: "(refused)", method: "other" };
    assert.equal(total(text, counter, { ...refused, status: "401" }), 1);
    assert.equal(total(text, counter, { ...refused, status: "403" }), 1);
  } finally {
    await server.shutdown();
  }
});

Deno.test('1,000 distinct model names: the configured ones and the first few are named, the rest "other"', async () => {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url, DEFAULT_MODEL: "configured:1b" });
  try {
    const before = await scrapeText(server.apiUrl);
    const name = "persona_mcp_llm_request_duration_seconds_count";
    const models = Array.from({ length: 1000 }, (_, i) => `persona-model-${i}`);
    // Another persona's model first fills the cap; the configured one keeps its name after.
    for (const model of [...models, "configured:1b"]) {
      await server.services.llm.embed(model, ["x"]).catch(() => {});
    }
    const after = await scrapeText(server.apiUrl);
    assert.equal(total(after, name, { model: "configured:1b" }), 1);
    const named = new Set([...after.matchAll(/model="(persona-model-\d+)"/g)].map((m) => m[1]));
    // The configured DEFAULT_MODEL takes one of the MODEL_LABEL_CAP names (EMBED/MIND: empty).
    assert.equal(named.size, MODEL_LABEL_CAP - 1);
    assert.ok(named.has("persona-model-0") && !named.has(`persona-model-${MODEL_LABEL_CAP}`));
    assert.equal(total(after, name, { model: "other" }), 1000 - (MODEL_LABEL_CAP - 1));
    const grown = linesOf(after, "persona_mcp_llm_") - linesOf(before, "persona_mcp_llm_");
    // Each (operation, model, outcome) histogram: 12 buckets, +Inf, sum and count.
    assert.ok(grown <= (MODEL_LABEL_CAP + 1) * 2 * 15, `LLM series grew by ${grown} lines`);
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});

/** A PNG of IHDR and `count` empty chunks after it (no IEND): over MAX_PNG_CHUNKS it is a 413. */
function pngOfChunks(count: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(8 + 25 + count * 12);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 13);
  bytes.set(new TextEncoder().encode("IHDR"), 12);
  for (let at = 33; at < bytes.length; at += 12) bytes.set([0x74, 0x45, 0x58, 0x74], at + 4);
  return bytes;
}

Deno.test("a route's own 413 is counted under its pattern; only the guards' refusals under (refused)", async () => {
  const server = await startTestServer({ MAX_FRAME_BYTES: "4096" });
  try {
    const own = await fetch(`${server.apiUrl}/personas/import`, {
      method: "POST",
      headers: { "Content-Type": "image/png" },
      body: pngOfChunks(MAX_PNG_CHUNKS + 1),
    });
    assert.equal(own.status, 413);
    assert.match((await own.json()).error.message, /more than 10000 chunks/);
    const guarded = await fetch(`${server.apiUrl}/personas`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(5000) }),
    });
    await guarded.body?.cancel();
    assert.equal(guarded.status, 413);
    const text = await scrapeText(server.apiUrl);
    const counter = "persona_mcp_http_requests_total";
    const api = { port: "api", method: "POST", status: "413" };
    assert.equal(total(text, counter, { ...api, route: "/api/personas/import" }), 1);
    assert.equal(total(text, counter, { ...api, route: "(refused)" }), 1);
  } finally {
    await server.shutdown();
  }
});

Deno.test('SERVER_PORT requests are counted as port="server": /mcp, (refused), (unmatched), bounded', async () => {
  const token = "sekrit-sekrit-sekrit-42";
  const server = await startTestServer({ AUTH_TOKEN: token });
  const mcp = server.wsUrl.replace("ws:", "http:").replace(/\/mcp$/, "") + "/mcp";
  const headers = {
    "Content-Type": "application/json",
    Accept: "application/json",
    Authorization: `Bearer ${token}`,
  };
  try {
    const init = await fetch(mcp, { method: "POST", headers, body: MCP_INITIALIZE });
    await init.body?.cancel();
    assert.equal(init.status, 200);
    const noToken = await fetch(mcp, { method: "POST", body: MCP_INITIALIZE });
    await noToken.body?.cancel();
    assert.equal(noToken.status, 401);
    const foreign = await rawHttp(mcp, { method: "POST", headers: { Host: "evil.com" } });
    assert.equal(foreign.status, 403);
    for (let i = 0; i < 50; i++) {
      const lost = await fetch(mcp.replace(/\/mcp$/, `/x${i}`), { method: `QUUX${i}` });
      await lost.body?.cancel();
      assert.equal(lost.status, 404);
    }
    const text = await scrapeText(server.apiUrl, token);
    assert.doesNotMatch(text, /QUUX|\/x\d/, "no raw method or path becomes a label value");
    const counter = "persona_mcp_http_requests_total";
    const port = { port: "server" };
    assert.equal(
      total(text, counter, { ...port, route: "/mcp", method: "POST", status: "200" }),
      1,
    );
    assert.equal(total(text, counter, { ...port, route: "(refused)", status: "401" }), 1);
    assert.equal(total(text, counter, { ...port, route: "(refused)", status: "403" }), 1);
    assert.equal(
      total(text, counter, { ...port, route: "(unmatched)", method: "other", status: "404" }),
      50,
    );
    assert.equal(
      total(text, "persona_mcp_http_request_duration_seconds_count", { ...port, route: "/mcp" }),
      1,
    );
  } finally {
    await server.shutdown();
  }
});
