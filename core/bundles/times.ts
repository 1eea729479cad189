/**
 * A bundle's times on import: each memory's `created_at` is checked before anything is created
 * (refused by its bundle field, `bundle.memories.N.created_at`, as every other bundle check;
 * attack24 F9), and the persona keeps the `created_at` it had where it was exported (a restored
 * backup shows when the persona was made, not when it was restored; attack24 F6).
 *
 * @module
 */
import { z } from "zod";
import { isoTime } from "../clock.ts";
import { type FieldIssue, InvalidInput } from "../errors.ts";
import { creationTime } from "../memory/records.ts";
import type { Bundle } from "./schema.ts";

/**
 * Throws {@linkcode InvalidInput} naming `bundle.memories.N.created_at` for each memory created
 * in the future at `now` (beyond `memory.store`'s allowance for clock skew, `creationTime`).
 */
export function checkMemoryTimes(memories: Bundle["memories"], now: number): void {
  const fields: FieldIssue[] = [];
  memories.forEach((memory, index) => {
    if (fields.length >= 20) return;
    const field = `bundle.memories.${index}.created_at`;
    try {
      creationTime(memory, now, field);
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      fields.push({ field, message: "must not be in the future" });
    }
  });
  const [first] = fields;
  if (first) throw new InvalidInput(`Invalid bundle: ${first.field} ${first.message}`, fields);
}

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * The persona's creation time to keep from `value` (the bundle's `persona.created_at`): an ISO
 * time not in the future at `now`; else undefined (the import's time), with a note when the
 * bundle gave one that cannot be kept.
 */
export function personaCreatedAt(value: unknown, now: number, notes: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && isoDateTime.safeParse(value).success) {
    try {
      return creationTime({ created_at: value } as Bundle["memories"][number], now);
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
    }
  }
  notes.push(
    `The persona's created_at is not an ISO time in the past: it is the time of this import (${
      isoTime(now)
    })`,
  );
  return undefined;
}
