/**
 * Lists paged in memory (`pageOf`: `persona.list`, `relationship.list`, a persona's and a room's
 * `lorebook.list`) when the item a cursor names is deleted before the next page: every other
 * item is listed once, in order (before, the next page started at the cursor's position, so the
 * item after the deleted one was never listed). The MCP lists and `simulation.list` page the
 * same way (core/server/mcp/list_page_test.ts, core/paging_test.ts). A list that gives its order
 * resumes after the named item's place whatever else went (the item after it, earlier ones).
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";
import { type Call, callOf, makePersona } from "./_calls.ts";

/** One list: how to read a page's items' keys, and how to delete the item of a key. */
interface AnchorCase {
  method: string;
  params: Record<string, unknown>;
  items: string;
  key: string;
  remove(call: Call, key: string): Promise<void>;
}

/**
 * Walks `list` `limit` at a time, deleting each page's last item before asking for the next;
 * returns the keys listed.
 */
async function walkDeleting(call: Call, list: AnchorCase, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Record<string, unknown> = await call(list.method, {
      ...list.params,
      limit,
      ...(cursor ? { cursor } : {}),
    });
    const keys = (page[list.items] as Array<Record<string, string>>).map((item) => item[list.key]!);
    seen.push(...keys);
    cursor = page.next_cursor as string | null;
    if (cursor) await list.remove(call, keys.at(-1)!);
  } while (cursor);
  return seen;
}

Deno.test("deleting the item a cursor names leaves no other out, for every list paged in memory", async () => {
  await withTestServer(async ({ client }) => {
    const call = callOf(client);
    const made = (name: string) => makePersona(call, name);
    const removePersona = async (_call: Call, id: string) => {
      await call("persona.delete", { persona_id: id });
    };
    const removeBook = async (_call: Call, id: string) => {
      await call("lorebook.delete", { lorebook_id: id });
    };
    for (const limit of [1, 2, 3]) {
      // An owner with a room, ten friends (strongest first), ten books of each, ten others.
      const owner = await made(`Owner ${limit}`);
      const room = (await call("room.create", { persona_ids: [owner] })).room as { id: string };
      for (let i = 0; i < 10; i++) {
        const id = await made(`Walk ${limit} ${i}`);
        await call("relationship.update", {
          persona_id: owner,
          target_persona_id: id,
          relationship_type: "friend",
          strength: 0.9 - i / 20,
        });
        await call("lorebook.create", { name: `P ${limit} ${i}`, persona_id: owner });
        await call("lorebook.create", { name: `R ${limit} ${i}`, room_id: room.id });
        await made(`Other ${limit} ${i}`); // for persona.list (the friends go first)
      }
      const lorebooks = { items: "lorebooks", key: "id", remove: removeBook };
      const cases: AnchorCase[] = [
        {
          method: "relationship.list",
          params: { persona_id: owner },
          items: "relationships",
          key: "target_persona_id",
          remove: removePersona,
        },
        { method: "lorebook.list", params: { persona_id: owner }, ...lorebooks },
        { method: "lorebook.list", params: { room_id: room.id }, ...lorebooks },
        // Last: it may delete the owner.
        { method: "persona.list", params: {}, items: "personas", key: "id", remove: removePersona },
      ];
      for (const list of cases) {
        const whole = await call(list.method, list.params);
        const all = (whole[list.items] as Array<Record<string, string>>).map((item) =>
          item[list.key]!
        );
        assert.ok(all.length >= 10, `${list.method}: ${all.length}`);
        const walked = await walkDeleting(call, list, limit);
        assert.deepEqual(walked, all, `${list.method} ${JSON.stringify(list.params)} ${limit}`);
      }
    }
  });
});

Deno.test("deleting a page's last item, the one after it and earlier ones skips and repeats no other", async () => {
  await withTestServer(async ({ client }) => {
    const call = callOf(client);
    const made = (name: string) => makePersona(call, name);
    const owner = await made("Owner");
    for (let i = 0; i < 16; i++) {
      const id = await made(`Gone ${i}`);
      await call("relationship.update", {
        persona_id: owner,
        target_persona_id: id,
        relationship_type: "friend",
        strength: 0.9 - i / 40,
      });
    }
    const cases = [
      { method: "relationship.list", params: { persona_id: owner }, items: "relationships" },
      { method: "persona.list", params: {}, items: "personas" },
    ];
    const keyOf = (item: Record<string, string>) => item.target_persona_id ?? item.id!;
    for (const list of cases) {
      // Personas of its own for the second list (the first deleted most of the others).
      for (let i = 0; list.method === "persona.list" && i < 16; i++) await made(`Fresh ${i}`);
      const whole = await call(list.method, list.params);
      const all = (whole[list.items] as Array<Record<string, string>>).map(keyOf);
      const deleted = new Set<string>();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Record<string, unknown> = await call(list.method, {
          ...list.params,
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        const keys = (page[list.items] as Array<Record<string, string>>).map(keyOf);
        seen.push(...keys);
        cursor = page.next_cursor as string | null;
        if (!cursor) break;
        // The page's last item, the one after it (the next in the whole list still here) and
        // the page's first: the cursor's item, its `next` and an item before it.
        const after = all.slice(all.indexOf(keys.at(-1)!) + 1).find((key) => !deleted.has(key));
        for (const key of [keys.at(-1)!, after!, keys[0]!]) {
          if (key === owner || deleted.has(key)) continue;
          deleted.add(key);
          await call("persona.delete", { persona_id: key });
        }
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length, `${list.method}: an item came twice`);
      assert.deepEqual(
        seen.filter((key) => !deleted.has(key)),
        all.filter((key) => !deleted.has(key)),
        list.method,
      );
    }
  });
});
