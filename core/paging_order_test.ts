/**
 * Lists paged in memory that give their order (`pageOf` with a `sortOf`): whatever is deleted
 * between pages (the item a cursor names, the one after it, items before it), a page resumes
 * right after the named item's place, so no surviving item is skipped or sent twice.
 */
import assert from "node:assert/strict";
import { decodeCursor, encodeCursor, pageOf } from "./paging.ts";
import { compareSortValues, indexAfter, parseSortText, type SortValue } from "./paging_order.ts";

interface Item {
  id: string;
  created: number;
}

const order = {
  keyOf: (item: Item) => item.id,
  sortOf: (item: Item): SortValue => [item.created, item.id],
};

/** A small deterministic PRNG (mulberry32), in [0, 1). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test("random deletions between pages never skip a survivor nor repeat an item", () => {
  for (let seed = 1; seed <= 600; seed++) {
    const next = random(seed);
    // Every other seed pages a list in descending order (newest first).
    const descending = seed % 2 === 0;
    const ordered = { ...order, descending };
    // Ties on `created` (the same millisecond) are broken by id, as the order says.
    const all: Item[] = Array.from({ length: 40 }, (_, i) => ({
      id: `p${String(i).padStart(2, "0")}`,
      created: Math.floor(i / 3),
    }));
    if (descending) all.reverse();
    let list = all;
    const deleted = new Set<string>();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = pageOf(list, { limit: 1 + Math.floor(next() * 5), cursor }, ordered);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next_cursor ?? undefined;
      if (!cursor) break;
      // Sometimes the named item, the one after it and items before it all go; else at random.
      const { key, next: after } = decodeCursor(cursor);
      const gone = new Set<string>();
      if (next() < 0.5) { for (const id of [key!, after!]) gone.add(id); }
      for (const item of list) if (next() < 0.15) gone.add(item.id);
      for (const id of gone) deleted.add(id);
      list = list.filter((item) => !gone.has(item.id));
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length, `seed ${seed}: an item came twice`);
    const survivors = all.map((item) => item.id).filter((id) => !deleted.has(id));
    assert.deepEqual(seen.filter((id) => !deleted.has(id)), survivors, `seed ${seed}`);
  }
});

Deno.test("a list not yet in its order is paged in it (stably)", () => {
  const items = [
    { id: "b", created: 2 },
    { id: "a", created: 1 },
    { id: "c", created: 2 },
  ];
  const ids = pageOf(items, { limit: 10 }, order).items.map((item) => item.id);
  assert.deepEqual(ids, ["a", "b", "c"]);
  const newest = pageOf(items, { limit: 10 }, { ...order, descending: true }).items;
  assert.deepEqual(newest.map((item) => item.id), ["c", "b", "a"]);
});

Deno.test("a cursor of a list in memory given out before sort values still pages on", () => {
  const items = ["p0", "p1", "p2", "p3", "p4"].map((id, created) => ({ id, created }));
  // [offset, key, null, next]: the anchor and its next gone, at the anchor's old place.
  const old = encodeCursor({ offset: 2, key: "p1", next: "p2" });
  const left = items.filter((item) => item.id !== "p1" && item.id !== "p2");
  assert.deepEqual(pageOf(left, { limit: 2, cursor: old }, order).items.map((i) => i.id), [
    "p3",
    "p4",
  ]);
  const kept = items.filter((item) => item.id !== "p1");
  assert.deepEqual(pageOf(kept, { limit: 1, cursor: old }, order).items.map((i) => i.id), ["p2"]);
  // A cursor whose sort value is not one this module wrote: as if it had none.
  const odd = encodeCursor({ offset: 2, key: "p1", at: "not json", next: "p2" });
  assert.deepEqual(pageOf(kept, { limit: 1, cursor: odd }, order).items.map((i) => i.id), ["p2"]);
});

Deno.test("the cursor carries the page's last sort value and drops it only when too long", () => {
  const items = [{ id: "a", created: 1 }, { id: "b", created: 2 }];
  const page = pageOf(items, { limit: 1 }, order);
  assert.deepEqual(decodeCursor(page.next_cursor!), {
    offset: 1,
    key: "a",
    at: '[1,"a"]',
    next: "b",
  });
  const long = [{ id: "x".repeat(150), created: 1 }, { id: "y".repeat(150), created: 2 }, {
    id: "z",
    created: 3,
  }];
  const cut = decodeCursor(pageOf(long, { limit: 1 }, order).next_cursor!);
  assert.deepEqual(cut, { offset: 1, key: long[0]!.id, at: JSON.stringify([1, long[0]!.id]) });
});

Deno.test("sort values compare element by element, numbers before strings", () => {
  assert.ok(compareSortValues([1, "b"], [1, "c"]) < 0);
  assert.ok(compareSortValues([2], [1, "z"]) > 0);
  assert.ok(compareSortValues([1], [1, "a"]) < 0);
  assert.ok(compareSortValues([1], ["1"]) < 0);
  assert.equal(compareSortValues([1, "a"], [1, "a"]), 0);
  assert.equal(parseSortText("[1,{}]"), undefined);
  assert.equal(parseSortText("{"), undefined);
  assert.equal(indexAfter([[1], [2], [3]], (value) => value, [2]), 2);
  assert.equal(indexAfter([[1], [3]], (value) => value, [2]), 1);
});
