/**
 * A room line becomes a memory of every member present: the speaker remembers what it said,
 * the others what they heard. A member that left is not told. A memory that cannot be stored
 * then (storage failing) is stored again later (`memory_retry.ts`).
 *
 * @module
 */
import type { Logger } from "../log.ts";
import { cutText } from "../text_cut.ts";
import type { Persona } from "../personas/mod.ts";
import type { MemoryRetries } from "./memory_retry.ts";
import type { Room, RoomMessage } from "./repository.ts";
import type { RoomMemory, RoomMemoryInput } from "./types.ts";

/** Most UTF-16 units of one line's memory (the speaker's words after who said them where). */
export const LINE_MEMORY_CHARS = 4000;

/**
 * The id of the memory `line` (of `room`) becomes for persona `personaId`: the same for every
 * try, so that storing it again after a store whose answer was lost (it was written) fails on
 * the id rather than storing a duplicate. A UUID (version 8) from SHA-256 of the three ids.
 */
export async function lineMemoryId(
  room: string,
  line: string,
  personaId: string,
): Promise<string> {
  const text = JSON.stringify(["room-line-memory", room, line, personaId]);
  const hash = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  hash[6] = (hash[6]! & 0x0f) | 0x80; // version 8 (custom)
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(hash.slice(0, 16), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20)
  }`;
}

/**
 * Stores `line` for each persona in `present`; with `truncated` (the model stopped it at its
 * token limit) its words end in "…", so recall never offers half a sentence as a finished
 * thought. A failed store is logged, not thrown (a round must not fail because memory is down),
 * and handed to `retries` to be stored again.
 */
export async function rememberLine(
  deps: { memory?: RoomMemory | null; log: Logger; retries?: MemoryRetries },
  input: { room: Room; line: RoomMessage; present: Persona[]; truncated?: boolean },
): Promise<void> {
  const { memory, log } = deps;
  if (!memory) return;
  const { room, present } = input;
  const line = input.truncated ? { ...input.line, content: `${input.line.content}…` } : input.line;
  const metadata = { room_id: room.id, message_id: line.id, speaker: line.speaker };
  for (const persona of present) {
    const own = line.persona_id === persona.id;
    const others = present.filter((p) => p.id !== persona.id).map((p) => p.name);
    const content = own
      ? `I said in ${room.name}${others.length ? ` to ${others.join(", ")}` : ""}: ${line.content}`
      : `${line.speaker} said in ${room.name}: ${line.content}`;
    const memoryInput: RoomMemoryInput = {
      // Cut between characters: never half an emoji (attack18 F6).
      content: cutText(content, LINE_MEMORY_CHARS),
      memory_type: "conversation",
      emotional_valence: 0,
      related_personas: own
        ? present.filter((p) => p.id !== persona.id).map((p) => p.id)
        : line.persona_id
        ? [line.persona_id]
        : [],
      visibility: "private",
      metadata,
    };
    const id = await lineMemoryId(room.id, line.id, persona.id);
    try {
      await memory.store(persona, memoryInput, { origin: "room", thread: room.id, id });
    } catch (error) {
      if (!deps.retries) {
        log.warn("A room line was not remembered", { persona: persona.id, room: room.id, error });
        continue;
      }
      log.warn("A room line was not remembered yet; it will be tried again", {
        persona: persona.id,
        room: room.id,
        error,
      });
      deps.retries.add(persona.id, {
        id,
        input: memoryInput,
        room: room.id,
        at: line.created_at,
      });
    }
  }
}
