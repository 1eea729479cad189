/**
 * MCP lists (`tools/list`, `resources/list`, `resources/templates/list`, `prompts/list`) page
 * 100 at a time (`mcpPage`): when the item a `nextCursor` names is gone before the next page
 * (a persona deleted takes its prompt and resources), the next page starts at the item after it;
 * before, one item was skipped.
 */
import assert from "node:assert/strict";
import { MCP_PAGE_SIZE, mcpPage } from "./protocol.ts";

Deno.test("deleting the item an MCP cursor names skips and repeats nothing", () => {
  const names = Array.from({ length: 2 * MCP_PAGE_SIZE + 5 }, (_, i) => `prompt_${i}`);
  const key = (name: string) => name;
  let list = [...names];
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = mcpPage(list, { list: "test/list", cursor }, key);
    seen.push(...page.items);
    cursor = page.nextCursor;
    list = list.filter((name) => name !== page.items.at(-1));
  } while (cursor);
  assert.deepEqual(seen, names);
});

Deno.test("an MCP list's cursor is -32602 on another list, and works on its own", () => {
  const items = Array.from({ length: MCP_PAGE_SIZE + 5 }, (_, at) => `item-${at}`);
  const first = mcpPage(items, { list: "resources/list", cursor: undefined }, (item) => item);
  assert.ok(first.nextCursor);
  const own = mcpPage(items, { list: "resources/list", cursor: first.nextCursor }, (item) => item);
  assert.equal(own.items.length, 5);
  for (const list of ["prompts/list", "tools/list", "resources/templates/list"]) {
    assert.throws(
      () => mcpPage(items, { list, cursor: first.nextCursor }, (item) => item),
      /cursor is not one this server gave out/,
      list,
    );
  }
});
