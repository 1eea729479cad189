/**
 * Lists of large items page by bytes too (core/paging.ts): a page at the defaults is never
 * refused as over MAX_REPLY_BYTES (-32005), and the pages still hold every item exactly once.
 */
import assert from "node:assert/strict";
import { decodeCursor, jsonItemBytes, listBudget } from "../core/paging.ts";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { RpcClient, startTestServer, withPostgresChromaEnv, withTestServer } from "./_helpers.ts";

const MAX_REPLY_BYTES = 1_048_576; // the smallest allowed (twice the largest persona)
const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

interface Walked {
  pages: Record<string, unknown>[];
  ids: string[];
}

/** Walks `method` from its first page, checking every page's size and paging fields. */
async function walk(
  client: RpcClient,
  method: string,
  field: string,
  key: string,
  params: Record<string, unknown> = {},
): Promise<Walked> {
  const pages: Record<string, unknown>[] = [];
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.call<Record<string, unknown>>(method, {
      ...params,
      ...(cursor ? { cursor } : {}),
    });
    assert.ok(
      utf8({ jsonrpc: "2.0", id: "x".repeat(40), result: page }) <= MAX_REPLY_BYTES,
      `${method}: page ${pages.length} within MAX_REPLY_BYTES`,
    );
    const items = page[field] as Record<string, unknown>[];
    assert.ok(items.length >= 1, "never an empty page while has_more");
    ids.push(...items.map((item) => item[key] as string));
    assert.equal(page.has_more, page.next_cursor !== null);
    pages.push(page);
    cursor = (page.next_cursor as string | null) ?? undefined;
  } while (cursor);
  return { pages, ids };
}

/** The item bytes of a page, and whether one more (`next`) would have passed the budget. */
function cutByBytes(items: unknown[], next: unknown): boolean {
  const used = items.reduce<number>((sum, item) => sum + jsonItemBytes(item), 0);
  assert.ok(used <= listBudget(MAX_REPLY_BYTES) || items.length === 1);
  return used + jsonItemBytes(next) > listBudget(MAX_REPLY_BYTES);
}

Deno.test("persona.list: 60 imported cards of 25 kB page by bytes at the defaults [sqlite]", async () => {
  await withTestServer(async ({ client }) => {
    const made: string[] = [];
    for (let i = 0; i < 60; i++) {
      // 25 kB in UTF-8 (12,500 two-byte characters): bytes, not characters, are counted.
      const description = `Card ${i} ` + "é".repeat(12_500);
      const result = await client.call<{ persona_id: string }>("persona.create", {
        name: `Card ${i}`,
        description,
      });
      made.push(result.persona_id);
    }
    const { pages, ids } = await walk(client, "persona.list", "personas", "id");
    // The server starts with its own personas (first, being older).
    const own = ids.length - made.length;
    assert.deepEqual(ids.slice(own), made, "every persona exactly once, oldest first");
    assert.equal(new Set(ids).size, ids.length);
    for (const page of pages) assert.equal(page.total_count, ids.length);
    // The first page stops before 50 (cut by bytes): one more would pass the budget.
    const first = pages[0]!.personas as { id: string }[];
    assert.ok(first.length < 50 && first.length >= 35, `first page: ${first.length}`);
    const whole = await client.call<{ personas: unknown[] }>("persona.list", { limit: 100 });
    assert.equal(whole.personas.length, first.length, "limit 100 is cut at the same place");
    assert.ok(cutByBytes(first, (await listAll(client, ids)).at(first.length)));
    // A page cut by limit is not cut by bytes: its cursor continues right after it.
    const ten = await client.call<Record<string, unknown>>("persona.list", { limit: 10 });
    assert.equal((ten.personas as unknown[]).length, 10);
    assert.equal(ten.has_more, true);
    const next = await client.call<{ personas: { id: string }[] }>("persona.list", {
      limit: 10,
      cursor: ten.next_cursor,
    });
    assert.deepEqual(next.personas.map((p) => p.id), ids.slice(10, 20));
  }, { MAX_REPLY_BYTES: String(MAX_REPLY_BYTES) });
});

