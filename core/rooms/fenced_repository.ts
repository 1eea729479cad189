/**
 * The room repository a round writes its transcript through while it holds the room's claim
 * (`round_claim.ts`, PostgreSQL): each line is appended, and the round's pending lines made the
 * transcript's when it answers, only while the claim is still the round's, checked in the
 * write's own transaction, so a round whose claim another node took over (or that could not
 * renew it) writes no further line and keeps none. Its other writes are not fenced: the removal
 * of its own lines when it fails, and its lines' memories once it answered.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import { type RoomMessage, RoomRepository } from "./repository.ts";
import type { RoundLines } from "./round_rows.ts";

/** Runs a write only while the round's claim holds (`HeldRound.fence`). */
export type Fence = <T>(write: () => Promise<T>) => Promise<T>;

/** A {@linkcode RoomRepository} whose line appends pass through `fence`. */
export class FencedRoomRepository extends RoomRepository {
  readonly #fence: Fence;

  /** The rooms of `db`, with appends fenced by `fence`. */
  constructor(db: Database, fence: Fence) {
    super(db);
    this.#fence = fence;
  }

  /** {@linkcode RoomRepository.append}, only while the claim holds. */
  override append(
    message: Omit<RoomMessage, "seq">,
    round: string | null = null,
  ): Promise<RoomMessage> {
    return this.#fence(() => super.append(message, round));
  }

  /** {@linkcode RoomRepository.commitRound}, only while the claim holds. */
  override commitRound(
    roomId: string,
    lines: RoundLines,
  ): Promise<void> {
    return this.#fence(() => super.commitRound(roomId, lines));
  }

  /** {@linkcode RoomRepository.appendWhilePresent}, only while the claim holds. */
  override appendWhilePresent(
    message: Omit<RoomMessage, "seq"> & { persona_id: string },
    round: string | null = null,
  ): Promise<RoomMessage | undefined> {
    return this.#fence(() => super.appendWhilePresent(message, round));
  }
}
