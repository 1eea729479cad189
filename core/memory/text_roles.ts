/**
 * What `noun_modifiers.ts` and `word_class.ts` read of a memory's text, remembered together: a
 * search asks both of every candidate, and one lookup in a text's memo costs about what either
 * quick check does.
 *
 * @module
 */
import { modifierPairs, type Modifiers } from "./noun_modifiers.ts";
import { type MarkedUses, markedUses } from "./word_class.ts";
import { rememberedByText } from "./text_memo.ts";

/** A text's noun modifiers and its words marked as a verb or a noun by word order. */
export interface TextRoles {
  modifiers: Modifiers;
  marked: MarkedUses;
}

/** {@linkcode TextRoles} of `text`, remembered by text. */
export const rolesOf = rememberedByText((text): TextRoles => ({
  modifiers: { text, pairs: modifierPairs(text) },
  marked: markedUses(text),
}));
