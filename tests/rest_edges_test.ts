/**
 * Edges of the dashboard's REST API (review28 D10-D12, D14-D16, H24): the ids in the path win
 * over ids in the body, a 1-byte body of another type is 415, a JSON array body is -32600, a
 * whitespace body is an empty one, only `?format=json` gives a report as JSON, and a history
 * page holds at most 200 (over JSON-RPC and REST alike).
 */
import assert from "node:assert/strict";
import { RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";
import { eventually } from "./_mind.ts";

const JSON_TYPE = { "Content-Type": "application/json" };

async function withServer(
  test: (api: string, ids: { aria: string; kira: string }, client: RpcClient) => Promise<void>,
) {
  const server = await startTestServer();
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const personas = await server.services.personas.list();
    const id = (name: string) => personas.find((p) => p.name === name)!.id;
    await test(server.apiUrl, { aria: id("Aria"), kira: id("Kira") }, client);
  } finally {
    await client.close();
    await server.shutdown();
  }
}

async function send(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, text, type: response.headers.get("content-type") ?? "" };
}

Deno.test("REST: the path's persona and memory ids win over ids in the body", async () => {
  await withServer(async (api, { aria, kira }) => {
    const decayed = await send(`${api}/personas/${aria}/memories/decay`, {
      method: "POST",
      headers: JSON_TYPE,
      body: JSON.stringify({ persona_id: kira }),
    });
    assert.equal(decayed.status, 200, decayed.text);
    assert.equal(JSON.parse(decayed.text).persona_id, aria);

    const store = async (persona: string, content: string) => {
      const made = await send(`${api}/personas/${persona}/memories`, {
        method: "POST",
        headers: JSON_TYPE,
        body: JSON.stringify({ content }),
      });
      assert.equal(made.status, 201, made.text);
      return JSON.parse(made.text).memory_id as string;
    };
    const mine = await store(aria, "Aria keeps a blue lantern");
    const other = await store(kira, "Kira keeps a red kite");
    const patched = await send(`${api}/memories/${mine}`, {
      method: "PATCH",
      headers: JSON_TYPE,
      body: JSON.stringify({ memory_id: other, content: "Aria keeps a green lantern" }),
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(JSON.parse(patched.text).memory.id, mine);
    const listed = await send(`${api}/personas/${kira}/memories`, { method: "GET" });
    const kiras = JSON.parse(listed.text).memories as Array<{ id: string; content: string }>;
    assert.equal(kiras.find((m) => m.id === other)!.content, "Kira keeps a red kite");
  });
});

Deno.test("REST: a 1-byte text body is 415; a JSON array is -32600; a blank JSON body is empty", async () => {
  await withServer(async (api, { aria }) => {
    const text = await send(`${api}/personas`, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "x",
    });
    assert.equal(text.status, 415, text.text);
    for (const path of ["/personas", `/personas/${aria}/memories`]) {
      const array = await send(`${api}${path}`, {
        method: "POST",
        headers: JSON_TYPE,
        body: JSON.stringify([{ name: "A", content: "c" }]),
      });
      assert.equal(array.status, 400, array.text);
      const { error } = JSON.parse(array.text);
      assert.equal(error.code, -32600);
      assert.match(error.message, /JSON object/);
    }
    const blank = await send(`${api}/personas/${aria}/memories/prune`, {
      method: "POST",
      headers: JSON_TYPE,
      body: " \n",
    });
    assert.equal(blank.status, 200, blank.text);
  });
});

Deno.test("REST: only ?format=json gives a report as JSON; any other format is the page", async () => {
  await withServer(async (api) => {
    const started = await send(`${api}/simulations`, {
      method: "POST",
      headers: JSON_TYPE,
      body: JSON.stringify({ scenario: "tavern_evening", ticks: 3, model: "scripted" }),
    });
    assert.equal(started.status, 201, started.text);
    const { run_id } = JSON.parse(started.text);
    await eventually(async () => {
      const run = await (await fetch(`${api}/simulations/${run_id}`)).json();
      return run.status !== "running";
    }, { what: "the run to finish" });
    const report = `${api}/simulations/${run_id}/report`;
    assert.match((await send(`${report}?format=json`, {})).type, /application\/json/);
    for (const format of ["html", "xml"]) {
      const page = await fetch(`${report}?format=${format}`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type") ?? "", /text\/html/);
      assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      assert.match(await page.text(), /tavern_evening/);
    }
  });
});

Deno.test("history: a page holds at most 200 messages; 201 is refused naming limit", async () => {
  await withServer(async (api, { aria }, client) => {
    const page = await client.call<{ messages: unknown[] }>("conversation.get_history", {
      persona_id: aria,
      limit: 200,
    });
    assert.deepEqual(page.messages, []);
    const refused = await client.call("conversation.get_history", { persona_id: aria, limit: 201 })
      .then(() => null, (error) => error);
    assert.ok(refused instanceof RpcCallError);
    assert.equal(refused.code, -32602);
    assert.match(JSON.stringify(refused.data), /limit/);
    assert.equal((await send(`${api}/personas/${aria}/history?limit=200`, {})).status, 200);
    const rest = await send(`${api}/personas/${aria}/history?limit=201`, {});
    assert.equal(rest.status, 400, rest.text);
    assert.match(rest.text, /limit/);
  });
});
