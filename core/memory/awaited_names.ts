/**
 * Memories that name a thing another one awaits (`met_prospects.ts`): "The interview went well
 * and the agency offered me the position" after "Next Friday I have a job interview at a design
 * agency". Such a memory may tell the awaited thing met with no other sign of an update and in no
 * one's voice, so the pairing of facts and their unlinked updates compares it
 * (`update_contenders.ts`), weighs its words (`subject_candidates.ts`) and does not skip the pairing
 * (`mayPairAsUpdates`). Few memories await anything: the others' terms are read only then.
 *
 * @module
 */
import { awaitedHeadsOfText } from "./awaited_heads.ts";
import { termSetOfText } from "./update_facts.ts";

/**
 * The `others` whose terms hold the head of a thing one of `awaiting` awaits (`awaitedHeads`),
 * not only their own; `text` gives an item's text.
 */
export function namingAwaited<T>(
  others: readonly T[],
  awaiting: readonly T[],
  text: (item: T) => string,
): T[] {
  const awaited = awaiting
    .map((item) => ({ item, heads: awaitedHeadsOfText(text(item)) }))
    .filter(({ heads }) => heads.length > 0);
  if (awaited.length === 0) return [];
  return others.filter((other) => {
    const terms = termSetOfText(text(other));
    return awaited.some(({ item, heads }) =>
      item !== other && heads.some((head) => terms.has(head))
    );
  });
}
