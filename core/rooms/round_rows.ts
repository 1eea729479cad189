/**
 * A round's lines in `room_messages` while it runs (`round_writes.ts`): written pending, their
 * `round_id` the round's id, until the round answers and they become the transcript's; removed
 * when it fails, and when it was cut off (its process killed, or its removal failed with the
 * database out of reach). `RoomRepository` reads and writes through these.
 *
 * @module
 */
import { Conflict } from "../errors.ts";
import type { Database } from "../storage/database.ts";

/**
 * The lines a reader sees: those of rounds that ended (`round_id` NULL) and, for a round's own
 * prompts, the pending lines of that round (`round_id = ?`, its id; "" matches none).
 */
export const SEEN = "(round_id IS NULL OR round_id = ?)";

/** The database's clock in epoch milliseconds (PostgreSQL; as `round_claim.ts` reads it). */
const DB_NOW_MS = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint";

/** Which round a read is made for: its own pending lines are seen (none when absent). */
export interface RoundView {
  /** The round's id (`round_writes.ts`); absent outside a round. */
  round?: string;
}

/** Round `round` of a room and how many lines it wrote. */
export interface RoundLines {
  round: string;
  lines: number;
}

/**
 * Round `round` of room `roomId` answered: its `lines` pending lines become the transcript's, in
 * one transaction; {@linkcode Conflict} (none does) when fewer are left: some were taken for a
 * cut off round's, the round having outlived its claim.
 */
export function commitRound(
  db: Database,
  roomId: string,
  { round, lines }: RoundLines,
): Promise<void> {
  return db.transaction(async () => {
    const kept = await db.run(
      "UPDATE room_messages SET round_id = NULL WHERE room_id = ? AND round_id = ?",
      roomId,
      round,
    );
    if (kept < lines) {
      throw new Conflict(
        `Round of room "${roomId}" abandoned: its lines were removed as a cut off round's`,
        [{ field: "room_id", message: "had its round cut off; send the message again" }],
      );
    }
  });
}

/** Removes the pending lines of round `round` of room `roomId` (it failed); how many. */
export function removeRound(db: Database, roomId: string, round: string): Promise<number> {
  return db.run("DELETE FROM room_messages WHERE room_id = ? AND round_id = ?", roomId, round);
}

/**
 * Removes room `roomId`'s pending lines of rounds other than `round`: called by a round holding
 * the room (its turn gate and, on PostgreSQL, its claim), when no other round of it can run, so
 * they are a cut off round's.
 */
export function removeOtherRounds(db: Database, roomId: string, round: string): Promise<number> {
  return db.run(
    "DELETE FROM room_messages WHERE room_id = ? AND round_id IS NOT NULL AND round_id <> ?",
    roomId,
    round,
  );
}

/**
 * Removes the pending lines of rounds cut off: every round not in `live` (running in this
 * process) on SQLite, whose rooms have one node (`round_claim.ts`); on PostgreSQL only in rooms
 * whose round claim no node holds (released, or its lease run out by the database's clock: a
 * node whose rounds still run renews it). Returns how many lines were removed.
 */
export function removeCutRounds(db: Database, live: ReadonlySet<string>): Promise<number> {
  const running = [...live];
  const notLive = running.length
    ? `AND round_id NOT IN (${running.map(() => "?").join(", ")})`
    : "";
  const unclaimed = db.dialect === "postgres"
    ? `AND NOT EXISTS (SELECT 1 FROM room_round_claims c WHERE c.room_id = room_messages.room_id
         AND c.claim_until IS NOT NULL AND c.claim_until > ${DB_NOW_MS})`
    : "";
  return db.run(
    `DELETE FROM room_messages WHERE round_id IS NOT NULL ${notLive} ${unclaimed}`,
    ...running,
  );
}
