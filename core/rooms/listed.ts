/**
 * A room as `room.list` shows it: its scenario cut to an excerpt of at most
 * {@linkcode LISTED_SCENARIO_MAX} UTF-16 units, ending on a character (grapheme) boundary, with
 * `scenario_truncated: true` when the scenario is longer (`room.get` has it whole). Only the
 * scenario's head is read for a list (`scenario_head`, kept on SQLite by `migrations.ts`): see
 * core/storage/text_head.ts. A list's members and line counts are read for all its rooms at once.
 *
 * @module
 */
import type { Database, Dialect } from "../storage/database.ts";
import { excerptOf, headColumn, LISTED_TEXT_MAX } from "../storage/text_head.ts";
import type { Member } from "./rows.ts";

/** Longest scenario excerpt a listed room carries, in UTF-16 units. */
export const LISTED_SCENARIO_MAX = LISTED_TEXT_MAX;

/** The columns of a room read for a list, on `dialect`. */
export function headColumns(dialect: Dialect): string {
  return `id, name, ${headColumn(dialect, "scenario")}, reply_mode, max_replies, created_at`;
}

/** The room read with its scenario's head, with the scenario's excerpt instead, and whether it was cut. */
export function listedRoom<T extends { scenario_head: string }>(
  { scenario_head, ...room }: T,
): Omit<T, "scenario_head"> & { scenario: string; scenario_truncated?: true } {
  const { text, truncated } = excerptOf(scenario_head);
  return truncated
    ? { ...room, scenario: text, scenario_truncated: true }
    : { ...room, scenario: text };
}

/** Members present now in each of `roomIds` (in joining order), in one query. */
export async function membersOf(
  db: Database,
  roomIds: readonly string[],
): Promise<Map<string, Member[]>> {
  const byRoom = new Map<string, Member[]>(roomIds.map((id) => [id, []]));
  if (roomIds.length === 0) return byRoom;
  const rows = await db.all<Member & { room_id: string }>(
    `SELECT room_id, persona_id, joined_at, joined_seq FROM room_members
     WHERE room_id IN (${marks(roomIds)}) AND left_seq IS NULL ORDER BY joined_seq, rowid`,
    ...roomIds,
  );
  for (const { room_id, ...member } of rows) byRoom.get(room_id)?.push(member);
  return byRoom;
}

/** Number of lines in each of `roomIds` (of rounds that ended), in one query. */
export async function countsOf(
  db: Database,
  roomIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>(roomIds.map((id) => [id, 0]));
  if (roomIds.length === 0) return counts;
  const rows = await db.all<{ room_id: string; n: number | string }>(
    `SELECT room_id, COUNT(*) AS n FROM room_messages WHERE room_id IN (${marks(roomIds)})
       AND round_id IS NULL GROUP BY room_id`,
    ...roomIds,
  );
  for (const row of rows) counts.set(row.room_id, Number(row.n));
  return counts;
}

function marks(values: readonly unknown[]): string {
  return values.map(() => "?").join(", ");
}
