/**
 * Rooms: the room, its members over time (a membership is a span of the room's
 * transcript, from the line after joining to the last line before leaving), and its transcript.
 * A member's view of the transcript is the lines inside its spans: what was said while it was
 * away never reaches its prompt.
 *
 * @module
 */
import type { Page, PageRequest } from "../paging.ts";
import { countRows, pageByCreation } from "../storage/creation_page.ts";
import type { Database } from "../storage/database.ts";
import { countsOf, headColumns, membersOf } from "./listed.ts";
import {
  commitRound,
  removeCutRounds,
  removeOtherRounds,
  removeRound,
  type RoundLines,
  type RoundView,
  SEEN,
} from "./round_rows.ts";
import {
  INSERT_MESSAGE,
  type Member,
  MESSAGE_COLUMNS,
  messageValues,
  type Room,
  ROOM_COLUMNS,
  type RoomHead,
  type RoomMessage,
} from "./rows.ts";

export { roomMigrations } from "./migrations.ts";
export type { Member, Room, RoomHead, RoomMessage } from "./rows.ts";
export type { RoundView } from "./round_rows.ts";

/** Reads and writes rooms. */
export class RoomRepository {
  readonly #db: Database;

  /** Creates a repository over `db` (migrated). */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Runs `work` in one transaction (a room created with its members and books). */
  atomically<T>(work: () => Promise<T>): Promise<T> {
    return this.#db.transaction(work);
  }

  /** Inserts `room`. */
  async create(room: Room): Promise<void> {
    await this.#db.run(
      `INSERT INTO rooms (${ROOM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
      room.id,
      room.name,
      room.scenario,
      room.reply_mode,
      room.max_replies,
      room.created_at,
    );
  }

  /** The room `id`. */
  async find(id: string): Promise<Room | undefined> {
    return await this.#db.get<Room>(
      `SELECT ${ROOM_COLUMNS} FROM rooms WHERE id = ?`,
      id,
    );
  }

  /** Every room, oldest first. */
  async list(): Promise<Room[]> {
    return await this.#db.all<Room>(`SELECT ${ROOM_COLUMNS} FROM rooms ORDER BY created_at, id`);
  }

  /**
   * One page of the rooms, oldest first, as `request` asks: only its rows are read, and of each
   * scenario only its head (`listed.ts`).
   */
  listPage(request: PageRequest): Promise<Page<RoomHead>> {
    const columns = headColumns(this.#db.dialect);
    return pageByCreation<RoomHead>(this.#db, { table: "rooms", columns }, request);
  }

  /** Number of rooms. */
  total(): Promise<number> {
    return countRows(this.#db, "rooms");
  }

  /** {@linkcode membersOf}: members present now in each of `roomIds`, in one query. */
  membersOf(roomIds: readonly string[]): Promise<Map<string, Member[]>> {
    return membersOf(this.#db, roomIds);
  }

  /** {@linkcode countsOf}: number of lines in each of `roomIds`, in one query. */
  countsOf(roomIds: readonly string[]): Promise<Map<string, number>> {
    return countsOf(this.#db, roomIds);
  }

  /** Deletes a room with its members and transcript. */
  async delete(id: string): Promise<boolean> {
    return await this.#db.run("DELETE FROM rooms WHERE id = ?", id) > 0;
  }

  /** The last line's number in the room (0 before any). */
  async lastSeq(roomId: string): Promise<number> {
    return (await this.#db.get<{ seq: number | null }>(
      "SELECT MAX(seq) AS seq FROM room_messages WHERE room_id = ?",
      roomId,
    ))?.seq ?? 0;
  }

  /** Members present now, in the order they joined. */
  async members(roomId: string): Promise<Member[]> {
    return await this.#db.all<Member>(
      `SELECT persona_id, joined_at, joined_seq FROM room_members
       WHERE room_id = ? AND left_seq IS NULL ORDER BY joined_seq, rowid`,
      roomId,
    );
  }

  /**
   * Starts a membership (at ISO time `at`): `present` when the persona is already there (asked
   * first), `full` when `cap` members are, else `joined`. The count and the insert are one
   * transaction under the room's lock, so parallel joins never pass the cap.
   */
  async join(
    roomId: string,
    { personaId, at, cap = Infinity }: { personaId: string; at: string; cap?: number },
  ): Promise<"joined" | "present" | "full"> {
    return await this.#db.transaction(async () => {
      await this.#db.lock(`room:${roomId}`);
      const present = await this.#db.all<{ persona_id: string }>(
        "SELECT persona_id FROM room_members WHERE room_id = ? AND left_seq IS NULL",
        roomId,
      );
      if (present.some((member) => member.persona_id === personaId)) return "present";
      if (present.length >= cap) return "full";
      await this.#db.run(
        `INSERT INTO room_members (room_id, persona_id, joined_seq, joined_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (room_id, persona_id, joined_seq) DO UPDATE SET left_seq = NULL, left_at = NULL,
           joined_at = excluded.joined_at`,
        roomId,
        personaId,
        await this.lastSeq(roomId),
        at,
      );
      return "joined";
    });
  }

  /** Ends a membership (at ISO time `at`); false when the persona was not present. */
  async leave(
    roomId: string,
    { personaId, at }: { personaId: string; at: string },
  ): Promise<boolean> {
    return await this.#db.run(
      `UPDATE room_members SET left_seq = ?, left_at = ?
       WHERE room_id = ? AND persona_id = ? AND left_seq IS NULL`,
      await this.lastSeq(roomId),
      at,
      roomId,
      personaId,
    ) > 0;
  }

  /**
   * Appends a line pending in round `round` (no reader outside the round sees it until
   * {@linkcode commitRound}; without a round, seen at once); returns it with its number.
   */
  async append(
    message: Omit<RoomMessage, "seq">,
    round: string | null = null,
  ): Promise<RoomMessage> {
    await this.#db.run(
      `${INSERT_MESSAGE} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...messageValues(message, round),
    );
    return { ...message, seq: await this.lastSeq(message.room_id) };
  }

