/**
 * The shapes rooms are stored in (`repository.ts` reads and writes them): a room's settings,
 * its transcript's lines and its present members, with the columns they are read from and a
 * line's values as it is inserted.
 *
 * @module
 */
import type { SqlValue } from "../storage/database.ts";
import type { ReplyMode } from "./speakers.ts";

/** A room's settings. */
export interface Room {
  id: string;
  name: string;
  scenario: string;
  reply_mode: ReplyMode;
  max_replies: number;
  created_at: string;
}

/** A room read for a list: its scenario's head only (`listed.ts`). */
export type RoomHead = Omit<Room, "scenario"> & { scenario_head: string };

/** One line of a room's transcript. */
export interface RoomMessage {
  id: string;
  seq: number;
  room_id: string;
  speaker_kind: "user" | "persona";
  persona_id: string | null;
  speaker: string;
  content: string;
  /** Why this persona spoke (`mentioned`, `most_willing`, ...); null for the user. */
  reason: string | null;
  model: string | null;
  tokens: number;
  created_at: string;
}

/** A member present in a room. */
export interface Member {
  persona_id: string;
  joined_at: string;
  joined_seq: number;
}

/** The columns of `rooms`, in {@linkcode Room}'s order. */
export const ROOM_COLUMNS = "id, name, scenario, reply_mode, max_replies, created_at";
/** The columns of `room_messages` a line is read from. */
export const MESSAGE_COLUMNS =
  "id, seq, room_id, speaker_kind, persona_id, speaker, content, reason, model, tokens, created_at";

/** The head of an INSERT of a line (its values: {@linkcode messageValues}). */
export const INSERT_MESSAGE = "INSERT INTO room_messages " +
  "(id, room_id, speaker_kind, persona_id, speaker, content, reason, model, tokens, created_at, " +
  "round_id)";

/** A line's values in {@linkcode INSERT_MESSAGE}'s order, pending in round `round`. */
export function messageValues(message: Omit<RoomMessage, "seq">, round: string | null): SqlValue[] {
  return [
    message.id,
    message.room_id,
    message.speaker_kind,
    message.persona_id,
    message.speaker,
    message.content,
    message.reason,
    message.model,
    message.tokens,
    message.created_at,
    round,
  ];
}
