/**
 * A lorebook upload's own value bound (attack32 M1): a file of more values than any book within
 * `LORE_LIMITS` is written in (`LORE_UPLOAD_VALUES`) is refused before `JSON.parse` sees it; so
 * is a book whose own count, read on the text, is past `LORE_LIMITS.values` (fix135), with the
 * book reader's error.
 *
 * @module
 */
import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { LORE_UPLOAD_VALUES } from "../../lore/mod.ts";
import { jsonKeysProblem, MAX_TOTAL_VALUES } from "../../json_keys.ts";
import { bigParses } from "../../lore/testing/parse_spy.ts";

async function restApp() {
  const parts = await buildServer(testConfig({}), { log: testLogger(), databasePath: ":memory:" });
  return { ...parts, [Symbol.asyncDispose]: () => parts.services.db.close() };
}

/**
 * A World Info file of exactly `values` values, filled by its entry's extension array (`where`
 * "entry": the book counts them) or by a field of the file's root (`where` "root").
 */
function worldOfValues(values: number, where: "entry" | "root" = "entry"): string {
  const fill = (items: number) => `[${"0,".repeat(items - 1)}0]`;
  const text = (items: number) =>
    where === "entry"
      ? `{"entries":{"0":{"uid":0,"key":["k"],"content":"c","extensions":{"a":${fill(items)}}}}}`
      : `{"entries":{"0":{"uid":0,"key":["k"],"content":"c"}},"a":${fill(items)}}`;
  // No string holds `{`, `[` or `,`: the values of one item are these characters.
  const base = [...text(1)].filter((char) => "{[,".includes(char)).length;
  const file = text(values - base + 1);
  assert.ok(jsonKeysProblem(file, values) === null && jsonKeysProblem(file, values - 1) !== null);
  return file;
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
  // Values the text count leaves out (the book's own fields): the upload bound refuses them.
  const over = worldOfValues(LORE_UPLOAD_VALUES + 1, "root");
  const refused = await bigParses(over.length / 2, async () => {
    const answer = await post(over);
    assert.equal(answer.status, 400);
    const { error } = await answer.json();
    assert.equal(error.code, -32602);
    assert.equal(error.data.fields[0].field, "file");
    assert.match(error.message, /more than 920000 values/);
  });
  assert.equal(refused, 0, "JSON.parse never saw the upload");
  // At the bound in an entry's extension: the book's count on the text refuses it (fix135).
  const at = worldOfValues(LORE_UPLOAD_VALUES);
  const parsed = await bigParses(at.length / 2, async () => {
    const answer = await post(at);
    assert.equal(answer.status, 400);
    assert.match((await answer.json()).error.message, /at most 400000 values/);
  });
  assert.equal(parsed, 0);
});

Deno.test("a 5 MB book of tiny keys is refused with the book's error before it is parsed (fix135)", async () => {
  await using app = await restApp();
  // 5,000 entries of 166 keys "abc": 830,000 values, within LORE_UPLOAD_VALUES.
  const entries = Array.from(
    { length: 5000 },
    () => ({ keys: Array(166).fill("abc"), content: "" }),
  );
  const shapes: [unknown, string][] = [
    [{ entries }, "lorebook"],
    [{ spec: "lorebook_v3", data: { entries } }, "lorebook.data"],
    [
      { spec: "chara_card_v3", data: { name: "c", character_book: { entries } } },
      "lorebook.data.character_book",
    ],
  ];
  for (const [document, field] of shapes) {
    const body = JSON.stringify(document);
    assert.ok(body.length > 5_000_000 && jsonKeysProblem(body, LORE_UPLOAD_VALUES) === null);
    const parses = await bigParses(body.length / 2, async () => {
      const answer = await app.rest.request("/api/lorebooks/import", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
      });
      assert.equal(answer.status, 400);
      const { error } = await answer.json();
      assert.equal(error.code, -32602);
      assert.equal(
        error.message,
        `Invalid lorebook: ${field} must hold at most 400000 values in its keys, extensions and unknown fields`,
      );
      assert.equal(error.data.fields[0].field, field);
    });
    assert.equal(parses, 0, `JSON.parse never saw the ${field} upload`);
  }
});
