/**
 * One started message's hold on its connection's turns (`turns.ts`, whose module documentation
 * says what a turn is): held while the request runs on this process's CPU, given back while every
 * flow of it waits elsewhere (`core/turn_away.ts`), taken again before it goes on.
 *
 * @module
 */
import type { TurnClaim } from "../../turn_away.ts";

/**
 * What a {@linkcode Claim} asks of its connection's turns (`turns.ts`'s `Turns`; an interface so
 * that this module does not import that one, which makes claims).
 */
export interface ClaimedTurns {
  /** A turn is given back. */
  free(): void;
  /**
   * `claim` comes back from a wait: true when it takes a turn at once, else it is queued.
   * `pastLimit`: it takes one in any case (it holds what other connections wait for).
   */
  retake(claim: Claim, pastLimit?: boolean): boolean;
  /** `claim` ended while it came back. */
  forget(claim: Claim): void;
}

const HELD = 0;
const AWAY = 1;
const RETURNING = 2;
const ENDED = 3;

/** One started message's hold on its connection's turns (see the module documentation). */
export class Claim implements TurnClaim {
  readonly #turns: ClaimedTurns;
  #state: typeof HELD | typeof AWAY | typeof RETURNING | typeof ENDED = HELD;
  /** While returning: resolves once its turn comes (shared by every flow of the request). */
  #returned: Promise<void> | undefined;
  #resolve: (() => void) | undefined;

  /** A claim holding one of `turns`' turns. */
  constructor(turns: ClaimedTurns) {
    this.#turns = turns;
  }

  /**
   * Flows of the request on this process's CPU: the turn goes back only once none is (a batch's
   * workers count one each, {@linkcode TurnClaim.fork}). Each flow leaves once however many
   * waits it has open (`awayFromTurn` counts per flow), so it stays between 0 and the flows
   * forked, unless a flow goes on before its waits end (a `Promise.race`, work left running):
   * then it may dip below 0 for a while and evens out when those waits come back.
   */
  #present = 1;

  /** One flow waits elsewhere: the turn goes back once no flow of the request is on the CPU. */
  leave(): void {
    if (this.#state === ENDED) return;
    this.#present--;
    if (this.#state !== HELD || this.#present > 0) return;
    this.#state = AWAY;
    this.#turns.free();
  }

  /** `extra` more flows of the request run on the CPU from now (a batch's workers). */
  fork(extra: number): void {
    if (this.#state !== ENDED) this.#present += extra;
  }

  /** A forked flow finished (not the last, whose count the request goes on with). */
  finished(): void {
    this.leave();
  }

  /**
   * Takes a turn again: at once when one is free and nobody comes back before it, or `atOnce`
   * (past the limit: the request holds what other connections wait for, a pooled connection).
   */
  back(atOnce = false): Promise<void> | undefined {
    if (this.#state === ENDED) return undefined;
    this.#present++;
    if (this.#state === RETURNING) {
      if (!atOnce) return this.#returned;
      // Another flow of the request (a batch's worker) is queued: this one holds a connection,
      // so the request is taken out of the queue and goes on now, the queued flow with it.
      this.#turns.forget(this);
      this.#turns.retake(this, true);
      this.resumed();
      return undefined;
    }
    if (this.#state !== AWAY) return undefined;
    if (this.#turns.retake(this, atOnce)) {
      this.#state = HELD;
      return undefined;
    }
    this.#state = RETURNING;
    return this.#returned = new Promise<void>((resolve) => this.#resolve = resolve);
  }

  /** Its turn came (`Turns` counted it): the request goes on. */
  resumed(): void {
    if (this.#state !== RETURNING) return;
    this.#state = HELD;
    this.#done();
  }

  /**
   * The message is answered: its turn goes back if it held one. A flow of it still away (work it
   * left running) goes on without turns when it comes back.
   */
  end(): void {
    const state = this.#state;
    this.#state = ENDED;
    if (state === HELD) this.#turns.free();
    else if (state === RETURNING) {
      this.#turns.forget(this);
      this.#done();
    }
  }

  #done(): void {
    this.#resolve?.();
    this.#resolve = undefined;
    this.#returned = undefined;
  }
}