/** Every persona as persona.list sends it (a page of one each). */
async function listAll(client: RpcClient, ids: string[]): Promise<unknown[]> {
  const all: unknown[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < ids.length; i++) {
    const page = await client.call<Record<string, unknown>>("persona.list", {
      limit: 1,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...(page.personas as unknown[]));
    cursor = (page.next_cursor as string | null) ?? undefined;
  }
  return all;
}

Deno.test("persona.list: a persona's avatar view counts toward the page's bytes [sqlite]", async () => {
  await withTestServer(async ({ client }) => {
    const big = (name: string) =>
      client.call("persona.create", {
        name,
        description: "é".repeat(100_000),
        scenario: "é".repeat(100_000),
      });
    await big("Big A");
    await big("Big B");
    const size = async () => {
      const { personas } = await client.call<{ personas: unknown[] }>("persona.list", {
        limit: 100,
      });
      return personas.map(jsonItemBytes);
    };
    // The last persona's view is 7 bytes past the budget with its `,"avatar":null` (14 bytes),
    // 7 bytes within it without: only a size that counts the avatar view cuts it off.
    const others = (await size()).reduce((sum, n) => sum + n, 0);
    const probe = await client.call<{ persona_id: string }>("persona.create", {
      name: "Last 0",
      description: "é".repeat(100_000),
      first_mes: "x",
    });
    const probed = (await size()).at(-1)!;
    await client.call("persona.delete", { persona_id: probe.persona_id });
    const pad = listBudget(MAX_REPLY_BYTES) + 7 - others - probed;
    assert.ok(pad > 0 && pad < 100_000, `pad ${pad}`);
    await client.call("persona.create", {
      name: "Last 1",
      description: "é".repeat(100_000),
      first_mes: "x".repeat(1 + pad),
    });
    const { pages, ids } = await walk(client, "persona.list", "personas", "id");
    const all = pages.flatMap((page) => page.personas as unknown[]);
    assert.equal(
      all.map(jsonItemBytes).reduce((sum, n) => sum + n, 0),
      listBudget(MAX_REPLY_BYTES) + 7,
    );
    const first = pages[0]!.personas as unknown[];
    assert.equal(first.length, ids.length - 1, "the last persona comes on a page of its own");
    assert.ok(
      first.map(jsonItemBytes).reduce((sum, n) => sum + n, 0) <= listBudget(MAX_REPLY_BYTES),
    );
  }, { MAX_REPLY_BYTES: String(MAX_REPLY_BYTES) });
});

Deno.test("persona.list: personas near the largest allowed come one a page [sqlite]", async () => {
  await withTestServer(async ({ client }) => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      // About 520 kB each: two would pass the budget, so each page holds one, alone.
      const result = await client.call<{ persona_id: string }>("persona.create", {
        name: `Huge ${i}`,
        description: "é".repeat(100_000),
        scenario: "é".repeat(100_000),
        first_mes: "a".repeat(100_000),
        mes_example: "b".repeat(19_000),
      });
      made.push(result.persona_id);
    }
    const { pages, ids } = await walk(client, "persona.list", "personas", "id");
    assert.deepEqual(ids.slice(ids.length - 3), made);
    // The server's own small personas share the first page with the first huge one.
    assert.deepEqual(pages.slice(-3).map((page) => (page.personas as unknown[]).length), [
      ids.length - 2,
      1,
      1,
    ]);
  }, { MAX_REPLY_BYTES: String(MAX_REPLY_BYTES) });
});

/**
 * Chroma's add slows as its collection grows (about 0.7 s for the 25th 54 kB memory on a busy
 * two-core machine, 20x the first): under a loaded CI run one passed the 10 s default deadline
 * and the store failed -32002. Paging is what is tested here, not Chroma's speed: no deadline.
 */
const UNHURRIED_CHROMA = { CHROMA_TIMEOUT_MS: String(3_600_000) };

async function memoryListPagesByBytes(env: Record<string, string>): Promise<void> {
  await withTestServer(async ({ client }) => {
    const persona = await client.call<{ persona_id: string }>("persona.create", { name: "Keeper" });
    const persona_id = persona.persona_id;
    const made: string[] = [];
    for (let i = 0; i < 25; i++) {
      // 30 kB of content and 24 kB of metadata in UTF-8: 20 of them are past 1 MiB.
      const char = String.fromCodePoint(0x4e00 + i * 37);
      const result = await client.call<{ memory_id: string }>("memory.store", {
        persona_id,
        content: `${i} ` + char.repeat(9_990),
        importance: 0.5,
        metadata: { note: char.repeat(8_000) },
      });
      made.push(result.memory_id);
    }
    const { pages, ids } = await walk(client, "memory.list", "memories", "id", { persona_id });
    assert.deepEqual(ids, made.toReversed(), "every memory exactly once, newest first");
    const first = pages[0]!.memories as unknown[];
    assert.ok(first.length < 20, `first page cut by bytes: ${first.length}`);
    for (const page of pages) assert.equal(page.total, 25);
    // By limit: 5 and 5, no repeat.
    const five = await client.call<Record<string, unknown>>("memory.list", {
      persona_id,
      limit: 5,
    });
    const more = await client.call<{ memories: { id: string }[] }>("memory.list", {
      persona_id,
      limit: 5,
      cursor: five.next_cursor,
    });
    assert.deepEqual(more.memories.map((m) => m.id), made.toReversed().slice(5, 10));
    // limit 100 reads all 25 at once; the page is cut by bytes although no row is left past the
    // limit, and it still says more follow until every memory is listed.
    const whole = await walk(client, "memory.list", "memories", "id", { persona_id, limit: 100 });
    assert.deepEqual(whole.ids, made.toReversed(), "a byte-cut last page still has_more");
    assert.ok(whole.pages.length >= 2);
    // Paging by offset continues at offset + the memories received (not + limit): the cursor's
    // offset says so, and offsets walked that way list every memory once.
    const firstPage = whole.pages[0]!.memories as unknown[];
    assert.equal(decodeCursor(whole.pages[0]!.next_cursor as string).offset, firstPage.length);
    const byOffset: string[] = [];
    for (let offset = 0, has_more = true; has_more;) {
      const page = await client.call<{ memories: { id: string }[]; has_more: boolean }>(
        "memory.list",
        { persona_id, limit: 100, offset },
      );
      byOffset.push(...page.memories.map((m) => m.id));
      offset += page.memories.length;
      has_more = page.has_more;
    }
    assert.deepEqual(byOffset, made.toReversed(), "offset + memories received lists all");
  }, { MAX_REPLY_BYTES: String(MAX_REPLY_BYTES), ...UNHURRIED_CHROMA, ...env });
}

