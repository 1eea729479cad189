/**
 * The SQLite kind ties' test fixtures (`sqlite_kind_ties_test.ts`, `sqlite_empty_ties_test.ts`):
 * a backend whose quiet moments the test fires, the ties a search would be told, and stores made
 * through another connection. Test code only.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { SqliteDatabase } from "../../storage/mod.ts";
import { tempDirSync } from "../../testing/temp_dirs.ts";
import type { CandidateQuery } from "../backend.ts";
import type { MemoryRecord } from "../schema.ts";
import { LocalEmbedder } from "../embedder.ts";
import { otherConnection } from "./other_connection.ts";
import { SqliteBackend } from "../sqlite_backend.ts";
import { input, type MemoryFixture, memoryFixture } from "./contract_fixture.ts";
import type { HandQuiet } from "./quiet_moments.ts";

/** The kind keys the tests ask about. */
export const KEYS = ["home", "beagl", "tire"];

/**
 * Which of `keys` (by default {@linkcode KEYS}) the memories of `persona` (by default Aria) tie,
 * as a search asks the backend.
 */
export async function tied(
  f: MemoryFixture,
  keys: readonly string[] = KEYS,
  options: { personaId?: string } = {},
): Promise<string[] | undefined> {
  const [vector] = await new LocalEmbedder().embed(["the care home"]);
  const query: CandidateQuery = {
    personaId: options.personaId ?? f.aria.id,
    othersVisibility: [],
    vector: vector!,
    embedder: f.memory.embedderId,
    terms: ["care", "home"],
    minImportance: 0,
    limit: 50,
  };
  const found = await f.backend.tiedKinds!(query, keys);
  return found === undefined ? undefined : [...found].sort();
}

/** {@linkcode tied} once the quiet moments have read every slice (at most 100 of them). */
export async function tiedWhenRead(f: MemoryFixture, quiet: HandQuiet): Promise<string[]> {
  for (let moment = 0; moment < 100; moment++) {
    const found = await tied(f);
    if (found !== undefined) return found;
    assert.ok(await quiet.fire(), "an unread reading waits for a quiet moment");
  }
  throw new Error("the kind ties were never read");
}

/** A fixture over a SQLite backend whose quiet moments `quiet` fires. */
export function quietFixture(
  quiet: HandQuiet,
  options: { path?: string } = {},
): Promise<MemoryFixture> {
  return memoryFixture(
    (db) => new SqliteBackend(db as SqliteDatabase, { whenQuiet: quiet.whenQuiet }),
    options,
  );
}

/**
 * A fixture over a SQLite file whose first memories, `inputs` (in that order), another
 * connection stored: its index loads them from the file at its first search, their ties left to
 * the quiet reading (a persona this process writes from empty has them complete, perf61).
 */
export async function storedElsewhere(
  quiet: HandQuiet,
  inputs: ReturnType<typeof input>[],
): Promise<{ f: MemoryFixture; stored: MemoryRecord[] }> {
  const path = `${tempDirSync("kind-ties-")}/persona.db`;
  const f = await quietFixture(quiet, { path });
  const other = otherConnection(path, f.clock);
  try {
    return { f, stored: await other.theirs.storeMany(f.aria, inputs) };
  } finally {
    await other.close();
  }
}

/** `count` memories that tie no kind. */
export function filler(count: number): ReturnType<typeof input>[] {
  return Array.from({ length: count }, (_, i) => input({ content: `day ${i} at the market` }));
}
