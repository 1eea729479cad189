/**
 * The room repository a round writes its transcript through while it holds the room's claim
 * (`round_claim.ts`, PostgreSQL): each line is appended only while the claim is still the
 * round's, checked in the line's own transaction, so a round whose claim another node took over
 * (or that could not renew it) writes no further line. Its other writes are not fenced: the
 * removal of its own lines when it fails, and its lines' memories once it answered.
 *
 * @module
 */
import type { Database } from "../storage/database.ts";
import { type RoomMessage, RoomRepository } from "./repository.ts";

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
  override append(message: Omit<RoomMessage, "seq">): Promise<RoomMessage> {
    return this.#fence(() => super.append(message));
  }

  /** {@linkcode RoomRepository.appendWhilePresent}, only while the claim holds. */
  override appendWhilePresent(
    message: Omit<RoomMessage, "seq"> & { persona_id: string },
  ): Promise<RoomMessage | undefined> {
    return this.#fence(() => super.appendWhilePresent(message));
  }
}
