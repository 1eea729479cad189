/**
 * The name checks of persona writes (creates, renames): a taken name is a {@linkcode Conflict},
 * a persona's id or a name the name rules refuse is an {@linkcode InvalidInput}, and a create
 * that renames on a clash takes the first free "Name (2)", "Name (3)", ...
 *
 * @module
 */
import { Conflict, InvalidInput } from "../errors.ts";
import { IMPORT_LEASE_LIMIT_MS, type ImportMark, readMark } from "./import_lease.ts";
import type { NamedPersona, NameIndex } from "./name_index.ts";
import { freeName, nameProblem } from "./name_rules.ts";
import type { PersonaRepository } from "./repository.ts";
import { ABANDONED_IMPORT_MS, IMPORT_SWEEP_MS } from "./unfinished_imports.ts";

/**
 * The lock every write that takes a name holds (creates, renames): on PostgreSQL a name checked
 * free stays free until the transaction that takes it commits, on every node, so a create that
 * renames on a clash can pick the next free name instead of failing on the unique index.
 */
export const NAMES_LOCK = "personas:names";

/** The names taken: the personas' and those of imports under way. */
export async function takenNames(repository: PersonaRepository): Promise<NameIndex[]> {
  const importing = await repository.importingNames();
  return [await repository.names(), ...(importing ? [importing] : [])];
}

/**
 * `name` if it is no persona's name (in `names`) nor looks like one, else the first such of
 * "name (2)", "name (3)", ...
 */
export function freeNameIn(names: readonly NameIndex[], name: string): Promise<string> {
  return freeName(
    name,
    (candidate) => Promise.resolve(names.some((index) => index.find(candidate) !== undefined)),
  );
}

/**
 * Refuses `name` when it is (or looks like) the name in `names` of a persona other than
 * `exceptId` ({@linkcode Conflict}), or is a persona's id ({@linkcode InvalidInput}, as other
 * refused names).
 */
export function assertNameFree(names: readonly NameIndex[], name: string, exceptId: string): void {
  assertNotAnId(names, name);
  const owner = nameOwner(names, name, exceptId);
  if (!owner) return;
  if (owner.match !== "alike") {
    throw new Conflict(`Cannot use name "${name}": persona ${owner.id} already has it`, [
      { field: "name", message: `is already used by persona "${owner.name}"` },
    ]);
  }
  throw new Conflict(
    `Cannot use name "${name}": it looks like "${owner.name}", the name of persona ${owner.id}`,
    [{ field: "name", message: `looks like the name of persona "${owner.name}"` }],
  );
}

function nameOwner(
  names: readonly NameIndex[],
  name: string,
  exceptId: string,
): NamedPersona | undefined {
  return names.map((index) => index.find(name, exceptId)).find((found) => found);
}

/**
 * {@linkcode assertNameFree}, where a name an unfinished import holds is said so: one running, or
 * one cut off when its server stopped (kill -9), whose persona no read shows. On PostgreSQL a
 * restarted node with another `NODE_ID` cannot tell the latter for its own, and a sweep deletes it
 * once its lease ran out (attack24 F7: the clash named a persona nobody could see). `data` says
 * when the name is free at the latest if it was cut off (`retry_after_ms`).
 */
export async function assertNameUnheld(
  repository: PersonaRepository,
  names: readonly NameIndex[],
  { name, exceptId }: { name: string; exceptId: string },
): Promise<void> {
  assertNotAnId(names, name);
  const owner = nameOwner(names, name, exceptId);
  const mark = owner && await repository.importMark(owner.id);
  if (owner && mark) {
    const waitMs = heldFor(readMark(mark), await repository.databaseNow());
    throw new Conflict(
      `Cannot use name "${name}": an unfinished import holds it (persona ${owner.id}, not shown ` +
        `until it ends). If that import was cut off (its server stopped), the name is freed within ` +
        `${Math.ceil(waitMs / 1000)} s: retry then`,
      [{ field: "name", message: `is held by an unfinished import of "${owner.name}"` }],
      { reason: "import_unfinished", persona_id: owner.id, retry_after_ms: waitMs },
    );
  }
  assertNameFree(names, name, exceptId);
}

/**
 * How long until the import of `mark`, if cut off, is deleted at the latest: until its lease (or an
 * older version's mark) runs out, plus a sweep's period (any PostgreSQL node's; on SQLite a start
 * deletes it). A time that cannot be read: a whole lease.
 */
function heldFor(mark: ImportMark, now: number): number {
  const limit = mark.leased ? IMPORT_LEASE_LIMIT_MS : ABANDONED_IMPORT_MS;
  const left = Number.isNaN(mark.at) ? limit : Math.max(0, mark.at + limit - now);
  return Math.min(left, limit) + IMPORT_SWEEP_MS;
}

/** Refuses `name` when it is a persona's id, any case ({@linkcode InvalidInput}, -32602). */
export function assertNotAnId(names: readonly NameIndex[], name: string): void {
  if (names.every((index) => index.idNamed(name) === undefined)) return;
  const problem = "must not be a persona's id";
  throw new InvalidInput(`Invalid name: ${problem}`, [{ field: "name", message: problem }]);
}

/** Refuses a name the name rules refuse (-32602), as the create schema does. */
export function assertNameAllowed(name: string): void {
  const problem = nameProblem(name);
  if (problem) {
    throw new InvalidInput(`Invalid name: ${problem}`, [{ field: "name", message: problem }]);
  }
}
