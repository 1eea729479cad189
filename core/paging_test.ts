import assert from "node:assert/strict";
import { z } from "zod";
import {
  decodeCursor,
  encodeCursor,
  jsonItemBytes,
  LIST_ENVELOPE_BYTES,
  listBudget,
  pageOf,
  pageParams,
} from "./paging.ts";
import { InvalidInput } from "./errors.ts";

const items = Array.from({ length: 7 }, (_, i) => ({ id: `p${i}` }));

Deno.test("the defaults give small lists whole, with has_more false and no cursor", () => {
  const params = z.strictObject(pageParams({ default: 50, max: 100 })).parse({});
  assert.deepEqual(pageOf(items, params), { items, has_more: false, next_cursor: null });
});

Deno.test("limit has the given default and maximum", () => {
  const schema = z.strictObject(pageParams({ default: 20, max: 100 }));
  assert.equal(schema.parse({}).limit, 20);
  assert.equal(schema.parse({ limit: 100 }).limit, 100);
  assert.equal(schema.safeParse({ limit: 101 }).success, false);
  assert.equal(schema.safeParse({ limit: 0 }).success, false);
});

Deno.test("pages follow each other without gaps or repeats, the last has no cursor", () => {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = pageOf(items, { limit: 3, cursor }, (item) => item.id);
    seen.push(...page.items.map((item) => item.id));
    assert.equal(page.has_more, page.next_cursor !== null);
    cursor = page.next_cursor ?? undefined;
    pages++;
  } while (cursor);
  assert.deepEqual(seen, items.map((item) => item.id));
  assert.equal(pages, 3);
});

Deno.test("a list whose length is a multiple of the page size ends without an empty page", () => {
  const six = items.slice(0, 6);
  const first = pageOf(six, { limit: 3 });
  assert.equal(first.has_more, true);
  const second = pageOf(six, { limit: 3, cursor: first.next_cursor! });
  assert.equal(second.items.length, 3);
  assert.equal(second.has_more, false, "exactly at the end: nothing follows");
  assert.equal(second.next_cursor, null);
});

Deno.test("with keys, a page continues after its last item even when earlier items went", () => {
  const first = pageOf(items, { limit: 3 }, (item) => item.id);
  const shrunk = items.filter((item) => item.id !== "p0");
  const second = pageOf(shrunk, { limit: 3, cursor: first.next_cursor! }, (item) => item.id);
  assert.deepEqual(second.items.map((item) => item.id), ["p3", "p4", "p5"]);
});

Deno.test("deleting the item a cursor names skips and repeats nothing, in any order", () => {
  const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);
  const key = (item: { id: string }) => item.id;
  // Not in key order: a list in memory may be in any (strongest first, newest first, ...).
  const mixed = ["p4", "p1", "p6", "p0", "p5", "p3", "p2"].map((id) => ({ id }));
  for (const limit of [1, 2, 3]) {
    let list = [...mixed];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = pageOf(list, { limit, cursor }, key);
      seen.push(...ids(page));
      cursor = page.next_cursor ?? undefined;
      // The page's last item goes before the next page is asked for.
      list = list.filter((item) => item.id !== page.items.at(-1)!.id);
    } while (cursor);
    assert.deepEqual(seen, mixed.map(key), `limit ${limit}`);
  }
  const first = pageOf(items, { limit: 3 }, key);
  // The item after it gone too: at the old place of the one gone (where p4 now is).
  const both = items.filter((item) => item.id !== "p2" && item.id !== "p3");
  assert.deepEqual(ids(pageOf(both, { limit: 2, cursor: first.next_cursor! }, key)), ["p4", "p5"]);
  // A cursor of the old form (position and key only), its item gone: at the item's old place.
  const old = encodeCursor({ offset: 3, key: "p2" });
  const gone = items.filter((item) => item.id !== "p2");
  assert.deepEqual(ids(pageOf(gone, { limit: 3, cursor: old }, key)), ["p3", "p4", "p5"]);
  assert.deepEqual(
    ids(pageOf(items.slice(1), { limit: 1, cursor: encodeCursor({ offset: 1, key: "p0" }) }, key)),
    ["p1"],
  );
});

Deno.test("a cursor too long with the next item's key names only the page's last item", () => {
  const long = [{ id: "a".repeat(300) }, { id: "b".repeat(300) }, { id: "c" }];
  const page = pageOf(long, { limit: 1 }, (item) => item.id);
  assert.ok(page.next_cursor!.length <= 512);
  assert.deepEqual(decodeCursor(page.next_cursor!), { offset: 1, key: "a".repeat(300) });
  const next = pageOf(long, { limit: 1, cursor: page.next_cursor! }, (item) => item.id);
  assert.deepEqual(next.items, [long[1]]);
});

Deno.test("cursors round-trip and foreign ones are -32602 naming cursor", () => {
  assert.deepEqual(decodeCursor(encodeCursor({ offset: 40, key: "é/+?" })), {
    offset: 40,
    key: "é/+?",
  });
  assert.deepEqual(decodeCursor(undefined), { offset: 0 });
  for (const bad of ["page-2", "!!!", encodeCursor({ offset: -1 }), btoa("[1.5]"), btoa("{}")]) {
    assert.throws(() => decodeCursor(bad), (error: Error) =>
      error instanceof InvalidInput &&
      (error.data as { fields: Array<{ field: string }> }).fields[0]?.field === "cursor", bad);
  }
});

