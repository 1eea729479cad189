/**
 * Task ids and owners (core/server/task_store.ts). A task belongs to its owner, given when it
 * starts (the session that started it, or the client's authenticated principal: see
 * `Session.taskOwner`): only that owner may read and cancel it, and to anyone else its id answers
 * exactly as an unknown one. A task started with no owner (a stateless request without a
 * credential) is a capability: its id, 256 random bits, is the only key to it. Owners are kept as
 * their digest.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";

/** Random bytes in a task id: 256 bits from the CSPRNG, past guessing and enumeration. */
const TASK_ID_BYTES = 32;

/** A new task id: {@linkcode TASK_ID_BYTES} random bytes in base64url (43 characters). */
export function newTaskId(): string {
  return randomBytes(TASK_ID_BYTES).toString("base64url");
}

/** What is kept of an owner: its SHA-256 (an owner may be a session id, a credential). */
export function ownerDigest(owner: string | null): string | null {
  return owner === null ? null : createHash("sha256").update(owner, "utf8").digest("base64url");
}

/** True when `asker` may read and cancel a task of `owner`: its own, or nobody's. */
export function mayUse(owner: string | null, asker: string | null): boolean {
  return owner === null || owner === asker;
}
