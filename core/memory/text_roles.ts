/**
 * What `noun_modifiers.ts` and `word_class.ts` read of a memory's text, remembered together: a
 * search asks both of every candidate, and one lookup in a text's memo costs about what either
 * quick check does. The marked uses are read only when first asked: a query with no word of a
 * plain class (the speed bench's, and queries with no "I ..." or "the ...") never needs them,
 * and they cost a second scan of each new text.
 *
 * @module
 */
import { modifierPairs, type Modifiers } from "./noun_modifiers.ts";
import { type MarkedUses, markedUses } from "./word_class.ts";
import { rememberedByText } from "./text_memo.ts";

/** A text's noun modifiers and its words marked as a verb or a noun by word order. */
export interface TextRoles {
  modifiers: Modifiers;
  /** Read by {@linkcode markedOf} when first asked (undefined until then). */
  marked: MarkedUses | undefined;
}

/** {@linkcode TextRoles} of `text`, remembered by text. */
export const rolesOf = rememberedByText((text): TextRoles => ({
  modifiers: { text, pairs: modifierPairs(text) },
  marked: undefined,
}), { everyCandidate: true });

/** The marked uses of the text of `roles` (`markedUses`), read once and kept with them. */
export function markedOf(roles: TextRoles): MarkedUses {
  return roles.marked ??= markedUses(roles.modifiers.text);
}
