/**
 * What `owned_family.ts` refuses when it reads a family and its members (issue 9, session 41,
 * review41b findings 1, 6 and 7): a word after a relative's word that is capitalised but names no
 * one, and a family word that asks for no one's family.
 *
 * A capitalised word names a relative unless the project already knows it names no one: a day, a
 * month, a feast or a title (`NOT_NAMES`), a language or a nationality, or a family title
 * (`namesNoOne`, `opening_names.ts`). "We saw Jonah's mum Tuesday" names a day, "Colleen's sister
 * is Polish" says what she is: an adjective of nationality after "is" is a predicate, never a
 * name.
 *
 * A family word asks for no family when it modifies the noun after it ("Jonah's family doctor",
 * "family business", "family car": English puts a modifier right before its head, and the head is
 * a word the shipped WordNet data uses mostly as a noun, `isNounHead`), or when "relations" means
 * dealings ("Jonah's relations with his boss": "relations with/between" is that sense; a family is
 * never "with" someone in that place).
 *
 * A relative's name stands for the family only where a memory writes it as a name
 * ({@linkcode namesWritten}): "Hunter broke his arm", not "the hunter in the novel" (review41b 3).
 *
 * @module
 */
import { namesNoOne } from "./opening_names.ts";
import { isNounHead } from "./noun_modifiers.ts";
import { isName, nameTerm, type Token, tokensOf } from "./relation_names.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * Heads after a family word that still name its people ("Jonah's family members"): the family
 * itself, counted one by one.
 */
const PEOPLE_HEADS: ReadonlySet<string> = new Set(["member", "members"]);

/** Prepositions after "relations" that make it dealings ("relations with his boss"). */
const DEALINGS: ReadonlySet<string> = new Set(["with", "between"]);

/** Whether `token` may be a relative's name: a name that is no day, month, title or people. */
export function isRelativeName(token: Token | undefined): token is Token {
  return isName(token) && !namesNoOne(token.folded);
}

/**
 * Whether the family word at `at` of `tokens` asks for no family: it modifies the noun after it
 * ("family doctor") or is "relations" in the sense of dealings ("relations with his boss").
 */
export function asksNoFamily(tokens: readonly Token[], at: number): boolean {
  const word = tokens[at]!;
  const next = tokens[at + 1];
  if (word.gap !== "space" || next === undefined) return false;
  if (word.folded === "relations" && DEALINGS.has(next.folded)) return true;
  // A capitalised word after it is a name or a new sentence's start, not a head.
  if (/^\p{Lu}/u.test(next.raw)) return false;
  return !PEOPLE_HEADS.has(next.folded) && isNounHead(next.folded);
}

/**
 * The name terms `content` writes as names: capitalised words that are no title or relation word
 * (`isName`), remembered by text. A capital that opens a sentence counts too: a relative's own
 * line often opens with the name ("Hunter broke his arm"), and a lower-case word, which the
 * common word always is inside a sentence ("the hunter in the novel"), never counts.
 */
export const namesWritten = rememberedByText((content): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const token of tokensOf(content)) {
    if (!isName(token)) continue;
    const term = nameTerm(token);
    if (term !== undefined) names.add(term);
  }
  return names;
});