Deno.test("memory.list: a default page of 54 kB memories pages by bytes [sqlite]", async () => {
  await memoryListPagesByBytes({});
});

Deno.test("memory.list: a default page of 54 kB memories pages by bytes [chroma]", async () => {
  // The Chroma backend pages in memory (records.ts).
  const chroma = await startChromaServer();
  try {
    await memoryListPagesByBytes({ MEMORY_BACKEND: "chroma", CHROMA_URL: chroma.url });
  } finally {
    await chroma.stop();
  }
});

Deno.test({
  name: "memory.list: a default page of 54 kB memories pages by bytes [postgres]",
  ignore: POSTGRES_SKIPPED,
  fn: () => withPostgresChromaEnv(memoryListPagesByBytes),
});

Deno.test("conversation.get_history: a default page of 96 kB exchanges pages by bytes [sqlite]", async () => {
  // Each reply echoes the message: 16,000 CJK characters each way, 96 kB an exchange.
  const fake = FakeOllama.start({ reply: (r) => `${r.messages.at(-1)!.content}` });
  const server = await startTestServer({
    OLLAMA_HOST: fake.url,
    MAX_REPLY_BYTES: String(MAX_REPLY_BYTES),
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    const aria = await client.call<{ persona_id: string }>("persona.switch", {
      persona_id: "Aria",
    });
    for (let i = 0; i < 22; i++) {
      const char = String.fromCodePoint(0x4e00 + i * 41);
      await client.call("conversation.send_message", { content: char.repeat(16_000) });
    }
    const ids: string[] = [];
    const sizes: number[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await client.call<{ messages: { id: string }[]; has_more: boolean }>(
        "conversation.get_history",
        { persona_id: aria.persona_id, ...(before ? { before_id: before } : {}) },
      );
      assert.ok(utf8({ jsonrpc: "2.0", id: "x".repeat(40), result: page }) <= MAX_REPLY_BYTES);
      assert.ok(page.messages.length >= 1);
      sizes.push(page.messages.length);
      ids.push(...page.messages.map((m) => m.id));
      if (!page.has_more) break;
      before = page.messages.at(-1)!.id;
    }
    assert.equal(ids.length, 22, "every exchange once");
    assert.equal(new Set(ids).size, 22);
    assert.ok(sizes[0]! < 20, `first page cut by bytes: ${sizes}`);
  } finally {
    await client.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("memory.block_list: 32 blocks of 100,000 characters page by bytes [sqlite]", async () => {
  await withTestServer(async ({ client, server }) => {
    const persona = await client.call<{ persona_id: string }>("persona.create", { name: "Blocks" });
    const persona_id = persona.persona_id;
    const before = await client.call<{ total: number }>("memory.block_list", { persona_id });
    const labels: string[] = [];
    for (let i = before.total; i < 32; i++) {
      const label = `big_${i}`;
      await client.call("memory.block_set", {
        persona_id,
        label,
        limit: 100_000,
        content: String.fromCodePoint(0x61 + (i % 26)).repeat(100_000),
      });
      labels.push(label);
    }
    const { pages, ids } = await walk(client, "memory.block_list", "blocks", "label", {
      persona_id,
    });
    assert.equal(ids.length, 32, "every block once");
    assert.equal(new Set(ids).size, 32);
    assert.deepEqual(ids.slice(-labels.length), labels, "in prompt order");
    assert.ok(pages.length >= 3, `pages: ${pages.length}`);
    for (const page of pages) assert.equal(page.total, 32);
    // REST pages the same way.
    const first = await (await fetch(`${server.apiUrl}/personas/${persona_id}/blocks`)).json();
    assert.equal(first.blocks.length, (pages[0]!.blocks as unknown[]).length);
    const cursor = encodeURIComponent(first.next_cursor);
    const second =
      await (await fetch(`${server.apiUrl}/personas/${persona_id}/blocks?cursor=${cursor}&limit=2`))
        .json();
    assert.deepEqual(
      second.blocks.map((b: { label: string }) => b.label),
      ids.slice(first.blocks.length, first.blocks.length + 2),
    );
  }, { MAX_REPLY_BYTES: String(MAX_REPLY_BYTES) });
});
