/**
 * The room members speaking now: a member's turn holds an abort signal for its model call, so a
 * member deleted while its model speaks, gone by `room.leave`, or whose room is deleted stops
 * that call at once (the request is aborted) instead of the model running to its end for a line
 * that is then dropped. The room service stops turns on those events (persona delete hooks, its
 * own leave and delete); one deleted on another node is still dropped when its line would be
 * stored (`appendWhilePresent`), after the model has spoken.
 *
 * @module
 */

/** Why a turn's model call was stopped: its speaker or its room is gone. */
export class SpeakerGone extends Error {
  /** Creates the reason, saying what went. */
  constructor(what: string) {
    super(`The speaker's turn stopped: ${what}`);
    this.name = "SpeakerGone";
  }
}

/** One member's turn, while its model speaks. */
export interface SpeakingTurn {
  /** Aborts when the call's own signal does, or the speaker or its room goes. */
  readonly signal: AbortSignal;
  /** True once the speaker or its room went (not when the call's own signal aborted). */
  readonly stopped: boolean;
  /** Ends the turn (always, once its model call is over). */
  end(): void;
}

interface Entry {
  roomId: string;
  personaId: string;
  controller: AbortController;
}

/** The turns under way in this process, to stop by speaker or by room. */
export class SpeakingTurns {
  readonly #turns = new Set<Entry>();

  /** Begins `personaId`'s turn in `roomId`, under the call's `signal`. */
  begin(roomId: string, personaId: string, signal: AbortSignal): SpeakingTurn {
    const entry: Entry = { roomId, personaId, controller: new AbortController() };
    this.#turns.add(entry);
    const combined = AbortSignal.any([signal, entry.controller.signal]);
    return {
      signal: combined,
      get stopped() {
        return entry.controller.signal.aborted;
      },
      end: () => {
        this.#turns.delete(entry);
      },
    };
  }

  /** Stops every turn of `personaId` (deleted); returns how many. */
  stopPersona(personaId: string): number {
    return this.#stop((turn) => turn.personaId === personaId, "the persona was deleted");
  }

  /** Stops `personaId`'s turn in `roomId` (it left); returns how many. */
  stopMember(roomId: string, personaId: string): number {
    return this.#stop(
      (turn) => turn.roomId === roomId && turn.personaId === personaId,
      "the persona left the room",
    );
  }

  /** Stops every turn in `roomId` (deleted); returns how many. */
  stopRoom(roomId: string): number {
    return this.#stop((turn) => turn.roomId === roomId, "the room was deleted");
  }

  #stop(which: (turn: Entry) => boolean, what: string): number {
    let stopped = 0;
    for (const turn of this.#turns) {
      if (!which(turn)) continue;
      this.#turns.delete(turn);
      turn.controller.abort(new SpeakerGone(what));
      stopped++;
    }
    return stopped;
  }
}
