import assert from "node:assert/strict";
import { KIND_TIES_SLICE } from "./kind_ties.ts";
import { input } from "./testing/contract_fixture.ts";
import { handQuiet } from "./testing/quiet_moments.ts";
import { filler, quietFixture, storedElsewhere, tied, tiedWhenRead } from "./testing/kind_ties.ts";

Deno.test("SQLite kind ties of a persona written from empty are complete at once and follow its writes, with no quiet moment", async () => {
  const quiet = handQuiet();
  const f = await quietFixture(quiet);
  try {
    // No search first: the first store loads the empty index, every write after keeps it.
    const [home, beagle] = await f.memory.storeMany(f.aria, [
      input({ content: "Elmhurst is the care home" }),
      input({ content: "our beagle Biscuit is 5" }),
      ...filler(KIND_TIES_SLICE + 10),
    ]);
    assert.deepEqual(await tied(f), ["beagl", "home"], "no stored content read");
    assert.equal(quiet.waiting, false, "no quiet moment waited for");
    await f.memory.update(home!.id, { content: "Elmhurst shut in May" });
    assert.deepEqual(await tied(f), ["beagl"], "an update");
    await f.memory.delete(beagle!.id);
    assert.deepEqual(await tied(f), [], "a delete");
    await f.memory.store(f.aria, input({ content: "Oakwood is the care home now" }));
    assert.deepEqual(await tied(f), ["home"], "a store");
    assert.equal(quiet.waiting, false);
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties: a store to a persona with memories stored elsewhere leaves them to the quiet reading", async () => {
  const quiet = handQuiet();
  const { f } = await storedElsewhere(quiet, [input({ content: "Elmhurst is the care home" })]);
  try {
    await f.memory.store(f.aria, input({ content: "our beagle Biscuit is 5" }));
    assert.equal(await tied(f), undefined, "the first memory's ties not known without reading");
    assert.deepEqual(await tiedWhenRead(f, quiet), ["beagl", "home"]);
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties of a persona whose first store is rolled back start again from empty", async () => {
  const quiet = handQuiet();
  const f = await quietFixture(quiet);
  try {
    await assert.rejects(
      f.db.transaction(async () => {
        await f.memory.store(f.aria, input({ content: "our beagle Biscuit is 5" }));
        assert.deepEqual(await tied(f), ["beagl"], "inside the transaction");
        throw new Error("the caller fails");
      }),
      /the caller fails/,
    );
    assert.deepEqual(await tied(f), [], "rolled back: empty again, complete");
    await f.memory.store(f.aria, input({ content: "Elmhurst is the care home" }));
    assert.deepEqual(await tied(f), ["home"]);
    assert.equal(quiet.waiting, false);
  } finally {
    await f.close();
  }
});

Deno.test("SQLite kind ties take in content saved with no vector (as PostgreSQL's keys do)", async () => {
  const quiet = handQuiet();
  const f = await quietFixture(quiet);
  try {
    const [left] = await f.memory.storeMany(f.aria, [input({ content: "Tom left home early" })]);
    assert.deepEqual(await tied(f), [], "no name tied to a kind");
    // An internal save of new content without a vector (no save from the wire lacks one today).
    await f.backend.save([{ record: { ...left!, content: "Elmhurst is the care home" } }]);
    assert.deepEqual(await tied(f), ["home"], "the saved content's ties, not the old one's");
    assert.equal(quiet.waiting, false);
  } finally {
    await f.close();
  }
});
