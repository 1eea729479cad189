/**
 * Test support for rooms whose rounds are cut short (a server killed, PostgreSQL out of reach):
 * a four-member room, its transcript as `room.get_history` shows it, and its rows in the
 * database, pending or not (`core/rooms/round_writes.ts`).
 *
 * @module
 */
import { PostgresDatabase } from "../core/storage/mod.ts";
import type { RpcClient } from "./_helpers.ts";

/** Rows of a room's transcript in the database, pending or not (read beside the server). */
export type Rows = () => Promise<{ lines: number; pending: number }>;

/** What {@linkcode Rows} counts, in SQL (one parameter: the room's id). */
export const ROWS_SQL = `SELECT COUNT(*) AS lines, COUNT(round_id) AS pending FROM room_messages
  WHERE room_id = ?`;

/** A room of four members, everyone answering each round; its id. */
export async function openRoom(client: RpcClient): Promise<string> {
  const ids: string[] = [];
  for (const name of ["Wren", "Ossian", "Tamsin", "Bram"]) {
    ids.push((await client.call<{ persona_id: string }>("persona.create", { name })).persona_id);
  }
  const { room_id } = await client.call<{ room_id: string }>("room.create", {
    persona_ids: ids,
    reply_mode: "everyone",
    name: "hall",
  });
  return room_id;
}

/** The room's transcript as `room.get_history` shows it, oldest first: `speaker: content`. */
export async function history(client: RpcClient, roomId: string): Promise<string[]> {
  const { messages } = await client.call<
    { messages: Array<{ speaker: string; content: string }> }
  >("room.get_history", { room_id: roomId, limit: 50 });
  return messages.reverse().map((m) => `${m.speaker}: ${m.content}`);
}

/** {@linkcode Rows} of room `roomId` read from the PostgreSQL database `db`. */
export function postgresRows(db: PostgresDatabase, roomId: string): Rows {
  return async () => {
    const row = await db.get<{ lines: number; pending: number }>(ROWS_SQL, roomId);
    return { lines: Number(row!.lines), pending: Number(row!.pending) };
  };
}

/** A one-connection client of the database at `url`. */
export function reader(url: string): PostgresDatabase {
  return new PostgresDatabase({ url, poolSize: 1, idleTimeoutS: 1, connectTimeoutS: 5 });
}
