/**
 * memory.search and memory.search_cross_persona within MAX_REPLY_BYTES: a search with valid
 * params is shortened (`truncated: true`), never refused -32005 after it ran, and only the hits
 * sent count as accesses. memory.list cursors belong to their list (persona and filter), and
 * unbounded memory ids are neither accepted nor echoed whole.
 */
import assert from "node:assert/strict";
import { listBudget } from "../core/paging.ts";
import { RpcCallError, type RpcClient, withTestServer } from "./_helpers.ts";

const MAX_REPLY_BYTES = 1_048_576; // the smallest allowed
const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

interface Memory {
  id: string;
  accessed_count: number;
}

/** Stores `count` memories of about 30 kB (UTF-8) on the active persona; returns their ids. */
async function storeLarge(client: RpcClient, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { memory_id } = await client.call<{ memory_id: string }>("memory.store", {
      // Three bytes a character: 50 of them (cross-persona search's most) pass 1 MB.
      content: `Otter note ${i}: ` + "水".repeat(9_900),
      importance: 0.5,
    });
    ids.push(memory_id);
  }
  return ids;
}

/** Every memory of the active persona by id. */
async function all(client: RpcClient): Promise<Map<string, Memory>> {
  const found = new Map<string, Memory>();
  let cursor: string | undefined;
  do {
    const page = await client.call<{ memories: Memory[]; next_cursor: string | null }>(
      "memory.list",
      { limit: 100, ...(cursor ? { cursor } : {}) },
    );
    for (const memory of page.memories) found.set(memory.id, memory);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return found;
}

async function rejectsWith(promise: Promise<unknown>, code: number): Promise<RpcCallError> {
  let caught: unknown;
  await assert.rejects(promise, (error) => (caught = error, true));
  assert.ok(caught instanceof RpcCallError, String(caught));
  assert.equal(caught.code, code, caught.message);
  return caught;
}

Deno.test("a search whose hits pass MAX_REPLY_BYTES is shortened, and counts only what it sent", async () => {
  await withTestServer(async ({ client }) => {
    await client.call("persona.switch", { persona_id: "Aria" });
    const ids = await storeLarge(client, 70);
    for (
      const [method, n] of [["memory.search", 70], ["memory.search_cross_persona", 50]] as const
    ) {
      const before = await all(client);
      const result = await client.call<{ memories: Memory[]; truncated: boolean }>(method, {
        query: "otter note",
        n_results: n,
      });
      assert.equal(result.truncated, true, method);
      const sent = result.memories;
      assert.ok(sent.length >= 20 && sent.length < n, `${method}: ${sent.length} hits`);
      assert.ok(utf8(sent) <= listBudget(MAX_REPLY_BYTES), "the hits fit the budget");
      const after = await all(client);
      const shown = new Set(sent.map((memory) => memory.id));
      for (const id of ids) {
        const added = after.get(id)!.accessed_count - before.get(id)!.accessed_count;
        assert.equal(added, shown.has(id) ? 1 : 0, `${method}: ${id} sent ${shown.has(id)}`);
      }
    }
    const small = await client.call<{ memories: Memory[]; truncated: boolean }>(
      "memory.search",
      { query: "otter note", n_results: 5 },
    );
    assert.equal(small.memories.length, 5);
    assert.equal(small.truncated, false);
  }, { MAX_REPLY_BYTES: String(MAX_REPLY_BYTES) });
});

Deno.test("memory.list cursors belong to their persona and filter; cursor with offset is -32602", async () => {
  await withTestServer(async ({ client }) => {
    const { persona_id: aria } = await client.call<{ persona_id: string }>("persona.switch", {
      persona_id: "Aria",
    });
    for (const content of ["One", "Two", "Three"]) {
      await client.call("memory.store", { content, memory_type: "fact" });
    }
    const { persona_id: other } = await client.call<{ persona_id: string }>("persona.create", {
      name: "Quill",
    });
    await client.call("memory.store", { persona_id: other, content: "Quill's only memory" });
    const first = await client.call<{ next_cursor: string }>("memory.list", {
      persona_id: aria,
      limit: 1,
    });
    const cursor = first.next_cursor;
    const next = await client.call<{ memories: unknown[] }>("memory.list", {
      persona_id: aria,
      limit: 1,
      cursor,
    });
    assert.equal(next.memories.length, 1, "its own list pages on");
    const misused = [
      { persona_id: other, limit: 1, cursor },
      { persona_id: aria, limit: 1, cursor, memory_type: "fact" },
      { persona_id: aria, limit: 1, cursor, offset: 1 },
      { persona_id: aria, limit: 1, cursor, offset: 0 },
    ];
    for (const params of misused) {
      const error = await rejectsWith(client.call("memory.list", params), -32602);
      assert.match(error.message, /cursor/, JSON.stringify(params));
    }
    const byOffset = await client.call<{ memories: unknown[]; offset: number }>("memory.list", {
      persona_id: aria,
      offset: 1,
    });
    assert.equal(byOffset.memories.length, 2);
    assert.equal(byOffset.offset, 1);
  });
});

Deno.test("a memory id of thousands of characters is refused, and never echoed whole", async () => {
  await withTestServer(async ({ client }) => {
    await client.call("persona.switch", { persona_id: "Aria" });
    const huge = "x".repeat(5_000);
    for (
      const [method, params] of [
        ["memory.delete", { memory_id: huge }],
        ["memory.update", { memory_id: huge, importance: 0.5 }],
        ["memory.store", { content: "x", supersedes: [huge] }],
      ] as const
    ) {
      const error = await rejectsWith(client.call(method, params), -32602);
      assert.ok(
        JSON.stringify({ message: error.message, data: error.data }).length < 1_000,
        `${method}: ${error.message.length} characters`,
      );
    }
    // Within the limit but unknown: quoted to 64 characters and "…".
    const long = "y".repeat(128);
    const error = await rejectsWith(client.call("memory.delete", { memory_id: long }), -32602);
    assert.ok(error.message.includes(`"${"y".repeat(64)}…"`), error.message);
    assert.ok(!error.message.includes("y".repeat(65)), error.message);
  });
});
