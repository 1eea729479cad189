/**
 * A lorebook upload's own value bound (attack32 M1): a file of more values than any book within
 * `LORE_LIMITS` is written in (`LORE_UPLOAD_VALUES`) is refused before `JSON.parse` sees it;
 * one within it is parsed, and `LORE_LIMITS` still refuses a book past its own bound.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { LORE_UPLOAD_VALUES } from "../../lore/mod.ts";
import { jsonKeysProblem, MAX_TOTAL_VALUES } from "../../json_keys.ts";

async function restApp() {
  const parts = await buildServer(testConfig({}), { log: testLogger(), databasePath: ":memory:" });
  return { ...parts, [Symbol.asyncDispose]: () => parts.services.db.close() };
}

/** A World Info file of exactly `values` values (its entry's extension array fills them). */
function worldOfValues(values: number): string {
  const text = (items: number) =>
    `{"entries":{"0":{"uid":0,"key":["k"],"content":"c","extensions":{"a":[${
      "0,".repeat(items - 1)
    }0]}}}}`;
  // No string holds `{`, `[` or `,`: the values of one item are these characters.
  const base = [...text(1)].filter((char) => "{[,".includes(char)).length;
  const file = text(values - base + 1);
  assert.ok(jsonKeysProblem(file, values) === null && jsonKeysProblem(file, values - 1) !== null);
  return file;
}

/** Calls `JSON.parse` on texts of at least `chars` characters during `run`. */
async function bigParses(chars: number, run: () => Promise<void>): Promise<number> {
  const parse = JSON.parse;
  let calls = 0;
  JSON.parse = ((text: string, reviver?: never) => {
    if (typeof text === "string" && text.length >= chars) calls++;
    return parse(text, reviver);
  }) as typeof JSON.parse;
  try {
    await run();
  } finally {
    JSON.parse = parse;
  }
  return calls;
}

Deno.test("a lorebook upload past LORE_UPLOAD_VALUES is refused before it is parsed", async () => {
  assert.equal(LORE_UPLOAD_VALUES, 920_000);
  assert.ok(LORE_UPLOAD_VALUES < MAX_TOTAL_VALUES);
  await using app = await restApp();
  const post = (body: string) =>
    app.rest.request("/api/lorebooks/import", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
  const over = worldOfValues(LORE_UPLOAD_VALUES + 1);
  const refused = await bigParses(over.length / 2, async () => {
    const answer = await post(over);
    assert.equal(answer.status, 400);
    const { error } = await answer.json();
    assert.equal(error.code, -32602);
    assert.equal(error.data.fields[0].field, "file");
    assert.match(error.message, /more than 920000 values/);
  });
  assert.equal(refused, 0, "JSON.parse never saw the upload");
  // At the bound it is parsed, and the book's own bound (400,000 values) refuses it.
  const at = worldOfValues(LORE_UPLOAD_VALUES);
  const parsed = await bigParses(at.length / 2, async () => {
    const answer = await post(at);
    assert.equal(answer.status, 400);
    assert.match((await answer.json()).error.message, /at most 400000 values/);
  });
  assert.equal(parsed, 1);
});
