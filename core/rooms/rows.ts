/**
 * The shapes rooms are stored in (`repository.ts` reads and writes them): a room's settings,
 * its transcript's lines and its present members.
 *
 * @module
 */
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
