/**
 * Bounded input: JSON nesting, REST media types, batch size, session and connection caps, and
 * paging, end to end on real sockets.
 */
import assert from "node:assert/strict";
import { rawHttp, type RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";

function nestedObjects(depth: number): string {
  return '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

function nestedArrays(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

/** A memory.store whose metadata nests `metadata` (JSON text) inside it. */
function storeWith(metadata: string, id: number | null = 1): string {
  return `{"jsonrpc":"2.0","id":${id},"method":"memory.store","params":` +
    `{"content":"deep","metadata":{"x":${metadata}}}}`;
}

Deno.test("deep nesting is -32602 on every transport and HTTP 400 on REST, never -32603 or 500", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const { persona_id } = await client.call<{ persona_id: string }>("persona.switch", {
      persona_id: "aria",
    });
    for (const deep of [nestedObjects(2_500), nestedArrays(2_000)]) {
      const reply = await client.sendRaw(storeWith(deep)) as { error: { code: number } };
      assert.equal(reply.error.code, -32602);

      const http = await fetch(server.mcpUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: storeWith(deep),
      });
      assert.equal(http.status, 400);
      assert.equal((await http.json()).error.code, -32602);

      const rest = await fetch(`${server.apiUrl}/personas/${persona_id}/memories`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: `{"content":"deep","metadata":{"x":${deep}}}`,
      });
      assert.equal(rest.status, 400);
      assert.equal((await rest.json()).error.code, -32602);

      const rpc = await fetch(`${server.apiUrl}/rpc`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: storeWith(deep),
      });
      assert.equal((await rpc.json()).error.code, -32602);
    }
    // At the limit (envelope, params and metadata make 3, so 64 deep in all) it is stored.
    const fits = await client.sendRaw(storeWith(nestedObjects(61), 2)) as {
      result?: { memory_id: string };
    };
    assert.ok(fits.result?.memory_id, JSON.stringify(fits));
    const over = await client.sendRaw(storeWith(nestedObjects(62), 3)) as {
      error: { code: number };
    };
    assert.equal(over.error.code, -32602);
    assert.deepEqual(await client.call("ping"), {}, "the connection keeps serving");
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("a message too deep to parse is answered with its top-level id when a scan finds it", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const deep = nestedArrays(3_000);
    const cases: Array<[string, string | number | null]> = [
      [`{"jsonrpc":"2.0","id":"d","method":"x","params":{"q":${deep}}}`, "d"],
      [`{ "id" : 7 , "jsonrpc":"2.0","method":"x","params":${deep}}`, 7],
      [`{"jsonrpc":"2.0","method":"x","params":{"id":"inner","q":${deep}},"id":"tail"}`, "tail"],
      [`{"jsonrpc":"2.0","method":"x","params":{"id":"inner","q":${deep}}}`, null],
      [`{"jsonrpc":"2.0","id":{"no":1},"method":"x","params":${deep}}`, null],
      [`[{"jsonrpc":"2.0","id":"in-a-batch","method":"x","params":${deep}}]`, null],
    ];
    for (const [text, id] of cases) {
      const reply = await client.sendRaw(text) as { id: unknown; error: { code: number } };
      assert.equal(reply.error.code, -32602, text.slice(0, 60));
      assert.deepEqual(reply.id, id, text.slice(0, 60));
      const rpc = await fetch(`${server.apiUrl}/rpc`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: text,
      });
      assert.deepEqual((await rpc.json()).id, id, `/api/rpc ${text.slice(0, 60)}`);
    }
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("REST bodies must be JSON: text, form, multipart and XML are 415", async () => {
  const server = await startTestServer();
  try {
    const form = new FormData();
    form.set("name", "Formy");
    const bodies: Array<[BodyInit, Record<string, string>]> = [
      ['{"name":"Texty"}', { "Content-Type": "text/plain" }],
      ["name=Urly", { "Content-Type": "application/x-www-form-urlencoded" }],
      [form, {}],
      ["<persona><name>Xml</name></persona>", { "Content-Type": "application/xml" }],
      ['{"name":"Bare"}', {}],
    ];
    for (const [body, headers] of bodies) {
      const response = await fetch(`${server.apiUrl}/personas`, { method: "POST", body, headers });
      assert.equal(response.status, 415, JSON.stringify(headers));
      assert.match((await response.json()).error.message, /^Unsupported Media Type/);
    }
    const raw = await rawHttp(`${server.apiUrl}/personas`, {
      method: "POST",
      body: '{"name":"NoType"}',
    });
    assert.equal(raw.status, 415, "a body without Content-Type is not taken as JSON");
    const rpc = await fetch(`${server.apiUrl}/rpc`, {
      method: "POST",
      body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
      headers: { "Content-Type": "text/plain" },
    });
    assert.equal(rpc.status, 415);
    await rpc.body?.cancel();
    const ok = await fetch(`${server.apiUrl}/personas`, {
      method: "POST",
      body: '{"name":"Jsony"}',
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
    assert.equal(ok.status, 201);
    const { persona_id } = await ok.json();
    const patch = await fetch(`${server.apiUrl}/personas/${persona_id}`, {
      method: "PATCH",
      body: '{"speaking_style":"terse"}',
      headers: { "Content-Type": "application/merge-patch+json" },
    });
    assert.equal(patch.status, 200, "+json media types are JSON");
    await patch.body?.cancel();
    const bodiless = await fetch(`${server.apiUrl}/sessions`, { method: "POST" });
    assert.equal(bodiless.status, 201, "no body, no media type needed");
    await bodiless.body?.cancel();
  } finally {
    await server.shutdown();
  }
});

Deno.test("a batch over MAX_BATCH is refused whole with -32600; MAX_BATCH itself runs", async () => {
  const server = await startTestServer({ MAX_BATCH: "5" });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const batch = (size: number) =>
      JSON.stringify(
        Array.from({ length: size }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "ping" })),
      );
    const refused = await client.sendRaw(batch(6)) as { id: null; error: { code: number } };
    assert.equal(refused.id, null);
    assert.equal(refused.error.code, -32600);
    const answered = await client.sendRaw(batch(5)) as unknown[];
    assert.equal(answered.length, 5);
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("list methods page with limit and cursor over WebSocket and REST", async () => {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    for (let i = 0; i < 5; i++) await client.call("persona.create", { name: `Paged ${i}` });
    const whole = await client.call("persona.list");
    assert.equal(whole.total_count, 7);
    assert.equal((whole.personas as unknown[]).length, 7, "the default returns small lists whole");
    assert.equal(whole.has_more, false);
    assert.equal(whole.next_cursor, null);
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Record<string, unknown> = await client.call(
        "persona.list",
        cursor ? { limit: 3, cursor } : { limit: 3 },
      );
      names.push(...(page.personas as Array<{ name: string }>).map((p) => p.name));
      assert.equal(page.total_count, 7);
      cursor = page.next_cursor as string | null;
    } while (cursor);
    assert.deepEqual(names, (whole.personas as Array<{ name: string }>).map((p) => p.name));
    await assert.rejects(
      client.call("persona.list", { limit: 101 }),
      (error: RpcCallError) => error.code === -32602,
    );
    await assert.rejects(
      client.call("persona.list", { cursor: "not-a-cursor" }),
      (error: RpcCallError) => error.code === -32602,
    );
    const first = await (await fetch(`${server.apiUrl}/personas?limit=2`)).json();
    assert.equal(first.personas.length, 2);
    assert.equal(first.has_more, true);
    const second = await (await fetch(
      `${server.apiUrl}/personas?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`,
    )).json();
    assert.equal(second.personas[0].name, names[2]);
  } finally {
    await client.close();
    await server.shutdown();
  }
});

Deno.test("past MAX_CONNECTIONS an upgrade gets 503 with Retry-After; a closed socket frees a place", async () => {
  const server = await startTestServer({ MAX_CONNECTIONS: "2" });
  const clients = [await RpcClient.connect(server.wsUrl), await RpcClient.connect(server.wsUrl)];
  try {
    const refused = await rawHttp(server.wsUrl.replace("ws:", "http:"), {
      headers: {
        Upgrade: "websocket",
        Connection: "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version": "13",
      },
    });
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get("retry-after"), "5");
    assert.equal(JSON.parse(refused.body).error.code, -32007);
    await clients.pop()!.close();
    const again = await RpcClient.connect(server.wsUrl);
    clients.push(again);
    assert.deepEqual(await again.call("ping"), {});
  } finally {
    for (const client of clients) await client.close();
    await server.shutdown();
  }
});

Deno.test("rate limits: an abusive client gets -32006 or 429 with Retry-After; another connection goes on", async () => {
  const server = await startTestServer({ RATE_LIMIT_PER_S: "1", RATE_LIMIT_BURST: "3" });
  const abuser = await RpcClient.connect(server.wsUrl);
  const neighbour = await RpcClient.connect(server.wsUrl);
  try {
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => abuser.request("ping", undefined, i)),
    );
    const refused = replies.filter((reply) => "error" in reply);
    assert.equal(refused.length, 3, "the burst passes, the rest is refused");
    const error = refused[0]?.error as { code: number; data: { retry_after_ms: number } };
    assert.equal(error.code, -32006);
    assert.ok(error.data.retry_after_ms > 0);
    assert.deepEqual(await neighbour.call("ping"), {}, "another connection has its own bucket");

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${server.apiUrl}/health`);
      statuses.push(response.status);
      if (response.status === 429) {
        assert.equal(response.headers.get("retry-after"), "1");
        assert.equal((await response.json()).error.code, -32006);
      } else {
        await response.body?.cancel();
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
  } finally {
    await abuser.close();
    await neighbour.close();
    await server.shutdown();
  }
});
