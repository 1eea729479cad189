import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import {
  type Persona,
  PersonaCreate,
  personaMigrations,
  PersonaRepository,
  PersonaService,
} from "../personas/mod.ts";
import { SqliteDatabase, storageMigrations } from "../storage/mod.ts";
import {
  PersonaTextCache,
  TEXT_CACHE_BUDGET_BYTES,
  TEXT_CACHE_ENTRY_SHARE,
  TEXT_CACHE_LIMITS,
  textBytes,
} from "./text_cache.ts";

async function personasNamed(...names: string[]): Promise<Persona[]> {
  const db = new SqliteDatabase(":memory:");
  try {
    await db.migrate([...storageMigrations, ...personaMigrations]);
    const service = new PersonaService(new PersonaRepository(db), new ManualClock());
    const out: Persona[] = [];
    for (const name of names) out.push(await service.create(PersonaCreate.parse({ name })));
    return out;
  } finally {
    await db.close();
  }
}

/** A text of `bytes` bytes (UTF-16: two a character). */
const text = (bytes: number) => "x".repeat(bytes / 2);

Deno.test("the budget and the entry limit are pinned", () => {
  assert.equal(TEXT_CACHE_BUDGET_BYTES, 4 * 1024 * 1024);
  assert.equal(TEXT_CACHE_ENTRY_SHARE, 8);
  assert.deepEqual(TEXT_CACHE_LIMITS, { budgetBytes: 4 * 1024 * 1024, entryMaxBytes: 512 * 1024 });
});

Deno.test("textBytes counts two bytes a UTF-16 unit in strings, arrays and objects", () => {
  assert.equal(textBytes("abc"), 6);
  assert.equal(textBytes("é😀"), 6);
  assert.equal(textBytes({ a: "ab", b: ["c", "de"], n: 5 }), 10);
});

Deno.test("the least recently used go first once the budget is spent", async () => {
  const [a, b, c, d] = await personasNamed("A", "B", "C", "D");
  const cache = new PersonaTextCache<string>({ budgetBytes: 300, entryMaxBytes: 100 });
  cache.set(a!, "u", text(100));
  cache.set(b!, "u", text(100));
  cache.set(c!, "u", text(100));
  assert.equal(cache.bytes, 300);
  assert.equal(cache.get(a!, "u"), text(100), "a is now the most recently used");
  cache.set(d!, "u", text(100));
  assert.deepEqual([a, b, c, d].map((p) => cache.has(p!, "u")), [true, false, true, true]);
  cache.set(b!, "u", text(100));
  assert.deepEqual([a, b, c, d].map((p) => cache.has(p!, "u")), [true, true, false, true]);
  assert.equal(cache.bytes, 300);
  assert.equal(cache.size, 3);
});

Deno.test("an entry past the entry limit is not kept; one at it is", async () => {
  const [a] = await personasNamed("A");
  const cache = new PersonaTextCache<string>({ budgetBytes: 1000, entryMaxBytes: 100 });
  cache.set(a!, "at", text(100));
  cache.set(a!, "past", text(102));
  assert.equal(cache.has(a!, "at"), true);
  assert.equal(cache.has(a!, "past"), false);
  assert.equal(cache.bytes, 100);
  // Replacing a kept value with one too large drops the old one too.
  cache.set(a!, "at", text(200));
  assert.equal(cache.has(a!, "at"), false);
  assert.equal(cache.bytes, 0);
});

Deno.test("keys are the persona object and the sender, whatever the sender holds", async () => {
  const [a, b] = await personasNamed("A", "B");
  const copy = { ...a! };
  const cache = new PersonaTextCache<string>();
  cache.set(a!, "1:x", "first");
  assert.equal(cache.get(a!, "1:x"), "first");
  assert.equal(cache.get(copy, "1:x"), undefined, "an equal but new object is another persona");
  assert.equal(cache.get(b!, "1:x"), undefined);
  assert.equal(cache.get(a!, "1"), undefined);
  cache.set(a!, "1:x", "second");
  assert.equal(cache.get(a!, "1:x"), "second");
  assert.equal(cache.bytes, textBytes("second"));
  cache.clear();
  assert.equal(cache.size, 0);
  assert.equal(cache.bytes, 0);
});
