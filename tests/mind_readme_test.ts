/**
 * The mind's page (`core/mind/README.md`): its picture walks the whole memory life cycle in
 * order, and its settings table has every setting of the mind (and the quiet time jobs wait for)
 * once, with its real default.
 */
import assert from "node:assert/strict";
import { SETTING_GROUP, SETTINGS } from "../core/settings.ts";
import { REPO_ROOT } from "./_helpers.ts";

const page = Deno.readTextFileSync(`${REPO_ROOT}/core/mind/README.md`);

Deno.test("the mind's page pictures the life cycle: exchange, facts, supersession, reflection, decay, pruning", () => {
  const picture = /## The memory life cycle\n+```\n([\s\S]*?)```/.exec(page)?.[1];
  assert.ok(picture, "a picture under 'The memory life cycle'");
  const stages = ["exchange", "fact", "supersession", "reflection", "decay", "pruning"];
  const at = stages.map((stage) => picture.indexOf(stage));
  assert.ok(at.every((index) => index >= 0), `every stage: ${JSON.stringify(at)}`);
  assert.deepEqual([...at].sort((a, b) => a - b), at, "in the order they happen");
});

Deno.test("the mind's page lists every setting of the mind once, with its default", () => {
  const section = page.slice(page.indexOf("## Settings"));
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  const names = Object.entries(SETTING_GROUP).filter(([, group]) => group === "mind")
    .map(([name]) => name).concat("LLM_BACKGROUND_QUIET_MS");
  assert.ok(names.length >= 14, names.join());
  for (const name of names) {
    const matching = rows.filter((row) => row.startsWith(`| \`${name}\``));
    assert.equal(matching.length, 1, `one row for ${name}`);
    const setting = SETTINGS[name as keyof typeof SETTINGS];
    const fallback = setting.schema.parse(undefined);
    const cell = matching[0]!.split("|")[2]!.trim();
    const shown = fallback === undefined || fallback === "" ? "(none)" : `\`${fallback}\``;
    assert.equal(cell, shown, `${name}'s default`);
  }
});
