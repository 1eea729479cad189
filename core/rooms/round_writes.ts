/**
 * What one round wrote, kept until it ends (attack18 F9): a round that answers an error (the
 * model queue full, the model failing mid-round, the call cancelled) removes its lines (the
 * user's and the replies so far) and remembers none of them, as a chat message or a dialogue
 * turn that fails keeps nothing: the client is told to retry, and a retry must not find the
 * line twice in the transcript and in the members' memories. A round that answers stores each
 * line as the memories of the members present when it was said (`remember.ts`), at its end.
 *
 * @module
 */
import type { Logger } from "../log.ts";
import type { Persona } from "../personas/mod.ts";
import type { MemoryRetries } from "./memory_retry.ts";
import { rememberLine } from "./remember.ts";
import type { Room, RoomMessage, RoomRepository } from "./repository.ts";
import type { RoomMemory } from "./types.ts";

/** What the writes of a round need. */
export interface RoundWritesDeps {
  repository: RoomRepository;
  memory?: RoomMemory | null;
  log: Logger;
  retries?: MemoryRetries;
}

/** The lines of one round and who was present for each. */
export class RoundWrites {
  readonly #deps: RoundWritesDeps;
  readonly #room: Room;
  readonly #lines: Array<{ line: RoomMessage; present: Persona[]; truncated: boolean }> = [];

  /** Starts the record of a round of `room`. */
  constructor(deps: RoundWritesDeps, room: Room) {
    this.#deps = deps;
    this.#room = room;
  }

  /**
   * `line` was appended with `present` in the room (they will remember it); `truncated` when
   * the model stopped it at its token limit (remembered as cut off).
   */
  add(line: RoomMessage, heard: { present: Persona[]; truncated?: boolean }): void {
    this.#lines.push({ line, present: heard.present, truncated: heard.truncated === true });
  }

  /** The round answered: each line becomes the memories of the members present for it. */
  async remember(): Promise<void> {
    for (const { line, present, truncated } of this.#lines) {
      await rememberLine(this.#deps, { room: this.#room, line, present, truncated });
    }
  }

  /**
   * The round failed with `error`: its lines are removed (nothing was remembered). A removal
   * that fails is logged; the round's own error is what the caller answers.
   */
  async discard(error: unknown): Promise<void> {
    const ids = this.#lines.map(({ line }) => line.id);
    if (ids.length === 0) return;
    try {
      await this.#deps.repository.removeLines(this.#room.id, ids);
    } catch (removal) {
      this.#deps.log.warn("A failed room round's lines were not removed", {
        room: this.#room.id,
        error: String(removal),
        cause: String(error),
      });
    }
  }
}
