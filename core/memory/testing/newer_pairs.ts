/**
 * Pairs of contenders as `replacingMeaning` (`update_pairs.ts`) reads them, under its loosest
 * reading, for the tests of `newer_signs.ts`. Test code only.
 *
 * @module
 */
import { updateKindsOfText } from "../update_kinds.ts";
import { replacingMeaning } from "../update_pairs.ts";
import type { Contender } from "../update_contenders.ts";
import { type Item, updateItem } from "./update_items.ts";

/** A contender of `content`, created `minute` minutes into 2026, in a compared voice or not. */
export function contenderOf(
  content: string,
  options: { minute: number; voiced: boolean; id?: string },
): Contender<Item> {
  return {
    item: updateItem(options.id ?? content, content, { relevance: 1, minute: options.minute }),
    share: 1,
    kinds: updateKindsOfText(content),
    voiced: options.voiced,
    text: content,
    telling: undefined,
    names: undefined,
    numbers: undefined,
    reached: undefined,
  };
}

/**
 * `replacingMeaning` of `older` and `newer` under the loosest reading: the two fully alike in
 * words and meaning, a question about now or not, its terms the older one's words.
 */
export function pairsLoosely(
  older: Contender<Item>,
  newer: Contender<Item>,
  options: { current: boolean; olderVoiced: boolean },
): boolean {
  return replacingMeaning({ older, newer, olderVoiced: options.olderVoiced }, {
    sameSubject: () => ({ words: 1, meaning: 1 }),
    found: new Set(),
    needed: 0,
    current: options.current,
    queryTerms: older.text.toLowerCase().split(/\W+/).filter(Boolean),
    typed: true,
  }) !== undefined;
}
