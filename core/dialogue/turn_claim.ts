/**
 * One turn at a time per conversation across every node sharing the database. A node claims
 * the next turn in a short transaction holding the conversation's lock (`claimTurn`): the claim
 * carries a fencing token (the conversation's `turn_seq`, bumped by each claim) and a lease. The
 * model is called outside any transaction, while a heartbeat extends the lease; the turn's writes
 * commit only if `turn_seq` still equals the token (`commitClaimed`). A node that dies mid-turn
 * leaves a claim whose lease runs out, after which another node claims the turn: the lost turn
 * is absent, never half-written, and a node that was only slow finds its token stale and writes
 * nothing.
 *
 * Within one process {@linkcode TurnGate} already queues turns; the claim is what other
 * processes (nodes, or a stdio instance on the same SQLite file) respect.
 *
 * @module
 */
import { abortReason, Conflict } from "../errors.ts";
import { missing } from "./ending.ts";
import type { DialogueRepository } from "./repository.ts";

/** How often a waiting turn asks again whether the claim is free (ms). */
export const CLAIM_POLL_MS = 50;

/** A turn claim this process holds. */
export interface HeldClaim {
  /** The fencing token its writes must be committed with. */
  readonly token: number;
  /** Aborted if the claim is lost (a heartbeat found another claim in its place). */
  readonly lost: AbortSignal;
  /**
   * Says the turn's commit (`commitClaimed`) released the claim: {@linkcode release} then only
   * stops the heartbeat, without a write that would change nothing.
   */
  committed(): void;
  /** Stops the heartbeat and gives the claim up (no-op once the turn committed). */
  release(): Promise<void>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal.addEventListener("abort", stop, { once: true });
  });
}

/** Claims turns of conversations for this process. */
export class TurnClaims {
  readonly #repository: DialogueRepository;
  readonly #leaseMs: number;

  /** Claims in `repository`, each held for `leaseMs` past its last heartbeat. */
  constructor(repository: DialogueRepository, leaseMs: number) {
    this.#repository = repository;
    this.#leaseMs = leaseMs;
  }

  /** Waits until the next turn of `id` is free, then claims it (wall-clock leases). */
  async acquire(id: string, signal: AbortSignal): Promise<HeldClaim> {
    while (true) {
      const now = Date.now();
      const claim = await this.#repository.claimTurn(id, { now, until: now + this.#leaseMs });
      if (claim.status === "claimed") return this.#hold(id, claim.token);
      if (claim.status === "missing") throw missing(id);
      await sleep(Math.max(1, Math.min(CLAIM_POLL_MS, claim.until - now)), signal);
    }
  }

  #hold(id: string, token: number): HeldClaim {
    const lost = new AbortController();
    const beat = setInterval(async () => {
      try {
        const kept = await this.#repository.renewClaim(id, token, Date.now() + this.#leaseMs);
        if (!kept) lost.abort(superseded(id));
      } catch {
        // The database is unreachable: the commit's fencing check decides.
      }
    }, Math.max(10, Math.floor(this.#leaseMs / 3)));
    let committed = false;
    return {
      token,
      lost: lost.signal,
      committed: () => {
        committed = true;
      },
      release: async () => {
        clearInterval(beat);
        if (!committed) await this.#repository.releaseClaim(id, token);
      },
    };
  }
}

/** The error of a turn whose claim another node took over (its lease ran out meanwhile). */
export function superseded(id: string): Conflict {
  return new Conflict(
    `Turn of conversation "${id}" abandoned: its claim expired and another turn took its place`,
    [{ field: "conversation_id", message: "had its turn taken over; ask for the next turn" }],
  );
}
