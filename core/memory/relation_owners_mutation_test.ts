import assert from "node:assert/strict";
import { holdsSomeName } from "./relation_owners.ts";

Deno.test("holdsSomeName: one name held as more than an owner is enough, wherever it stands", () => {
  // "Priya" is only the owner of a relation here, "Ewan" is named himself.
  const content = "Priya's boyfriend Ewan is a chef";
  assert.ok(holdsSomeName(content, ["priya", "ewan"]));
  assert.ok(!holdsSomeName(content, ["priya"]));
});

Deno.test("holdsSomeName: a query's names read again when its array grew", () => {
  const names = ["tobias"];
  assert.ok(!holdsSomeName("Ewan rang", names));
  names.push("ewan");
  assert.ok(holdsSomeName("Ewan rang", names));
});
