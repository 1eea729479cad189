/**
 * A memo's record-keyed path (`TextMemo.ofRecord`): a frozen record (the row cache's shared one)
 * finds its content's value by identity, with no lookup in the texts' table; an unfrozen one is
 * asked by its text (its content may change); a value the memo forgot is worked out again, not
 * read from the slot the record still holds.
 */
import assert from "node:assert/strict";
import { memoComputes, rememberedByText } from "./text_memo.ts";

/** How many `Map.prototype.get` calls `run` makes (the texts' table is a `Map`). */
function mapLookups(run: () => void): number {
  const get = Map.prototype.get;
  let lookups = 0;
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    lookups++;
    return get.call(this, key);
  };
  try {
    run();
  } finally {
    Map.prototype.get = get;
  }
  return lookups;
}

Deno.test("a frozen record's value is found by the record: no lookup in the texts' table", () => {
  const memo = rememberedByText((text) => text.length);
  const record = Object.freeze({ id: "m1", content: "Aria keeps bees on the roof" });
  assert.equal(memo.ofRecord(record), 27);
  const before = memoComputes();
  let value = 0;
  assert.equal(mapLookups(() => value = memo.ofRecord(record)), 0, "found by identity");
  assert.equal(value, 27);
  assert.equal(memoComputes(), before, "nothing worked out again");
  // Another frozen record of the same text shares the text's value (worked out once).
  const twin = Object.freeze({ id: "m2", content: "Aria keeps bees on the roof" });
  assert.equal(memo.ofRecord(twin), 27);
  assert.equal(memoComputes(), before);
  // The text path gives the same value.
  assert.equal(memo("Aria keeps bees on the roof"), 27);
  memo.forget();
});

Deno.test("an unfrozen record is asked by its text: a changed content gets its own value", () => {
  const memo = rememberedByText((text) => text.toUpperCase());
  const record = { content: "bees" };
  assert.equal(memo.ofRecord(record), "BEES");
  record.content = "wasps";
  assert.equal(memo.ofRecord(record), "WASPS");
  assert.ok(mapLookups(() => memo.ofRecord(record)) > 0, "looked up by text every time");
  memo.forget();
});

Deno.test("a value the memo forgot is worked out once more, not read from the record's slot", () => {
  let works = 0;
  const memo = rememberedByText((text) => {
    works++;
    return `${text}!`;
  });
  const other = rememberedByText((text) => text.length);
  const record = Object.freeze({ content: "the kettle is broken" });
  assert.equal(memo.ofRecord(record), "the kettle is broken!");
  assert.equal(other.ofRecord(record), 20);
  memo.forget();
  assert.equal(memo.ofRecord(record), "the kettle is broken!");
  assert.equal(works, 2, "worked out again after the forgetting");
  assert.equal(memo.ofRecord(record), "the kettle is broken!");
  assert.equal(works, 2, "then remembered");
  // Both memos forget: the text's slot leaves the table and the record holds an empty one.
  memo.forget();
  other.forget();
  assert.equal(other.ofRecord(record), 20);
  assert.equal(memo.ofRecord(record), "the kettle is broken!");
  assert.equal(works, 3);
  memo.forget();
  other.forget();
});

Deno.test("a memo's undefined value is served by the record path as by the text path", () => {
  let works = 0;
  const memo = rememberedByText((text): string | undefined => {
    works++;
    return text.includes("x") ? text : undefined;
  });
  const record = Object.freeze({ content: "no such letter here" });
  assert.equal(memo.ofRecord(record), undefined);
  assert.equal(memo.ofRecord(record), undefined);
  assert.equal(works, 1, "an undefined value is remembered too");
  memo.forget();
});
