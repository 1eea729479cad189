/**
 * The writer's link rules through the memory service on real SQLite.
 *
 * @module
 */
import assert from "node:assert/strict";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { InvalidInput } from "../errors.ts";
import { MAX_LINK_HOPS } from "./supersede_cycles.ts";
import { LocalEmbedder } from "./embedder.ts";

/** Runs `work` on a memory fixture over a real SQLite file, closed after. */
async function withSqlite(work: (fixture: MemoryFixture) => Promise<void>): Promise<void> {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    await work(fixture);
  } finally {
    await fixture.close();
  }
}

Deno.test("memory.update refuses a supersedes that would close a cycle of links, however long", async () => {
  await withSqlite(async (fixture) => {
    const { memory, aria } = fixture;
    const a = await memory.store(aria, input({ content: "I live in Lyon." }));
    const b = await memory.store(aria, input({ content: "I moved to Porto.", supersedes: [a.id] }));
    const c = await memory.store(
      aria,
      input({ content: "I moved to Lisbon.", supersedes: [b.id] }),
    );
    await assert.rejects(() => memory.update(a.id, { supersedes: [b.id] }), InvalidInput);
    await assert.rejects(
      () => memory.update(a.id, { supersedes: [c.id] }),
      (error: InvalidInput) => {
        assert.match(error.message, /already supersedes it/);
        return true;
      },
    );
    assert.equal((await memory.get(c.id)).superseded_by, null, "nothing written");
    // A link the other way round is fine: c may supersede a too (it is newer in the chain).
    const updated = await memory.update(c.id, { supersedes: [a.id] });
    assert.deepEqual(updated.supersedes.sort(), [a.id, b.id].sort());
  });
});

Deno.test("memory.update lets a superseded memory be made current and replace its replacement at once", async () => {
  await withSqlite(async (fixture) => {
    const { memory, aria } = fixture;
    const a = await memory.store(aria, input({ content: "I live in Porto." }));
    const b = await memory.store(aria, input({ content: "I moved to Lyon.", supersedes: [a.id] }));
    const swapped = await memory.update(a.id, { superseded_by: null, supersedes: [b.id] });
    assert.equal(swapped.superseded_by, null);
    assert.deepEqual(swapped.supersedes, [b.id]);
    const replaced = await memory.get(b.id);
    assert.equal(replaced.superseded_by, a.id);
    assert.deepEqual(replaced.supersedes, [], "b no longer lists a: no cycle");
  });
});

Deno.test("memory.update: two link changes at once that together close a cycle, one is refused", async () => {
  await withSqlite(async (fixture) => {
    const { memory, aria } = fixture;
    const c = await memory.store(aria, input({ content: "I drive a Skoda." }));
    const d = await memory.store(aria, input({ content: "I drive a Volvo." }));
    const results = await Promise.allSettled([
      memory.update(c.id, { supersedes: [d.id] }),
      memory.update(d.id, { supersedes: [c.id] }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
    const [nowC, nowD] = [await memory.get(c.id), await memory.get(d.id)];
    assert.ok(nowC.superseded_by === null || nowD.superseded_by === null, "one stays current");
  });
});

Deno.test("memory.update: a link change and a content change of the replaced memory at once both hold; a delete racing a link brings nothing back", async () => {
  await withSqlite(async (fixture) => {
    const { memory, aria } = fixture;
    const x = await memory.store(aria, input({ content: "I live in Lyon." }));
    const a = await memory.store(aria, input({ content: "I moved to Porto." }));
    await Promise.all([
      memory.update(a.id, { supersedes: [x.id] }),
      memory.update(x.id, { content: "I lived in Lyon for ten years." }),
    ]);
    const nowX = await memory.get(x.id);
    assert.equal(nowX.superseded_by, a.id, "the link holds");
    assert.equal(nowX.content, "I lived in Lyon for ten years.", "the new content holds");
    const y = await memory.store(aria, input({ content: "I work at a bakery." }));
    const b = await memory.store(aria, input({ content: "I work at a bank." }));
    const settled = await Promise.allSettled([
      memory.update(b.id, { supersedes: [y.id] }),
      memory.delete(y.id),
    ]);
    assert.equal(settled[1]!.status, "fulfilled");
    assert.equal(await memory.find(y.id), undefined, "the deleted memory stays deleted");
  });
});

Deno.test("the cycle check follows at most 1,000 links", () => {
  assert.equal(MAX_LINK_HOPS, 1_000);
});

Deno.test("memory.store with supersedes: a content change or a delete of the replaced memory at once both hold", async () => {
  await withSqlite(async (fixture) => {
    const { memory, aria } = fixture;
    const x = await memory.store(aria, input({ content: "I live in Lyon." }));
    const [a] = await Promise.all([
      memory.store(aria, input({ content: "I moved to Porto.", supersedes: [x.id] })),
      memory.update(x.id, { content: "I lived in Lyon for ten years." }),
    ]);
    const nowX = await memory.get(x.id);
    assert.equal(nowX.superseded_by, a!.id, "the link holds");
    assert.equal(nowX.content, "I lived in Lyon for ten years.", "the new content holds");
    const y = await memory.store(aria, input({ content: "I work at a bakery." }));
    const settled = await Promise.allSettled([
      memory.store(aria, input({ content: "I work at a bank.", supersedes: [y.id] })),
      memory.delete(y.id),
    ]);
    assert.equal(settled[1]!.status, "fulfilled");
    assert.equal(await memory.find(y.id), undefined, "the deleted memory stays deleted");
  });
});

Deno.test("a store with supersedes inside a caller's transaction does not wait for a lock whose holder waits for that transaction", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    const local = new LocalEmbedder();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => open = resolve);
    let storeEmbedded!: () => void;
    const storeReached = new Promise<void>((resolve) => storeEmbedded = resolve);
    const embedder = {
      id: local.id,
      async embed(texts: readonly string[]): Promise<Float32Array[]> {
        if (texts.includes("I lived in Lyon for ten years.")) await gate;
        if (texts.includes("I moved to Porto.")) storeEmbedded();
        return await local.embed(texts);
      },
    };
    const memory = await fixture.reopen({ embedder });
    const x = await memory.store(fixture.aria, input({ content: "I live in Lyon." }));
    // The update takes the persona's lock, then waits in its embedding.
    const updating = memory.update(x.id, { content: "I lived in Lyon for ten years." });
    const storing = fixture.db.transaction(() =>
      memory.store(fixture.aria, input({ content: "I moved to Porto.", supersedes: [x.id] }))
    );
    await storeReached;
    await new Promise((resolve) => setTimeout(resolve, 0));
    open(); // the update now saves: it waits for the transaction to end
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise<string>((resolve) => timer = setTimeout(() => resolve("hung"), 5_000));
    const outcome = await Promise.race([
      Promise.allSettled([updating, storing]).then((all) => all.map((s) => s.status).join()),
      hung,
    ]);
    clearTimeout(timer);
    assert.equal(outcome, "fulfilled,fulfilled");
    const nowX = await memory.get(x.id);
    assert.equal(nowX.content, "I lived in Lyon for ten years.");
    assert.ok(nowX.superseded_by !== null, "the link holds");
  } finally {
    await fixture.close();
  }
});
