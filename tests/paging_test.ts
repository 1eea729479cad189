/**
 * Every JSON-RPC list method pages the same way (`limit`, `cursor` in; `has_more`,
 * `next_cursor` out), with a default and a maximum: walked page by page over the WebSocket and
 * REST, compared with the whole list, and the table must name every `*.list` method there is.
 */
import assert from "node:assert/strict";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import {
  type RpcCallError,
  type RpcClient,
  withPostgresChromaEnv,
  withTestServer,
} from "./_helpers.ts";

type Call = (method: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** How to fill one list and read it. */
interface ListCase {
  /** Its params besides the paging ones. */
  params: Record<string, unknown>;
  /** The result field holding the items, and the field naming each. */
  items: string;
  key: string;
  /** The largest `limit` accepted. */
  max: number;
  /** Its REST route, when it has one. */
  rest?: string;
  /** Adds five items. */
  seed(call: Call, personas: string[]): Promise<void>;
}

const CASES: Record<string, ListCase> = {
  "persona.list": {
    params: {},
    items: "personas",
    key: "id",
    max: 100,
    rest: "/personas",
    seed: async () => {}, // the five made for the others
  },
  "relationship.list": {
    params: { persona_id: "aria" },
    items: "relationships",
    key: "target_persona_id",
    max: 500,
    rest: "/personas/aria/relationships",
    seed: async (call, personas) => {
      for (const [i, target] of personas.entries()) {
        await call("relationship.update", {
          persona_id: "aria",
          target_persona_id: target,
          relationship_type: "friend",
          strength: 0.1 + i / 10,
        });
      }
    },
  },
  "conversation.list": {
    params: { status: "all" },
    items: "conversations",
    key: "conversation_id",
    max: 200,
    rest: "/conversations?status=all",
    seed: async (call) => {
      // Fresh pairs: a persona rests between conversations.
      for (let i = 0; i < 5; i++) {
        const pair = [];
        for (const side of ["A", "B"]) {
          const made = await call("persona.create", { name: `Talker ${i}${side}` });
          pair.push(made.persona_id);
        }
        await call("conversation.start", { participants: pair });
      }
    },
  },
  "memory.list": {
    params: { persona_id: "kira" },
    items: "memories",
    key: "id",
    max: 100,
    rest: "/personas/kira/memories",
    seed: async (call) => {
      for (let i = 0; i < 5; i++) {
        await call("memory.store", { persona_id: "kira", content: `Kira remembers harbour ${i}` });
      }
    },
  },
  "lorebook.list": {
    params: {},
    items: "lorebooks",
    key: "id",
    max: 500,
    rest: "/lorebooks",
    seed: async (call) => {
      for (let i = 0; i < 5; i++) await call("lorebook.create", { name: `Book ${i}` });
    },
  },
  "room.list": {
    params: {},
    items: "rooms",
    key: "id",
    max: 500,
    rest: "/rooms",
    seed: async (call, personas) => {
      for (const persona of personas) await call("room.create", { persona_ids: [persona] });
    },
  },
  "simulation.list": {
    params: {},
    items: "runs",
    key: "run_id",
    max: 100,
    rest: "/simulations",
    seed: async (call) => {
      for (let i = 0; i < 5; i++) {
        const run = await call("simulation.start", {
          scenario: "tavern_evening",
          ticks: 2,
          model: "scripted",
        });
        while ((await call("simulation.status", { run_id: run.run_id })).status === "running") {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    },
  },
};

async function walk(call: Call, method: string, params: Record<string, unknown>, key: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Record<string, unknown> = await call(method, {
      ...params,
      limit: 2,
      ...(cursor ? { cursor } : {}),
    });
    const items = page[CASES[method]!.items] as Array<Record<string, string>>;
    assert.ok(items.length <= 2, `${method}: a page holds at most limit items`);
    ids.push(...items.map((item) => item[key]!));
    cursor = page.next_cursor as string | null;
    assert.equal(page.has_more, cursor !== null, `${method}: has_more says a cursor follows`);
    pages++;
  } while (cursor);
  return { ids, pages };
}

function ids(result: Record<string, unknown>, items: string, key: string): string[] {
  return (result[items] as Array<Record<string, string>>).map((item) => item[key]!);
}

/** The walk itself, on a server of either storage (`env`). */
async function everyListPages(env: Record<string, string>): Promise<void> {
  await withTestServer(async ({ server, client }) => {
    const call: Call = (method, params) =>
      (client as RpcClient).call<Record<string, unknown>>(method, params);
    const listed = server.dispatcher.registry.methods().filter((name) => name.endsWith(".list"));
    assert.deepEqual(listed.sort(), Object.keys(CASES).sort(), "every *.list method is here");

    const personas: string[] = [];
    for (let i = 0; i < 5; i++) {
      personas.push(
        ((await call("persona.create", { name: `Pager ${i}` })).persona as {
          id: string;
        }).id,
      );
    }
    for (const [method, list] of Object.entries(CASES)) {
      await list.seed(call, personas);
      const whole = await call(method, list.params);
      const all = ids(whole, list.items, list.key);
      assert.ok(all.length >= 5, `${method} holds ${all.length}`);
      assert.equal(whole.has_more, false, `${method}: small lists come whole by default`);
      assert.equal(whole.next_cursor, null);

      const { ids: paged, pages } = await walk(call, method, list.params, list.key);
      assert.deepEqual(paged, all, `${method}: the pages make the whole list, in order`);
      assert.equal(pages, Math.ceil(all.length / 2));

      for (const bad of [{ limit: list.max + 1 }, { limit: 0 }, { cursor: "not-a-cursor" }]) {
        await assert.rejects(
          call(method, { ...list.params, ...bad }),
          (error: RpcCallError) => error.code === -32602,
          `${method} ${JSON.stringify(bad)}`,
        );
      }
      await call(method, { ...list.params, limit: list.max });

      if (list.rest) {
        const join = list.rest.includes("?") ? "&" : "?";
        const first = await (await fetch(`${server.apiUrl}${list.rest}${join}limit=2`)).json();
        assert.deepEqual(ids(first, list.items, list.key), all.slice(0, 2), `${list.rest}`);
        assert.equal(first.has_more, true);
        const cursor = encodeURIComponent(first.next_cursor);
        const second =
          await (await fetch(`${server.apiUrl}${list.rest}${join}cursor=${cursor}&limit=2`))
            .json();
        assert.deepEqual(ids(second, list.items, list.key), all.slice(2, 4), `${list.rest} p2`);
        const over = await fetch(`${server.apiUrl}${list.rest}${join}limit=${list.max + 1}`);
        assert.equal(over.status, 400, `${list.rest} over the maximum`);
        await over.body?.cancel();
      }
    }
    await memoryListKeepsItsPlace(call);
    await conversationListKeepsItsPlace(call);
  }, env);
}

/** attack5 F1: memory.list's cursor names the last memory sent, not a bare position. */
async function memoryListKeepsItsPlace(call: Call): Promise<void> {
  const made = await call("persona.create", { name: "Keyset" });
  const persona_id = (made.persona as { id: string }).id;
  const store = async (content: string) =>
    (await call("memory.store", { persona_id, content, importance: 0.5 })).memory_id as string;
  const list = async (cursor?: string) => {
    const page = await call("memory.list", { persona_id, limit: 5, ...(cursor ? { cursor } : {}) });
    const contents = (page.memories as { id: string; content: string }[]).map((m) => m.content);
    const ids = (page.memories as { id: string }[]).map((m) => m.id);
    return { contents, ids, cursor: page.next_cursor as string };
  };
  for (let i = 0; i < 10; i++) await store(`number ${i}`);
  const first = await list();
  assert.deepEqual(first.contents, [9, 8, 7, 6, 5].map((i) => `number ${i}`));
  for (let i = 10; i < 13; i++) await store(`number ${i}`);
  const second = await list(first.cursor);
  assert.deepEqual(second.contents, [4, 3, 2, 1, 0].map((i) => `number ${i}`), "no repeat");
  const again = await list();
  for (const id of again.ids.slice(0, 3)) await call("memory.delete", { memory_id: id });
  const next = await list(again.cursor);
  assert.deepEqual(next.contents, [7, 6, 5, 4, 3].map((i) => `number ${i}`), "no skip");
}

Deno.test("every list method pages with limit and cursor, over the WebSocket and REST [sqlite]", async () => {
  await everyListPages({});
});

Deno.test({
  name: "every list method pages with limit and cursor, over the WebSocket and REST [postgres]",
  ignore: POSTGRES_SKIPPED,
  fn: () => withPostgresChromaEnv(everyListPages),
});

/** conversation.list likewise: conversations started between pages repeat nothing. */
async function conversationListKeepsItsPlace(call: Call): Promise<void> {
  const start = async (i: number) => {
    const pair = [];
    for (const side of ["A", "B"]) {
      pair.push((await call("persona.create", { name: `Keyed ${i}${side}` })).persona_id);
    }
    return (await call("conversation.start", { participants: pair })).conversation_id as string;
  };
  const ids = (page: Record<string, unknown>) =>
    (page.conversations as { conversation_id: string }[]).map((c) => c.conversation_id);
  const params = { status: "all", limit: 3 };
  const whole = ids(await call("conversation.list", { status: "all", limit: 200 }));
  const first = await call("conversation.list", params);
  for (let i = 0; i < 2; i++) await start(i);
  const second = await call("conversation.list", { ...params, cursor: first.next_cursor });
  assert.deepEqual(ids(second), whole.slice(3, 6), "conversation.list: no repeat");
}
