/**
 * Where the chats' timed effects (`timed_effects.ts`) are kept: one row per chat in
 * `lore_timed_effects` (SQLite and PostgreSQL alike), its running effects as JSON, at most
 * {@linkcode MAX_TIMED_EFFECTS} of them. A row goes when its effects end, with its persona or
 * room, and past {@linkcode LORE_TIMED_MAX_CHATS} rows (the least recently written first; the
 * trim runs on the first write of a process and every 32nd after, so the table may pass the
 * bound by that many rows per node between trims).
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import { MAX_TIMED_EFFECTS, type TimedEffect } from "./timed_effects.ts";

/** Most chats whose timed effects are kept. */
export const LORE_TIMED_MAX_CHATS = 10_000;

/** Writes between two trims of the table. */
const TRIM_EVERY = 32;

/** Whose chat: a persona's session (its own chat), or a room (everyone in it). */
export type LoreChat = { personaId: string; sessionId: string } | { roomId: string };

function chatId(chat: LoreChat): string {
  return JSON.stringify(
    "roomId" in chat ? ["room", chat.roomId] : ["session", chat.personaId, chat.sessionId],
  );
}

const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/** The effects of a stored row, those not of the expected shape left out. */
function effectsOf(json: string): TimedEffect[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.filter((item): item is TimedEffect =>
    item !== null && typeof item === "object" && typeof item.book === "string" &&
    typeof item.entry === "string" && (item.kind === "sticky" || item.kind === "cooldown") &&
    isCount(item.start) && isCount(item.end) && typeof item.hash === "string"
  ).slice(0, MAX_TIMED_EFFECTS);
}

/** Reads and writes the chats' timed effects. */
export class TimedEffectStore {
  readonly #db: Database;
  readonly #maxChats: number;
  readonly #trimEvery: number;
  #writes = 0;

  /** A store over `db` (migrated), keeping at most `maxChats` chats (trimmed every `trimEvery` writes). */
  constructor(db: Database, options: { maxChats?: number; trimEvery?: number } = {}) {
    this.#db = db;
    this.#maxChats = options.maxChats ?? LORE_TIMED_MAX_CHATS;
    this.#trimEvery = options.trimEvery ?? TRIM_EVERY;
  }

  /** The effects stored for `chat` (none when it has no row). */
  async read(chat: LoreChat): Promise<TimedEffect[]> {
    const row = await this.#db.get<{ effects: string }>(
      "SELECT effects FROM lore_timed_effects WHERE chat = ?",
      chatId(chat),
    );
    return row ? effectsOf(row.effects) : [];
  }

  /**
   * Stores `effects` as `chat`'s (none: its row is deleted); `now` is the ISO time of the write.
   * A persona or room deleted meanwhile leaves no row (the write is skipped).
   */
  async write(chat: LoreChat, effects: readonly TimedEffect[], now: string): Promise<void> {
    const id = chatId(chat);
    if (effects.length === 0) {
      await this.#db.run("DELETE FROM lore_timed_effects WHERE chat = ?", id);
      return;
    }
    const json = JSON.stringify(effects.slice(0, MAX_TIMED_EFFECTS));
    const owner = "roomId" in chat
      ? { persona: null, room: chat.roomId, table: "rooms", id: chat.roomId }
      : { persona: chat.personaId, room: null, table: "personas", id: chat.personaId };
    // Only while its persona or room exists: a foreign key violation would fail the reply.
    await this.#db.run(
      `INSERT INTO lore_timed_effects (chat, persona_id, room_id, effects, updated_at)
       SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM ${owner.table} WHERE id = ?)
       ON CONFLICT (chat) DO UPDATE SET effects = excluded.effects, updated_at = excluded.updated_at`,
      id,
      owner.persona,
      owner.room,
      json,
      now,
      owner.id,
    );
    if (this.#writes++ % this.#trimEvery === 0) await this.#trim();
  }

  /** Deletes the least recently written rows past the bound. */
  async #trim(): Promise<void> {
    await this.#db.run(
      `DELETE FROM lore_timed_effects WHERE (updated_at, chat) <= (
         SELECT updated_at, chat FROM lore_timed_effects
         ORDER BY updated_at DESC, chat DESC LIMIT 1 OFFSET ?)`,
      this.#maxChats,
    );
  }
}
