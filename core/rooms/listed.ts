/**
 * A room as `room.list` shows it: its scenario cut to an excerpt of at most
 * {@linkcode LISTED_SCENARIO_MAX} UTF-16 units, ending on a character (grapheme) boundary, with
 * `scenario_truncated: true` when the scenario is longer (`room.get` has it whole). Only the
 * scenario's head is read for a list (`scenario_head`, kept on SQLite by `migrations.ts`): see
 * core/storage/text_head.ts.
 *
 * @module
 */
import type { Dialect } from "../storage/database.ts";
import { excerptOf, headColumn, LISTED_TEXT_MAX } from "../storage/text_head.ts";

/** Longest scenario excerpt a listed room carries, in UTF-16 units. */
export const LISTED_SCENARIO_MAX = LISTED_TEXT_MAX;

/** The columns of a room read for a list, on `dialect`. */
export function headColumns(dialect: Dialect): string {
  return `id, name, ${headColumn(dialect, "scenario")}, reply_mode, max_replies, created_at`;
}

/** The room read with its scenario's head, with the scenario's excerpt instead, and whether it was cut. */
export function listedRoom<T extends { scenario_head: string }>(
  { scenario_head, ...room }: T,
): Omit<T, "scenario_head"> & { scenario: string; scenario_truncated?: true } {
  const { text, truncated } = excerptOf(scenario_head);
  return truncated
    ? { ...room, scenario: text, scenario_truncated: true }
    : { ...room, scenario: text };
}
