/**
 * A long text as a list shows it: an excerpt of at most {@linkcode LISTED_TEXT_MAX} UTF-16
 * units, ending on a character (grapheme) boundary, marked as cut when the text is longer (the
 * item's own `get` has it whole). A page of 100 items whose texts are 20,000 characters is then
 * tens of kilobytes, not 2 MB (room scenarios, lorebook descriptions).
 *
 * Only the text's head is read for a list, never the whole text: its first
 * {@linkcode TEXT_HEAD_CHARS} characters (code points, one more than the excerpt can hold, so a
 * longer text is always seen to be longer). SQLite keeps that head in a column of its own
 * (`<column>_head`, stored before the text, kept by {@linkcode headTriggers}), as `substr` there
 * reads the whole text; PostgreSQL reads it with `substr`, which fetches only the first slice of
 * a text stored out of line (TOAST).
 *
 * @module
 */
import { cutText } from "../text_cut.ts";
import type { Dialect } from "./database.ts";

/** Longest excerpt of a text a listed item carries, in UTF-16 units. */
export const LISTED_TEXT_MAX = 200;

/**
 * Characters (code points) of a text's head: one more than the excerpt's units. Stored on SQLite
 * (`rooms_4_scenario_head`, `lorebooks_4_description_head`): a change needs migrations that fill
 * those columns again.
 */
export const TEXT_HEAD_CHARS = LISTED_TEXT_MAX + 1;

/** The SQL that reads `column`'s head as `<column>_head` on `dialect` (`prefix`: a table alias). */
export function headColumn(dialect: Dialect, column: string, prefix = ""): string {
  return dialect === "sqlite"
    ? `${prefix}${column}_head`
    : `substr(${prefix}${column}, 1, ${TEXT_HEAD_CHARS}) AS ${column}_head`;
}

/** The head `text` is stored with on SQLite (what the triggers of {@linkcode headTriggers} keep). */
export function textHead(text: string): string {
  // Code points, as SQLite's substr counts them.
  let units = 0;
  let chars = 0;
  for (const char of text) {
    if (chars === TEXT_HEAD_CHARS) return text.slice(0, units);
    units += char.length;
    chars++;
  }
  return text;
}

/**
 * SQLite triggers that keep `table`'s `<column>_head` in step with `column`, whoever writes the
 * row (a writer that stores the right head costs no second write).
 */
export function headTriggers(table: string, column: string): string {
  const head = `${column}_head`;
  const value = `substr(NEW.${column}, 1, ${TEXT_HEAD_CHARS})`;
  return `
      CREATE TRIGGER ${table}_${head}_insert AFTER INSERT ON ${table}
        WHEN NEW.${head} IS NOT ${value}
      BEGIN
        UPDATE ${table} SET ${head} = ${value} WHERE id = NEW.id;
      END;
      CREATE TRIGGER ${table}_${head}_update AFTER UPDATE OF ${column}, ${head} ON ${table}
        WHEN NEW.${head} IS NOT ${value}
      BEGIN
        UPDATE ${table} SET ${head} = ${value} WHERE id = NEW.id;
      END;
    `;
}

/** A text's excerpt (from its head, or the whole text) and whether it was cut. */
export interface Excerpt {
  text: string;
  truncated: boolean;
}

/** The excerpt a list shows of the text whose head (or whole text) is `head`. */
export function excerptOf(head: string): Excerpt {
  // The head holds fewer characters than it may only when it is the whole text.
  if (head.length <= LISTED_TEXT_MAX) return { text: head, truncated: false };
  return { text: cutText(head, LISTED_TEXT_MAX), truncated: true };
}

/**
 * The excerpt of `text` where a list has no field to say it was cut (an MCP description): with
 * "…" after it when it was.
 */
export function markedExcerpt(text: string): string {
  const { text: excerpt, truncated } = excerptOf(text);
  return truncated ? `${excerpt}…` : excerpt;
}
