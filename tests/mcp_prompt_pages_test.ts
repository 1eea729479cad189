/**
 * `prompts/list` (100 a page, one prompt per persona, by name): when the prompt a `nextCursor`
 * names, the one after it and one before it are gone before the next page (their personas
 * deleted), the next page still starts right after the named prompt's place: no surviving prompt
 * is skipped or sent twice. Before, the page started at the named prompt's old place, one past
 * the prompt that followed it.
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

Deno.test("prompts/list skips no prompt when the named one and its neighbours are deleted between pages", async () => {
  await withTestServer(async ({ client }) => {
    const ids = new Map<string, string>();
    for (let i = 0; i < 230; i++) {
      const name = `p${String(i).padStart(3, "0")}`;
      const made = await client.call<{ persona_id: string }>("persona.create", { name });
      ids.set(name, made.persona_id);
    }
    const before = await client.call<{ prompts: Array<{ name: string }> }>("prompts/list", {});
    const mine = [...ids.keys()];
    assert.ok(before.prompts.some((prompt) => prompt.name === "p000"));
    const gone = new Set<string>();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: { prompts: Array<{ name: string }>; nextCursor?: string } = await client.call(
        "prompts/list",
        cursor ? { cursor } : {},
      );
      const names = page.prompts.map((prompt) => prompt.name);
      seen.push(...names);
      cursor = page.nextCursor;
      if (!cursor) break;
      // The page's last prompt, the one after it and the page's first go.
      const last = mine.indexOf(names.at(-1)!);
      for (const name of [names.at(-1)!, mine[last + 1]!, names[0]!]) {
        if (!ids.has(name) || gone.has(name)) continue;
        gone.add(name);
        await client.call("persona.delete", { persona_id: ids.get(name)! });
      }
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length, "a prompt came twice");
    const survivors = mine.filter((name) => !gone.has(name));
    assert.deepEqual(seen.filter((name) => ids.has(name) && !gone.has(name)), survivors);
    assert.ok(gone.size >= 4, `${gone.size} deleted`);
  }, { SEED_PERSONAS: "false" });
});
