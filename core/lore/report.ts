/**
 * What replies say about lore, bounded: the entries that fired or were cut are listed first to
 * last up to a count and a size, and when a list is cut its whole length is given beside it
 * (`lore_used_total`, `lore_skipped_total`; in `lorebook.test`, `fired_total`, `cut_total`,
 * `refused_keys_total`). However many entries the books in play hold, lore cannot push a reply
 * past MAX_REPLY_BYTES (at least 1 MiB).
 *
 * @module
 */
import type { CutEntry, FiredEntry, LoreActivation, RefusedKey } from "./activation_types.ts";

/** The bounds of one reported list. */
export interface ReportLimits {
  /** Items listed. */
  entries: number;
  /** UTF-8 bytes of the listed items as JSON. */
  bytes: number;
}

/** A chat reply's `lore_used` and `lore_skipped`, each. */
export const CHAT_LORE_REPORT: ReportLimits = { entries: 64, bytes: 64 * 1024 };
/** A room reply's `lore_used` (a round has up to 33 replies). */
export const ROOM_LORE_REPORT: ReportLimits = { entries: 32, bytes: 8 * 1024 };
/** `lorebook.test`'s `fired` (with contents); its `cut` and `refused_keys` as a chat's. */
export const TEST_FIRED_REPORT: ReportLimits = { entries: 200, bytes: 256 * 1024 };

const encoder = new TextEncoder();

/** The first of `items` within `limits` (none, if the first alone is over the bytes). */
export function firstOf<T>(items: readonly T[], limits: ReportLimits): T[] {
  const listed: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (listed.length >= limits.entries) break;
    // One comma or bracket per item besides its JSON.
    bytes += encoder.encode(JSON.stringify(item)).length + 1;
    if (bytes > limits.bytes) break;
    listed.push(item);
  }
  return listed;
}

/**
 * `items` as the list `name` of a reply, with `${name}_total` when cut; `unbuilt` more items
 * (never listed: beyond `limits`) count in the total.
 */
function listed<T, K extends string>(
  name: K,
  items: readonly T[],
  limits: ReportLimits,
  unbuilt = 0,
): Record<K, T[]> & Partial<Record<`${K}_total`, number>> {
  const first = firstOf(items, limits);
  const result: Record<string, unknown> = { [name]: first };
  const total = items.length + unbuilt;
  if (first.length < total) result[`${name}_total`] = total;
  return result as Record<K, T[]> & Partial<Record<`${K}_total`, number>>;
}

/** A fired entry as replies report it (its content is in the prompt, not the reply). */
export type LoreUsed = Omit<FiredEntry, "content">;

const used = (activation: LoreActivation | null): LoreUsed[] =>
  activation?.fired.map(({ content: _content, ...entry }) => entry) ?? [];

/** A chat reply's `lore_used` and `lore_skipped`, bounded. */
export function chatLoreReport(activation: LoreActivation | null): {
  lore_used: LoreUsed[];
  lore_used_total?: number;
  lore_skipped: CutEntry[];
  lore_skipped_total?: number;
} {
  return {
    ...listed("lore_used", used(activation), CHAT_LORE_REPORT),
    ...listed("lore_skipped", activation?.cut ?? [], CHAT_LORE_REPORT, activation?.cut_unbuilt),
  };
}

/** A room reply's `lore_used`, bounded. */
export function roomLoreReport(
  activation: LoreActivation | null,
): { lore_used: LoreUsed[]; lore_used_total?: number } {
  return listed("lore_used", used(activation), ROOM_LORE_REPORT);
}

/** `lorebook.test`'s `fired`, `cut` and `refused_keys`, bounded. */
export function testLoreReport(activation: LoreActivation): {
  fired: FiredEntry[];
  fired_total?: number;
  cut: CutEntry[];
  cut_total?: number;
  refused_keys: RefusedKey[];
  refused_keys_total?: number;
} {
  return {
    ...listed("fired", activation.fired, TEST_FIRED_REPORT),
    ...listed("cut", activation.cut, CHAT_LORE_REPORT, activation.cut_unbuilt),
    ...listed("refused_keys", activation.refused_keys ?? [], CHAT_LORE_REPORT),
  };
}
