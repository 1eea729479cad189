/**
 * What one round wrote, kept until it ends (attack18 F9, attack25 F1/F2): a round that answers
 * an error (the model queue full, the model failing mid-round, the call cancelled) keeps none of
 * its lines (the user's and the replies so far) and remembers none of them, as a chat message or
 * a dialogue turn that fails keeps nothing: the client is told to retry, and a retry must not
 * find the line twice in the transcript and in the members' memories.
 *
 * A round's lines are written pending (`round_id`, the round's id): only the round's own prompts
 * see them (`repository.ts`), and they become the transcript's in one statement when the round
 * answers ({@linkcode RoundWrites.commit}). So a round cut short by anything (the process
 * killed, the database gone while its lines were being removed) never shows a half round, and
 * what it left is removed later: by the room's next round, at a start, and by the sweep
 * (`RoomService.removeCutRounds`). A round that answers stores each line as the memories of
 * the members present when it was said (`remember.ts`), once its lines are the transcript's.
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
  /** The round's id: its lines' `round_id` until it answers. */
  readonly round: string;
  readonly #deps: RoundWritesDeps;
  readonly #room: Room;
  readonly #lines: Array<{ line: RoomMessage; present: Persona[]; truncated: boolean }> = [];

  /** Starts the record of round `round` of `room`. */
  constructor(deps: RoundWritesDeps, { room, round }: { room: Room; round: string }) {
    this.#deps = deps;
    this.#room = room;
    this.round = round;
  }

  /**
   * `line` was appended (pending in this round) with `present` in the room (they will remember
   * it); `truncated` when the model stopped it at its token limit (remembered as cut off).
   */
  add(line: RoomMessage, heard: { present: Persona[]; truncated?: boolean }): void {
    this.#lines.push({ line, present: heard.present, truncated: heard.truncated === true });
  }

  /**
   * The round answered: its lines become the transcript's, then each becomes the memories of
   * the members present for it. Fails (keeping nothing) when some of its lines were taken for a
   * cut off round's meanwhile (the round outlived its claim's lease).
   */
  async commit(): Promise<void> {
    await this.#deps.repository.commitRound(this.#room.id, {
      round: this.round,
      lines: this.#lines.length,
    });
    for (const { line, present, truncated } of this.#lines) {
      await rememberLine(this.#deps, { room: this.#room, line, present, truncated });
    }
  }

  /**
   * The round failed with `error`: its lines are removed (nothing was remembered). A removal
   * that fails is logged; its lines stay pending, seen by no reader, until a later removal of
   * cut off rounds' lines (the sweep, a start, the room's next round). The round's own error
   * is what the caller answers.
   */
  async discard(error: unknown): Promise<void> {
    if (this.#lines.length === 0) return;
    try {
      await this.#deps.repository.removeRound(this.#room.id, this.round);
    } catch (removal) {
      this.#deps.log.warn(
        "A failed room round's lines were not removed yet (hidden; removed by a later sweep)",
        { room: this.#room.id, error: String(removal), cause: String(error) },
      );
    }
  }
}