Deno.test("a cursor is 1 to 512 characters", () => {
  const schema = z.strictObject(pageParams({ default: 20, max: 100 }));
  assert.equal(schema.safeParse({ cursor: "x".repeat(512) }).success, true);
  assert.equal(schema.safeParse({ cursor: "x".repeat(513) }).success, false);
  assert.equal(schema.safeParse({ cursor: "" }).success, false);
});

Deno.test("a cursor holds an offset and at most a string key and its string sort value", () => {
  const raw = (value: unknown) => btoa(JSON.stringify(value));
  const bad = [
    [],
    [1, 2],
    [1, null],
    [1, "a", 2],
    [1, null, "b"],
    [1, "a", null],
    [
      1,
      "a",
      null,
      null,
    ],
    [1, "a", "b", 3],
    [1, "a", 3, "c"],
    [1, "a", "b", "c", "d"],
  ];
  for (const value of bad.map(raw)) {
    assert.throws(() => decodeCursor(value), InvalidInput, value);
  }
  assert.deepEqual(decodeCursor(raw([3, "k", "t"])), { offset: 3, key: "k", at: "t" });
  assert.deepEqual(decodeCursor(encodeCursor({ offset: 3, key: "k", at: "t" })), {
    offset: 3,
    key: "k",
    at: "t",
  });
  assert.deepEqual(decodeCursor(raw([3, "k"])), { offset: 3, key: "k" });
  // A list paged in memory names the item after the page, with no sort value.
  assert.deepEqual(decodeCursor(raw([3, "k", null, "n"])), { offset: 3, key: "k", next: "n" });
  assert.deepEqual(decodeCursor(raw([3, "k", "t", "n"])), {
    offset: 3,
    key: "k",
    at: "t",
    next: "n",
  });
  const position = { offset: 3, key: "k", next: "n" };
  assert.deepEqual(decodeCursor(encodeCursor(position)), position);
  assert.deepEqual(decodeCursor(raw([0])), { offset: 0 });
});

Deno.test("cursors are URL-safe without padding, for every length", () => {
  for (let length = 0; length < 12; length++) {
    const position = { offset: 10 ** length, key: "k".repeat(length) };
    const cursor = encodeCursor(position);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(cursor), position);
  }
});

Deno.test("a cursor naming the first item continues right after it", () => {
  const cursor = encodeCursor({ offset: 5, key: "p0" });
  const page = pageOf(items, { limit: 2, cursor }, (item) => item.id);
  assert.deepEqual(page.items.map((item) => item.id), ["p1", "p2"]);
});

Deno.test("a byte budget cuts a page early, one item at least, the cursor right after it", () => {
  const sized = [10, 10, 10, 50, 10, 10].map((n, i) => ({ id: `s${i}`, n }));
  const budget = { budgetBytes: 30, sizeOf: (item: { n: number }) => item.n };
  const walk = (limit: number) => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = pageOf(sized, { limit, cursor }, (item) => item.id, budget);
      pages.push(page.items.map((item) => item.id));
      assert.equal(page.has_more, page.next_cursor !== null);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return pages;
  };
  // Cut by bytes (30 fits three of 10), then an item over the budget alone, then the rest.
  assert.deepEqual(walk(50), [["s0", "s1", "s2"], ["s3"], ["s4", "s5"]]);
  // Cut by limit before the budget.
  assert.deepEqual(walk(2), [["s0", "s1"], ["s2"], ["s3"], ["s4", "s5"]]);
  // Measured only while the page fills: the items after the cut are never sized.
  const measured: string[] = [];
  pageOf(sized, { limit: 50 }, (item) => item.id, {
    budgetBytes: 30,
    sizeOf: (item) => (measured.push(item.id), item.n),
  });
  assert.deepEqual(measured, ["s0", "s1", "s2", "s3"]);
  // The default size: UTF-8 bytes of the JSON and a comma.
  assert.equal(jsonItemBytes({ a: "é" }), JSON.stringify({ a: "é" }).length + 2);
  assert.equal(listBudget(1_048_576), 1_048_576 - LIST_ENVELOPE_BYTES);
});

Deno.test("a page whose items fill the budget still fits in MAX_REPLY_BYTES with its envelope", () => {
  const max = 1_048_576;
  const budget = listBudget(max);
  // Four items whose sizes add up to the budget exactly, and one more that does not fit.
  const item = (i: number, bytes: number) => {
    const base = jsonItemBytes({ id: `m${i}`, text: "" });
    return { id: `m${i}`, text: "x".repeat(bytes - base) };
  };
  const quarter = Math.floor(budget / 4);
  const full = [0, 1, 2].map((i) => item(i, quarter));
  full.push(item(3, budget - 3 * quarter));
  const page = pageOf([...full, item(4, 100)], { limit: 100 }, (m) => m.id, {
    budgetBytes: budget,
  });
  assert.equal(page.items.length, 4, "the items fill the budget exactly");
  assert.equal(page.items.reduce((sum, m) => sum + jsonItemBytes(m), 0), budget);
  // The rest of a memory.list reply at its longest: a long request id, the largest cursor.
  const reply = {
    jsonrpc: "2.0",
    id: "x".repeat(256),
    result: {
      persona_id: crypto.randomUUID(),
      memories: page.items,
      total: 1_000_000_000,
      limit: 100,
      offset: 1_000_000_000,
      has_more: page.has_more,
      next_cursor: "x".repeat(512),
    },
  };
  assert.ok(new TextEncoder().encode(JSON.stringify(reply)).length <= max);
});
