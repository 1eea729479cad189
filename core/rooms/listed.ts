/**
 * A room as `room.list` shows it: its scenario cut to an excerpt of at most
 * {@linkcode LISTED_SCENARIO_MAX} UTF-16 units, ending on a character (grapheme) boundary, with
 * `scenario_truncated: true` when the scenario is longer (`room.get` has it whole). A page of 100
 * rooms whose scenarios are 20,000 characters is then tens of kilobytes, not 2 MB.
 *
 * Only the scenario's head is read for a list, never the whole text: its first
 * {@linkcode SCENARIO_HEAD_CHARS} characters (code points, one more than the excerpt can hold,
 * so a longer scenario is always seen to be longer). SQLite keeps that head in a column
 * (`scenario_head`, stored before the scenario and kept by triggers: `migrations.ts`), as
 * `substr` there would read the whole text; PostgreSQL reads it with `substr`, which fetches only
 * the first slice of a scenario stored out of line.
 *
 * @module
 */
import type { Dialect } from "../storage/database.ts";
import { cutText } from "../text_cut.ts";

/** Longest scenario excerpt a listed room carries, in UTF-16 units. */
export const LISTED_SCENARIO_MAX = 200;

/**
 * Characters (code points) of a scenario's head: one more than the excerpt's units. Stored on
 * SQLite (`rooms_4_scenario_head`): a change needs a migration that fills the column again.
 */
export const SCENARIO_HEAD_CHARS = LISTED_SCENARIO_MAX + 1;

/** The columns of a room read for a list, on `dialect`. */
export function headColumns(dialect: Dialect): string {
  const head = dialect === "sqlite"
    ? "scenario_head"
    : `substr(scenario, 1, ${SCENARIO_HEAD_CHARS}) AS scenario_head`;
  return `id, name, ${head}, reply_mode, max_replies, created_at`;
}

/** The room read with its scenario's head, with the scenario's excerpt instead, and whether it was cut. */
export function listedRoom<T extends { scenario_head: string }>(
  { scenario_head, ...room }: T,
): Omit<T, "scenario_head"> & { scenario: string; scenario_truncated?: true } {
  // The head holds fewer characters than it may only when it is the whole scenario.
  if (scenario_head.length <= LISTED_SCENARIO_MAX) return { ...room, scenario: scenario_head };
  return {
    ...room,
    scenario: cutText(scenario_head, LISTED_SCENARIO_MAX),
    scenario_truncated: true,
  };
}
