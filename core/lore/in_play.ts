/**
 * The entries in play for one activation: the first `max` of the books in play, in book then
 * entry order. The enabled entries past them are cut, reason `limit`, without being scanned; only
 * the first {@linkcode LIMIT_CUTS_BUILT} of them are built (a reply lists no more), the rest
 * counted, so the work of one reply is bounded however many entries the attached books hold.
 *
 * @module
 */
import type { CutEntry, LoreSource } from "./activation_types.ts";
import { label } from "./candidate.ts";
import { CHAT_LORE_REPORT } from "./report.ts";
import { estimateTokens } from "./tokens.ts";

/** Most `limit` cuts built per activation: as many as a reply lists (the rest are counted). */
export const LIMIT_CUTS_BUILT: number = CHAT_LORE_REPORT.entries;

/**
 * `books` cut to `max` entries in all, the first enabled entries left out (`cut`), and how many
 * more were, not built (`unbuilt`).
 */
export function entriesInPlay(
  books: readonly LoreSource[],
  max: number,
): { books: readonly LoreSource[]; cut: CutEntry[]; unbuilt: number } {
  let left = max;
  let unbuilt = 0;
  const cut: CutEntry[] = [];
  const kept: LoreSource[] = [];
  for (const source of books) {
    const entries = source.book.entries;
    if (entries.length <= left) {
      kept.push(source);
      left -= entries.length;
      continue;
    }
    // The entries keep their indices: only the tail of a book is left out.
    if (left > 0) {
      kept.push({ ...source, book: { ...source.book, entries: entries.slice(0, left) } });
    }
    entries.forEach((entry, index) => {
      if (index < left || !entry.enabled) return;
      if (cut.length >= LIMIT_CUTS_BUILT) {
        unbuilt++;
        return;
      }
      cut.push({
        lorebook_id: source.id,
        entry: index,
        label: label(entry, index),
        tokens: estimateTokens(entry.content),
        reason: "limit",
      });
    });
    left = 0;
  }
  return { books: kept, cut, unbuilt };
}
