/**
 * `/metrics`: Prometheus text format that a Prometheus text-format parser reads, with the
 * documented families, and figures that move when requests are made.
 */
import assert from "node:assert/strict";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { modernPost, modernRequest, responseOf, tasksMeta } from "./_mcp_modern.ts";

interface Family {
  name: string;
  type: string;
  metrics: Array<{
    labels?: Record<string, string>;
    value?: string;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }>;
}

interface Scrape {
  families: Map<string, Family>;
  text: string;
}

async function scrape(apiUrl: string): Promise<Scrape> {
  const response = await fetch(apiUrl.replace(/\/api$/, "/metrics"));
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  const families = parsePrometheusTextFormat(text) as Family[];
  return { families: new Map(families.map((family) => [family.name, family])), text };
}

/** A counter's or gauge's value (through the parser), or a histogram's count. */
function value(scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  const family = scraped.families.get(name);
  assert.ok(family, `${name} is exposed`);
  if (family.type === "HISTOGRAM") {
    // The parser merges a histogram's series (it keeps no labels): read its `_count` lines.
    return scraped.text.split("\n").filter((line) => line.startsWith(`${name}_count{`))
      .filter((line) => Object.entries(labels).every(([key, v]) => line.includes(`${key}="${v}"`)))
      .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
  }
  const metric = family.metrics.find((m) =>
    Object.entries(labels).every(([key, v]) => m.labels?.[key] === v)
  );
  return Number(metric?.value ?? 0);
}

Deno.test("/metrics parses as Prometheus text and moves with requests, sockets, chats and searches", async () => {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  try {
    const before = await scrape(server.apiUrl);
    for (
      const [name, type] of [
        ["persona_mcp_rpc_requests_total", "COUNTER"],
        ["persona_mcp_rpc_request_duration_seconds", "HISTOGRAM"],
        ["persona_mcp_http_requests_total", "COUNTER"],
        ["persona_mcp_http_request_duration_seconds", "HISTOGRAM"],
        ["persona_mcp_open_sockets", "GAUGE"],
        ["persona_mcp_burst_collections_total", "COUNTER"],
        ["persona_mcp_burst_collection_seconds_total", "COUNTER"],
        ["persona_mcp_sessions", "GAUGE"],
        ["persona_mcp_llm_queue_running", "GAUGE"],
        ["persona_mcp_llm_queue_waiting", "GAUGE"],
        ["persona_mcp_llm_request_duration_seconds", "HISTOGRAM"],
        ["persona_mcp_personas", "GAUGE"],
        ["persona_mcp_memories", "GAUGE"],
        ["persona_mcp_memory_search_duration_seconds", "HISTOGRAM"],
        ["persona_mcp_jobs", "GAUGE"],
        ["persona_mcp_tasks", "GAUGE"],
        ["persona_mcp_simulation_runs", "GAUGE"],
        ["persona_mcp_build_info", "GAUGE"],
      ] as const
    ) {
      assert.equal(before.families.get(name)?.type, type, `${name} is a ${type}`);
    }
    assert.equal(value(before, "persona_mcp_personas"), 2, "Aria and Kira");
    assert.equal(value(before, "persona_mcp_open_sockets"), 0);
    assert.equal(value(before, "persona_mcp_burst_collections_total"), 0);
    // The job runner has nothing to do yet.
    assert.equal(value(before, "persona_mcp_jobs", { state: "queued" }), 0);
    assert.equal(value(before, "persona_mcp_jobs", { state: "running" }), 0);
    assert.equal(value(before, "persona_mcp_jobs", { state: "dropped" }), 0, "by the queue cap");

    const client = await RpcClient.connect(server.wsUrl);
    try {
      await client.call("persona.switch", { persona_id: "Aria" });
      await client.call("conversation.send_message", { content: "Hello there" });
      await client.call("memory.search", { query: "hello" });
      await client.request("no.such.method");
      await fetch(`${server.apiUrl}/personas`).then((r) => r.body?.cancel());
      const after = await scrape(server.apiUrl);
      assert.equal(value(after, "persona_mcp_open_sockets"), 1);
      assert.equal(value(after, "persona_mcp_sessions", { transport: "websocket" }), 1);
      const ok = { transport: "websocket", outcome: "ok" };
      assert.equal(
        value(after, "persona_mcp_rpc_requests_total", { method: "persona.switch", ...ok }),
        1,
      );
      assert.equal(
        value(after, "persona_mcp_rpc_requests_total", {
          method: "(unknown)",
          transport: "websocket",
          outcome: "error",
        }),
        1,
        "an unknown method is counted under one label value",
      );
      assert.equal(
        value(after, "persona_mcp_rpc_request_duration_seconds", {
          method: "conversation.send_message",
          ...ok,
        }),
        1,
        "the chat's latency was observed once",
      );
      assert.equal(
        value(after, "persona_mcp_rpc_requests_total", {
          method: "persona.list",
          transport: "rest",
          outcome: "ok",
        }),
        1,
      );
      assert.equal(
        value(after, "persona_mcp_http_requests_total", {
          route: "/api/personas",
          method: "GET",
          status: "200",
        }),
        1,
      );
      assert.ok(
        value(after, "persona_mcp_llm_request_duration_seconds", {
          operation: "chat",
          outcome: "ok",
        }) >= 1,
      );
      // The chat's recall and the explicit search.
      assert.ok(
        value(after, "persona_mcp_memory_search_duration_seconds", { kind: "search" }) >= 2,
      );
      assert.ok(value(after, "persona_mcp_memories") >= 1, "the chat was remembered");
    } finally {
      await client.close();
    }
    const closed = await scrape(server.apiUrl);
    assert.equal(value(closed, "persona_mcp_open_sockets"), 0);
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("persona_mcp_tasks counts the server's tasks while they run, and none once cancelled", async () => {
  // A simulation on a slow model, run as an MCP task: it stays working until cancelled.
  const fake = FakeOllama.start({ tokenDelayMs: 300 });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  try {
    const call = (id: number, method: string, params: Record<string, unknown>) =>
      modernPost(server.mcpUrl, modernRequest(id, method, { ...params, _meta: tasksMeta() }));
    const created = responseOf(
      await call(1, "tools/call", {
        name: "simulation_run",
        arguments: { model: "ollama", ticks: 200, seed: 3 },
      }),
    ).result as { status: string; taskId: string };
    assert.equal(created.status, "working");
    const running = await scrape(server.apiUrl);
    assert.equal(value(running, "persona_mcp_tasks", { state: "running" }), 1);
    assert.equal(value(running, "persona_mcp_tasks", { state: "queued" }), 0);

    await call(2, "tasks/cancel", { taskId: created.taskId });
    let left = 1;
    for (let poll = 0; left > 0 && poll < 200; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      left = value(await scrape(server.apiUrl), "persona_mcp_tasks", { state: "running" });
    }
    assert.equal(left, 0, "a cancelled task no longer runs");
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});