  /** {@linkcode commitRound}: round `lines.round` answered (its lines join the transcript). */
  commitRound(roomId: string, lines: RoundLines): Promise<void> {
    return commitRound(this.#db, roomId, lines);
  }

  /** {@linkcode removeRound}: round `round` failed (its pending lines go). */
  removeRound(roomId: string, round: string): Promise<number> {
    return removeRound(this.#db, roomId, round);
  }

  /** {@linkcode removeOtherRounds}: a round holding the room removes cut off rounds' lines. */
  removeOtherRounds(roomId: string, round: string): Promise<number> {
    return removeOtherRounds(this.#db, roomId, round);
  }

  /** {@linkcode removeCutRounds}: the pending lines of rounds not `live` and cut off go. */
  removeCutRounds(live: ReadonlySet<string>): Promise<number> {
    return removeCutRounds(this.#db, live);
  }

  /**
   * Appends a member's line only while `message.persona_id` is present in the room, in one
   * statement (a member deleted or gone while its model spoke says nothing); undefined when it
   * was not present.
   */
  async appendWhilePresent(
    message: Omit<RoomMessage, "seq"> & { persona_id: string },
    round: string | null = null,
  ): Promise<RoomMessage | undefined> {
    const added = await this.#db.run(
      `${INSERT_MESSAGE} SELECT ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER), ?, ?
       WHERE EXISTS (SELECT 1 FROM room_members
         WHERE room_id = ? AND persona_id = ? AND left_seq IS NULL)`,
      ...messageValues(message, round),
      message.room_id,
      message.persona_id,
    );
    if (added === 0) return undefined;
    return { ...message, seq: await this.lastSeq(message.room_id) };
  }

  /** The last `limit` lines `personaId` was present for, oldest first (of `round`: its own). */
  async seenBy(
    roomId: string,
    { personaId, limit, round }: { personaId: string; limit: number } & RoundView,
  ): Promise<RoomMessage[]> {
    const columns = MESSAGE_COLUMNS.split(", ").map((c) => `m.${c}`).join(", ");
    return (await this.#db.all<RoomMessage>(
      `SELECT ${columns} FROM room_messages m
       WHERE m.room_id = ? AND (m.round_id IS NULL OR m.round_id = ?) AND EXISTS (
         SELECT 1 FROM room_members p WHERE p.room_id = m.room_id AND p.persona_id = ?
           AND m.seq > p.joined_seq AND (p.left_seq IS NULL OR m.seq <= p.left_seq))
       ORDER BY m.seq DESC LIMIT ?`,
      roomId,
      round ?? "",
      personaId,
      limit,
    )).reverse();
  }

  /**
   * A page of the transcript, newest first, before line `beforeSeq` when given: the lines of
   * rounds that ended (and of `options.round`, its own).
   */
  async page(
    roomId: string,
    options: { limit: number; beforeSeq?: number } & RoundView,
  ): Promise<RoomMessage[]> {
    return await this.#db.all<RoomMessage>(
      `SELECT ${MESSAGE_COLUMNS} FROM room_messages WHERE room_id = ? AND ${SEEN} AND seq < ?
       ORDER BY seq DESC LIMIT ?`,
      roomId,
      options.round ?? "",
      options.beforeSeq ?? Number.MAX_SAFE_INTEGER,
      options.limit,
    );
  }

  /** The line `id` of the room, if any (a pending line is not one yet). */
  async findMessage(roomId: string, id: string): Promise<RoomMessage | undefined> {
    return await this.#db.get<RoomMessage>(
      `SELECT ${MESSAGE_COLUMNS} FROM room_messages WHERE room_id = ? AND id = ?
         AND round_id IS NULL`,
      roomId,
      id,
    );
  }

  /** Number of lines in the room (of rounds that ended, and of `round`: its own). */
  async count(roomId: string, { round }: RoundView = {}): Promise<number> {
    return Number(
      (await this.#db.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM room_messages WHERE room_id = ? AND ${SEEN}`,
        roomId,
        round ?? "",
      ))?.n ?? 0,
    );
  }
}
