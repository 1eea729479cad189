import assert from "node:assert/strict";
import { SqliteDatabase } from "./sqlite.ts";

/**
 * A read aside whose rows come before its derivation (`readAsideDerived`'s `early`): what the
 * memory service's index load decodes while the worker builds the postings.
 */
Deno.test("a read's rows come early without the columns its derivation reads; those follow on the same rows", async () => {
  const folder = await Deno.makeTempDir();
  const db = new SqliteDatabase(`${folder}/persona.db`, { checkpointInWorker: true });
  try {
    await db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, head BLOB, body BLOB)");
    const head = Uint8Array.from({ length: 300 }, (_, i) => i % 5);
    const body = Uint8Array.from({ length: 1_000 }, (_, i) => i % 7);
    await db.run("INSERT INTO items (id, head, body) VALUES (1, ?, ?)", head, body);
    // It reads `body` (held back) and `n` (a number: it comes early too).
    const derive = `(rows) => {
      const sums = new Float64Array([rows[1].body.reduce((sum, value) => sum + value, 0), rows[0].n]);
      return { value: { sums }, transfer: [sums.buffer] };
    }`;
    const statements = [
      { sql: "SELECT COUNT(*) AS n FROM items", params: [] },
      { sql: "SELECT head, body FROM items WHERE id = ?", params: [1] },
    ];
    const seen: Array<{ n: unknown; head: unknown; body: boolean; row: object }> = [];
    let done = false;
    const reading = db.readAsideDerived(statements, derive, {
      early: (rows) => {
        assert.equal(done, false, "before the read is done");
        seen.push({ n: rows[0]?.n, head: rows[1]?.head, body: "body" in rows[1]!, row: rows[1]! });
      },
      derivedFrom: ["body"],
    })!;
    const { rows, derived } = await reading;
    done = true;
    assert.equal(seen.length, 1, "the rows came once, early");
    assert.deepEqual(seen[0]!.n, 1);
    assert.deepEqual(seen[0]!.head, head, "a column the derivation does not read comes early");
    assert.equal(seen[0]!.body, false, "the column it reads does not");
    assert.equal(rows[1], seen[0]!.row, "the same row object, completed");
    assert.deepEqual(rows[1]?.body, body);
    assert.deepEqual(rows[1]?.head, head);
    const { sums } = derived as { sums: Float64Array };
    assert.deepEqual([...sums], [body.reduce((sum, value) => sum + value, 0), 1], "it read them");
    // A failure in the early work is the caller's to meet later: the read still resolves.
    const again = await db.readAsideDerived(statements, derive, {
      early: () => {
        throw new Error("early work failed");
      },
      derivedFrom: ["body"],
    })!;
    assert.deepEqual(again.rows[1]?.body, body);
    // Without `early`, one message as before.
    assert.deepEqual((await db.readAsideDerived(statements, derive))!.rows[1]?.head, head);
  } finally {
    await db.close();
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("rows asked for early without the columns the derivation reads: refused, not emptied", async () => {
  const folder = await Deno.makeTempDir();
  const db = new SqliteDatabase(`${folder}/persona.db`, { checkpointInWorker: true });
  try {
    await db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, body BLOB)");
    await db.run("INSERT INTO items (id, body) VALUES (1, ?)", new Uint8Array(1_000).fill(3));
    const statements = [{ sql: "SELECT body FROM items WHERE id = ?", params: [1] }];
    const derive = "(rows) => ({ value: rows[0].body.length, transfer: [] })";
    let early = 0;
    // Without `derivedFrom`, `body` would leave with the early rows and `derive` would read 0.
    // @ts-expect-error: `early` needs `derivedFrom` (`DerivedReadOptions`).
    const unsafe: Parameters<SqliteDatabase["readAsideDerived"]>[2] = { early: () => early++ };
    await assert.rejects(db.readAsideDerived(statements, derive, unsafe)!, TypeError);
    assert.equal(early, 0, "no rows were sent");
    const { derived } = (await db.readAsideDerived(statements, derive, {
      early: () => early++,
      derivedFrom: ["body"],
    }))!;
    assert.equal(derived, 1_000, "held back, it reads the whole column");
    assert.equal(early, 1);
  } finally {
    await db.close();
    await Deno.remove(folder, { recursive: true });
  }
});
