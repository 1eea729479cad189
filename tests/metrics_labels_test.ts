/**
 * `/metrics` stays bounded whatever clients send: label values come from fixed sets (HTTP
 * methods, route patterns, refusals, a capped set of model names), so no client can grow the
 * exposition (and the time of every scrape) without end. See core/server/metrics/labels.ts.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { rawHttp, startTestServer } from "./_helpers.ts";
import { MODEL_LABEL_CAP } from "../core/server/metrics/labels.ts";

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
        assert.equal(response.status, 404);
      }));
    }
    const after = await scrapeText(server.apiUrl);
    assert.doesNotMatch(after, /M0000\d+X/, "no method token becomes a label value");
    assert.equal(
      total(after, "persona_mcp_http_requests_total", { method: "other", status: "404" }),
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
  const token = "sekrit-sekrit-sekrit";
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
