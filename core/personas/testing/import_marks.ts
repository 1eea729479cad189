/**
 * Test helpers for import marks (`import_lease.ts`): read a persona row's mark, and age it as a
 * node that crashed (or lost the database) leaves it, by the database's clock (leases are timed
 * by it, not by a test's manual clock).
 *
 * @module
 */
import type { Database } from "../../storage/database.ts";
import { databaseTime, leasedMark } from "../import_lease.ts";

/** The `importing` mark of persona `id` (null: finished; undefined: no such row). */
export async function markOf(db: Database, id: string): Promise<string | null | undefined> {
  return (await db.get<{ importing: string | null }>(
    "SELECT importing FROM personas WHERE id = ?",
    id,
  ))?.importing;
}

/**
 * Rewrites persona `id`'s mark as `node`'s lease last refreshed `ms` ago by the database's
 * clock (`format` writes another kind of mark at that time); returns the mark written.
 */
export async function ageMark(
  db: Database,
  id: string,
  options: { ms: number; node?: string; format?: (node: string, at: number) => string },
): Promise<string> {
  const format = options.format ?? leasedMark;
  const mark = format(options.node ?? "a", await databaseTime(db) - options.ms);
  await db.run("UPDATE personas SET importing = ? WHERE id = ?", mark, id);
  return mark;
}

/** Waits (an event, not a time) until persona `id`'s mark is no longer `mark`; returns the new one. */
export async function markChanged(
  db: Database,
  id: string,
  mark: string | null | undefined,
): Promise<string | null | undefined> {
  for (let i = 0; i < 4000; i++) {
    const now = await markOf(db, id);
    if (now !== mark) return now;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the mark of ${id} stayed ${mark}`);
}
