import assert from "node:assert/strict";
import type { SqliteDatabase } from "../storage/mod.ts";
import { tempDirSync } from "../testing/temp_dirs.ts";
import { tiedKeys } from "./kind_ties.ts";
import { otherConnection } from "./testing/other_connection.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { handQuiet } from "./testing/quiet_moments.ts";
import { tied } from "./testing/kind_ties.ts";

/**
 * The kind ties a SQLite backend keeps (`sqlite_kind_ties.ts`) against what its stored contents
 * tie, after every step of a seeded random run of stores, content updates and deletes from two
 * connections on one file, and quiet moments that read the ties a slice at a time.
 */

/** The kinds the memories give names, so few that a store, an update or a delete moves them. */
const KINDS = ["beagle", "vet", "nurse", "plumber", "tutor", "parrot", "bakery", "choir"];

/** Memory `i`'s text: every fourth ties nothing, the rest tie one of {@linkcode KINDS}. */
function text(i: number): string {
  if (i % 4 === 3) return `Tom was tired on day ${i}`;
  return `Biscuit${i}, the ${KINDS[i % KINDS.length]}, came round`;
}

/** The kind keys of {@linkcode KINDS}, as a question asks them. */
const KEYS = KINDS.flatMap((kind) => tiedKeys(`Biscuit, the ${kind}, came round`));

/** Which of {@linkcode KEYS} Aria's stored contents tie, read from the file. */
function stored(f: MemoryFixture): string[] {
  const rows = (f.db as SqliteDatabase).connection.all<{ content: string }>(
    "SELECT content FROM memories WHERE persona_id = ?",
    f.aria.id,
  );
  const keys = new Set(rows.flatMap(({ content }) => tiedKeys(content)));
  return KEYS.filter((key) => keys.has(key)).sort();
}

Deno.test("SQLite kind ties are never stale through two connections' random stores, updates and deletes", async () => {
  let seed = 41;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const path = `${tempDirSync("kind-ties-random-")}/persona.db`;
  const quiet = handQuiet();
  const ours = await memoryFixture(
    (db) => new SqliteBackend(db as SqliteDatabase, { whenQuiet: quiet.whenQuiet }),
    { path },
  );
  const other = otherConnection(path, ours.clock);
  const ids: string[] = [];
  let known = 0;
  try {
    for (let i = 0; i < 12; i++) {
      ids.push((await ours.memory.store(ours.aria, input({ content: text(i) }))).id);
    }
    for (let step = 0; step < 160; step++) {
      const memory = random() < 0.5 ? ours.memory : other.theirs;
      const kind = random();
      const at = Math.floor(random() * ids.length);
      const content = text(Math.floor(random() * 1000));
      if (kind < 0.25) ids.push((await memory.store(ours.aria, input({ content }))).id);
      else if (kind < 0.45 && ids.length > 0) await memory.update(ids[at]!, { content });
      else if (kind < 0.6 && ids.length > 0) await memory.delete(ids.splice(at, 1)[0]!);
      else for (let moment = Math.floor(random() * 4); moment > 0; moment--) await quiet.fire();
      const found = await tied(ours, KEYS);
      if (found === undefined) continue;
      known++;
      assert.deepEqual(found, stored(ours), `step ${step}: the ties kept are stale`);
    }
    assert.ok(known >= 40, `the ties were known at ${known} steps of 160`);
  } finally {
    await other.close();
    await ours.close();
  }
});
