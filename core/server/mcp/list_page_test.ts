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
    const page = mcpPage(list, cursor, key);
    seen.push(...page.items);
    cursor = page.nextCursor;
    list = list.filter((name) => name !== page.items.at(-1));
  } while (cursor);
  assert.deepEqual(seen, names);
});
