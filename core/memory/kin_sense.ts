/**
 * A family word in its kinship sense has an owner: "my kids", "our daughter", "Tom's son", "the
 * kids". Said with an indefinite article ("as a child", "A child at the park was drawing", "I
 * was a mother's boy") it names a young person, a role, anyone's relative: no one's child. A
 * question about the persona's own relatives ("Tell me about my kids", "What are my children
 * like?") is not answered by a memory whose every word of that meaning is such an ownerless one
 * ("I studied the piano for eight years as a child"), which word alignment and BM25 match in full.
 * Such a memory loses {@linkcode KIN_UNOWNED} of its score, as a memory matching a query word
 * only as a modifier does (`noun_modifiers.ts`).
 *
 * @module
 */
import { KIN_FORMS, kinTerm } from "./meaning/kin_terms.ts";
import { stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { asciiWords } from "./query_words.ts";

/** The share of its score a memory loses when its words of the asked relative are all ownerless. */
export const KIN_UNOWNED = 0.2;

/** Words that make a family word someone's relative ("my", "our", "his", "the", ...). */
const OWNERS: ReadonlySet<string> = new Set(
  ["my", "our", "your", "his", "her", "their", "its", "the", "whose"],
);
/** Articles that make a family word anyone's ("a child", "an aunt"). */
const INDEFINITE: ReadonlySet<string> = new Set(["a", "an"]);
const TOKEN = /[\p{L}\p{N}'’]+/gu;
/** A quick test for a family word anywhere in a text. */
const KIN_TEST = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...KIN_FORMS].join("|")})(?![\\p{L}\\p{N}])`,
  "iu",
);

/** A text's family words: each stem, and whether it has an owner before it (one word between at most). */
interface KinUse {
  stem: string;
  owned: boolean;
  indefinite: boolean;
}

/** The family words of `text` and how each is determined, remembered by text. */
const kinUses: (text: string) => readonly KinUse[] = rememberedByText((text) => {
  // Most texts hold no family word: nothing more is read.
  const folded = asciiWords(text);
  if (folded === undefined ? !KIN_TEST.test(text) : !folded.some((word) => KIN_FORMS.has(word))) {
    return [];
  }
  const tokens = [...text.matchAll(TOKEN)].map((match) => match[0]);
  const uses: KinUse[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const folded = words(tokens[i]!)[0] ?? "";
    if (!KIN_FORMS.has(folded)) continue;
    const wordStem = stem(folded);
    if (kinTerm(wordStem) === undefined) continue;
    // The determiner may stand one word before the family word ("my youngest son", "a small child").
    const before = [i - 1, i - 2].filter((at) => at >= 0).map((at) => tokens[at]!);
    const folds = before.map((token) => words(token)[0] ?? "");
    const owned = folds.some((word) => OWNERS.has(word)) ||
      before.some((token) => /\p{L}(?:['’]s|s['’])$/u.test(token));
    // The same two words as `owned` (review39 R8: "as a small child" is as ownerless as "as a child").
    const indefinite = !owned && folds.some((word) => INDEFINITE.has(word));
    uses.push({ stem: wordStem, owned, indefinite });
  }
  return uses;
});

/**
 * The family words `query` asks about as someone's relatives ("my kids", "our children"): the
 * stems of each such word's meaning (`kinTerm`'s `same` and `near`).
 */
export function ownedKinAsked(query: string): ReadonlySet<string> {
  const asked = new Set<string>();
  for (const use of kinUses(query)) {
    if (!use.owned) continue;
    const kin = kinTerm(use.stem)!;
    for (const same of kin.same) asked.add(same);
    for (const near of kin.near) asked.add(near);
  }
  return asked;
}

/**
 * The factor a memory's `content` gets for a query asking about `asked` relatives
 * ({@linkcode ownedKinAsked}): 1 − {@linkcode KIN_UNOWNED} when it says words of their meaning
 * only with an indefinite article ("as a child"), else 1.
 */
export function kinSenseFactor(asked: ReadonlySet<string>, content: string): number {
  if (asked.size === 0) return 1;
  let ownerless = false;
  for (const use of kinUses(content)) {
    if (!asked.has(use.stem)) continue;
    if (!use.indefinite) return 1;
    ownerless = true;
  }
  return ownerless ? 1 - KIN_UNOWNED : 1;
}
