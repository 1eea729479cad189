/**
 * attack35 A1, A2: the work of reading a text's values and of comparing two valued texts is
 * bounded by their words, not by the product of their values. Counted as the set and map lookups
 * the reading makes (the prototype's `has` and `get`, patched for one call), never timed.
 */
import assert from "node:assert/strict";
import { statedValues } from "./stated_values.ts";
import { restatesValue } from "./restated_values.ts";

/** How many `Set#has`, `Map#has` and `Map#get` calls `run` makes. */
function lookups(run: () => unknown): number {
  const setHas = Set.prototype.has;
  const mapHas = Map.prototype.has;
  const mapGet = Map.prototype.get;
  let count = 0;
  Set.prototype.has = function (this: Set<unknown>, value: unknown) {
    count++;
    return setHas.call(this, value);
  };
  Map.prototype.has = function (this: Map<unknown, unknown>, key: unknown) {
    count++;
    return mapHas.call(this, key);
  };
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    count++;
    return mapGet.call(this, key);
  };
  try {
    run();
  } finally {
    Set.prototype.has = setHas;
    Map.prototype.has = mapHas;
    Map.prototype.get = mapGet;
  }
  return count;
}

/** `piece(i)` joined by spaces up to `limit` characters (a memory's most is 10,000). */
function filled(piece: (i: number) => string, limit = 9_990): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length + piece(i).length + 1 <= limit; i++) {
    parts.push(piece(i));
    length += piece(i).length + 1;
  }
  return parts.join(" ");
}

Deno.test("a clause of a thousand dates is read once: its values share one reading (attack35 A1)", () => {
  const text = filled((i) => `mum ${1 + i % 28} may`);
  const words = text.split(" ").length;
  let values: ReturnType<typeof statedValues> = [];
  const count = lookups(() => values = statedValues(text));
  assert.ok(values.length > 900, `${values.length} values`);
  // Read per value, the clause's 3,000 words were read a thousand times (~9,000,000 lookups).
  assert.ok(count < 100 * words, `${count} lookups for ${words} words`);
  // One persons list for the clause, each person once (it held a thousand "mum"s per value).
  assert.equal(new Set(values.map((value) => value.persons)).size, 1);
  assert.deepEqual(values[0]!.persons, ["mum"]);
});

Deno.test("each clause keeps its own reading: persons, an addition, a bare value", () => {
  const [swim, piano, year] = statedValues(
    "my son's swimming is on Mondays, also the piano lesson with my sister on Tuesdays, " +
      "a degree in law, second year",
  );
  assert.deepEqual(swim!.persons, ["son"]);
  assert.equal(swim!.additive, false);
  assert.deepEqual(piano!.persons, ["sister"]);
  assert.equal(piano!.additive, true);
  // The bare clause takes its anchor from the clause before.
  assert.ok(year!.anchor.has("law"), [...year!.anchor].join());
  assert.deepEqual(year!.persons, []);
});

Deno.test("two memories of hundreds of values compare in about their values, not their product (attack35 A2)", () => {
  const older = filled(() => "lane 1st car");
  const newer = filled(() => "lane 3rd car");
  const asked = { terms: ["kerb"] };
  // Read once (remembered), so only the comparison is counted.
  assert.equal(restatesValue(older, newer, asked), false);
  const values = statedValues(older).length + statedValues(newer).length;
  assert.ok(values > 1_000, `${values} values`);
  const count = lookups(() => restatesValue(older, newer, asked));
  // Each newer value against each older one was ~300,000 lookups.
  assert.ok(count < 16 * values, `${count} lookups for ${values} values`);
  // The answer is the same: the query on the slot finds the restatement.
  assert.equal(restatesValue(older, newer, { terms: ["lane"] }), true);
  assert.equal(restatesValue(older, newer), true);
});

Deno.test("a pair's persons and heads, worked out once, answer each value as before", () => {
  // A person in one clause the older text never names keeps that clause's value out, not the
  // other clause's.
  const older = "the swimming lesson is on Mondays, the bin day is Thursdays";
  assert.equal(restatesValue(older, "my aunt's swimming lesson is on Tuesdays"), false);
  assert.equal(
    restatesValue(older, "my aunt's swimming lesson is on Tuesdays, the bin day is Fridays"),
    true,
  );
  // An older anchor that modifies a head the newer never says ("sea cadets"), beside one that
  // modifies none: the bare one pairs.
  assert.equal(restatesValue("sea cadets on Tuesday nights", "the sea on Wednesday"), false);
  assert.equal(
    restatesValue("sea cadets on Tuesday nights, the sea on Fridays", "the sea on Wednesday"),
    true,
  );
});
