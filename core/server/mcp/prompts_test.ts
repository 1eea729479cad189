import assert from "node:assert/strict";
import type { Persona } from "../../personas/mod.ts";
import { buildServer } from "../server.ts";
import { Session } from "../../sessions/mod.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import type { HandlerContext } from "../define_handler.ts";
import { pageOf } from "../../paging.ts";
import { listPrompts, PROMPT_ORDER, promptNames } from "./prompts.ts";

function persona(name: string, id: string, created_at: string): Persona {
  return { name, id, created_at } as Persona;
}

Deno.test("prompt names are persona-name slugs; the newer of a clashing pair gets its id", () => {
  const names = promptNames([
    persona("Jo-Ann", "bbbbbbbb-2", "2026-01-02T00:00:00.000Z"),
    persona("jo ann", "aaaaaaaa-1", "2026-01-01T00:00:00.000Z"),
    persona("Éowyn of Rohan", "cccccccc-3", "2026-01-03T00:00:00.000Z"),
    persona("???", "dddddddd-4", "2026-01-04T00:00:00.000Z"),
  ]);
  assert.deepEqual([...names].map(([name, { id }]) => [name, id]), [
    ["jo_ann", "aaaaaaaa-1"],
    ["jo-ann", "bbbbbbbb-2"],
    ["eowyn_of_rohan", "cccccccc-3"],
    ["persona", "dddddddd-4"],
  ]);
  const clash = promptNames([
    persona("Jo Ann", "aaaaaaaa-1", "2026-01-01T00:00:00.000Z"),
    persona("jo_ann", "bbbbbbbb-2", "2026-01-02T00:00:00.000Z"),
  ]);
  assert.deepEqual([...clash.keys()], ["jo_ann", "jo_ann_bbbbbbbb"]);
});

Deno.test("prompts/get gives the persona's system prompt; an unknown name is -32602", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const session = new Session("internal");
  try {
    const { prompts } = await app.dispatcher.call("prompts/list", {}, { session }) as {
      prompts: Array<{ name: string; description: string; title: string; arguments: unknown }>;
    };
    assert.deepEqual(prompts.map((prompt) => prompt.name), ["aria", "kira"]);
    assert.match(prompts[0]!.description, /^Speak as Aria: /);
    assert.equal(prompts[0]!.title, "Speak as Aria");
    assert.deepEqual(
      (prompts[0]!.arguments as Array<{ name: string; required: boolean }>).map((a) => [
        a.name,
        a.required,
      ]),
      [["sender", false], ["message", false]],
    );

    session.visualContext = { type: "scene", data: { place: "harbor" }, updated_at: "" };
    const aria = await app.dispatcher.call("prompts/get", { name: "aria" }, { session }) as {
      messages: Array<{ role: string; content: { type: string; text: string } }>;
    };
    assert.equal(aria.messages.length, 1);
    assert.equal(aria.messages[0]!.role, "user");
    const text = aria.messages[0]!.content.text;
    for (
      const part of [/You are Aria/, /elven bard/i, /Your personality: /, /harbor/, /the user/]
    ) {
      assert.match(text, part);
    }
    await assert.rejects(
      app.dispatcher.call("prompts/get", { name: "nobody" }, { session }),
      (error: Error & { code?: number }) => error.code === -32602 && /nobody/.test(error.message),
    );
  } finally {
    await app.services.db.close();
  }
});

Deno.test("prompts/list is in code-unit order, the order its cursors page by (review24 M35)", async () => {
  // Slugs on which localeCompare and UTF-16 code units disagree ("_" and "-" against digits).
  const personas = ["ab", "a_b", "a1", "a-b"].map((name, i) => ({
    ...persona(name, `${i}0000000-0`, `2026-01-0${i + 1}T00:00:00.000Z`),
    description: "",
  }));
  const ctx = { personas: { list: () => Promise.resolve(personas) } } as unknown as HandlerContext;
  const names = (await listPrompts(ctx)).map((prompt) => prompt.name);
  assert.deepEqual(names, ["a-b", "a1", "a_b", "ab"]);
  assert.notDeepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), "the case matters");
  // The order the cursors carry (PROMPT_ORDER's sort value) is the list's.
  const sorted = [...names].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  assert.deepEqual(names, sorted);
  assert.deepEqual(PROMPT_ORDER.sortOf!({ name: "Ab_1" } as never), ["Ab_1"]);
});

Deno.test("prompts/list pages by persona: the newer namesake taking the bare name is not skipped (review24 F5)", async () => {
  const made = (name: string, id: string, day: number) => ({
    ...persona(name, id, `2026-01-0${day}T00:00:00.000Z`),
    description: "",
  });
  let personas = [
    made("Aria", "aaaaaaaa-1", 1),
    made("aria", "bbbbbbbb-2", 2),
    made("Zed", "cccccccc-3", 3),
  ];
  const ctx = { personas: { list: () => Promise.resolve(personas) } } as unknown as HandlerContext;
  const first = pageOf(await listPrompts(ctx), { limit: 1 }, PROMPT_ORDER);
  assert.deepEqual(first.items.map((prompt) => prompt.name), ["aria"]);
  // The oldest Aria is deleted: the other one is named "aria" now, after the cursor's place.
  personas = personas.slice(1);
  const rest = pageOf(
    await listPrompts(ctx),
    { limit: 10, cursor: first.next_cursor ?? undefined },
    PROMPT_ORDER,
  );
  assert.deepEqual(rest.items.map((prompt) => prompt.name), ["aria", "zed"]);
});
