/**
 * The name index: one map step a lookup, each stored name's keys computed once (and kept across
 * loads while the name is unchanged), a too long lookup computes none; the order of matches
 * (spelt so, then the same name, then a look-alike; the oldest first); the key memo's bound.
 */
import assert from "node:assert/strict";
import { nameKeys } from "./name_key.ts";
import { LOOKUP_MAX, NameIndex } from "./name_index.ts";

/** `nameKeys`, counting its calls. */
function counted() {
  const calls: string[] = [];
  return {
    calls,
    keysOf: (name: string) => {
      calls.push(name);
      return nameKeys(name);
    },
  };
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `id${i}`, name: `P ${i}` }));

Deno.test("a lookup computes the keys of the name looked up only, whatever the number of names", () => {
  const { calls, keysOf } = counted();
  const index = new NameIndex(rows(5000), { keysOf });
  assert.equal(calls.length, 0, "no key before a lookup needs one");
  assert.equal(index.find("P 7")?.match, "exact");
  assert.equal(calls.length, 0, "a name spelt so needs no key");
  assert.equal(index.find("p 7")?.id, "id7");
  assert.equal(calls.length, 5001, "each stored name keyed once, and the name looked up");
  calls.length = 0;
  for (let i = 0; i < 5000; i += 50) {
    assert.equal(index.find(`p ${i}`)?.id, `id${i}`);
    assert.equal(index.find(`P ${i}`)?.match, "exact");
  }
  assert.equal(index.find("nobody"), undefined);
  // "p i": keyed; "P i" spelt so: no keys at all; "nobody": keyed.
  assert.equal(calls.length, 101);
  // A load after a write keeps the keys of every unchanged name.
  calls.length = 0;
  const next = new NameIndex([...rows(4999), { id: "id4999", name: "Renamed" }, {
    id: "new",
    name: "New",
  }], { previous: index, keysOf });
  assert.equal(next.find("renamed")?.id, "id4999");
  assert.deepEqual(calls, ["renamed", "Renamed", "New"]);
});

Deno.test("a lookup longer than LOOKUP_MAX computes no key and names no persona", () => {
  const { calls, keysOf } = counted();
  const index = new NameIndex([{ id: "a", name: "Aria" }], { keysOf });
  calls.length = 0;
  const long = "\u00ad".repeat(10_000) + "Aria";
  assert.equal(index.find(long), undefined);
  assert.equal(index.idNamed(long), undefined);
  assert.equal(index.find("\u00ad".repeat(LOOKUP_MAX + 1)), undefined);
  assert.deepEqual(calls, [], "no key computed (nor kept in the memo)");
  // Up to the bound, the same name padded with soft hyphens still finds it.
  assert.equal(index.find("\u00ad".repeat(LOOKUP_MAX - 4) + "Aria")?.id, "a");
});

Deno.test("matches go spelt so, then the same name, then a look-alike; the oldest of each first", () => {
  // Stored before the rule: a look-alike (older) and the same name in capitals (newer).
  const index = new NameIndex([
    { id: "alike", name: "Ari\u0430" },
    { id: "greek", name: "\u0391ria" },
    { id: "same", name: "ARIA" },
    { id: "same2", name: "aria" },
  ]);
  assert.deepEqual(index.find("Aria"), { id: "same", name: "ARIA", match: "same" });
  assert.equal(index.find("aria")?.id, "same2", "spelt so first");
  assert.equal(index.find("Aria", "same")?.id, "same2");
  assert.equal(index.find("\u0391RIA")?.id, "greek", "the same name, not the older look-alike");
  const alikes = new NameIndex([{ id: "old", name: "Ari\u0430" }, {
    id: "new",
    name: "\u0391ria",
  }]);
  assert.deepEqual(alikes.find("Aria"), { id: "old", name: "Ari\u0430", match: "alike" });
  assert.equal(alikes.find("Aria", "old")?.id, "new");
  // A rename keeps the persona's place; a new persona is the newest.
  alikes.put("old", "\u0410ria");
  assert.equal(alikes.find("Aria")?.id, "old");
  alikes.put("newest", "ARI\u0410");
  alikes.remove("old");
  assert.equal(alikes.find("Aria")?.id, "new");
  alikes.remove("new");
  assert.equal(alikes.find("Aria")?.id, "newest");
  alikes.remove("newest");
  assert.equal(alikes.find("Aria"), undefined);
  assert.equal(alikes.size, 0);
});

Deno.test("a persona's id is found as a name compares: any case", () => {
  const index = new NameIndex([{ id: "p_A", name: "Pa" }]);
  assert.equal(index.idNamed("P_a"), "p_A");
  assert.equal(index.idNamed("\uff30_\uff41"), "p_A", "full-width");
  assert.equal(index.idNamed("Pa"), undefined);
  index.remove("p_A");
  assert.equal(index.idNamed("p_a"), undefined);
});

Deno.test({
  name: "the name key memo is bounded: 20,000 names looked up once keep little memory",
  fn: () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    assert.ok(gc, "run with --v8-flags=--expose-gc");
    gc();
    const before = Deno.memoryUsage().heapUsed;
    for (let i = 0; i < 20_000; i++) nameKeys(`Persona number ${i} of the long list ${i * 7}`);
    gc();
    // Unbounded, the memo keeps about 8.5 MB of keys here; bounded (4096 names), about 1.5 MB.
    const grown = Deno.memoryUsage().heapUsed - before;
    assert.ok(grown < 5_000_000, `${grown} bytes kept`);
  },
});
