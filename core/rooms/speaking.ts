/**
 * The room members speaking now: a member's turn holds an abort signal for its model call, so a
 * member deleted while its model speaks, gone by `room.leave`, or whose room is deleted stops
 * that call at once (the request is aborted) instead of the model running to its end for a line
 * that is then dropped. The room service stops turns on those events (persona delete hooks, its
 * own leave and delete), here and, through the relay (PostgreSQL), on every other node. A stop
 * the relay misses (its LISTEN connection down) still drops the line when it would be stored
 * (`appendWhilePresent`), after the model has spoken.
 *
 * @module
 */
import type { Relay, RelayMessage } from "../storage/relay.ts";

/** The relayed message that stops turns on every node. */
const STOP_KIND = "room.turns.stop";

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

/** The turns under way in this process, to stop by speaker or by room (on every node). */
export class SpeakingTurns {
  readonly #turns = new Set<Entry>();
  readonly #relay: Relay | undefined;
  readonly #onError: (error: unknown) => void;

  /**
   * Creates the registry; with a `relay`, each stop is also sent to the other nodes (a failed
   * send goes to `onError`) and theirs are heard here.
   */
  constructor(options: { relay?: Relay | undefined; onError?: (error: unknown) => void } = {}) {
    this.#relay = options.relay;
    this.#onError = options.onError ?? (() => {});
    this.#relay?.on((message) => {
      if (message.kind === STOP_KIND) this.#heard(message);
    });
  }

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

  /** Stops every turn of `personaId` (deleted), on every node; returns how many here. */
  stopPersona(personaId: string): number {
    return this.#stopEverywhere({ persona_id: personaId });
  }

  /** Stops `personaId`'s turn in `roomId` (it left), on every node; returns how many here. */
  stopMember(roomId: string, personaId: string): number {
    return this.#stopEverywhere({ room_id: roomId, persona_id: personaId });
  }

  /** Stops every turn in `roomId` (deleted), on every node; returns how many here. */
  stopRoom(roomId: string): number {
    return this.#stopEverywhere({ room_id: roomId });
  }

  #stopEverywhere(target: { room_id?: string; persona_id?: string }): number {
    const stopped = this.#stopHere(target);
    this.#relay?.send({ kind: STOP_KIND, ...target }).catch(this.#onError);
    return stopped;
  }

  #heard(message: RelayMessage): void {
    const { room_id, persona_id } = message;
    if (room_id !== undefined && typeof room_id !== "string") return;
    if (persona_id !== undefined && typeof persona_id !== "string") return;
    if (room_id === undefined && persona_id === undefined) return;
    this.#stopHere({ room_id, persona_id });
  }

  #stopHere({ room_id, persona_id }: { room_id?: string; persona_id?: string }): number {
    const what = persona_id === undefined
      ? "the room was deleted"
      : room_id === undefined
      ? "the persona was deleted"
      : "the persona left the room";
    return this.#stop(
      (turn) =>
        (room_id === undefined || turn.roomId === room_id) &&
        (persona_id === undefined || turn.personaId === persona_id),
      what,
    );
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
