/**
 * Whether a memory's text names what a question asks for (`namesAnswer`: a place, a person, a
 * time, an amount), remembered by text: ranking asks it of every candidate of a question that wants one,
 * search after search, and `namesPerson` reads the text token by token with Unicode regular
 * expressions. The answer depends on the text, the type and the word data alone; the memos hold
 * one word data's answers (a search gets the process's one `WordVectors.shared()`) and start over
 * when asked with another.
 *
 * @module
 */
import { type AnswerType, namesAnswer, type WordKinds } from "./query.ts";
import { rememberedByText, type TextMemo } from "./text_memo.ts";
import { type AskedType, namesTypes, type TypeMembers } from "./meaning/answer_types.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";
import { analysedTerms } from "./text.ts";

/** The word data the memos' answers are of. */
let memoKinds: WordKinds | undefined;

function memoOf(type: Exclude<AnswerType, undefined>): TextMemo<boolean> {
  return rememberedByText((text) => namesAnswer(text, type, memoKinds!));
}

const memos = {
  place: memoOf("place"),
  person: memoOf("person"),
  time: memoOf("time"),
  span: memoOf("span"),
  quantity: memoOf("quantity"),
};

/** {@linkcode namesAnswer}, remembered (see the module's documentation). */
export function namesAnswerRemembered(text: string, type: AnswerType, kinds: WordKinds): boolean {
  if (type === undefined) return true;
  if (kinds !== memoKinds) {
    forgetAnswers();
    memoKinds = kinds;
  }
  return memos[type](text);
}

/** Forgets every remembered answer (for tests). */
export function forgetAnswers(): void {
  // Every type's memo, so one added later is not left out (review42 R6).
  for (const memo of Object.values(memos)) memo.forget();
}

/**
 * Whether a memory's text names what the query asks for: a place, a person or a time
 * (`wanted`, `namesAnswer`) and a member of an answer type its words ask for (`types`,
 * `namesTypes`); undefined when it asks for neither. A memory that does not loses
 * `ANSWER_TYPE` in ranking.
 */
export function answersOf(
  wanted: AnswerType,
  types: { asked: readonly AskedType[]; members: TypeMembers } | undefined,
  words: WordVectors,
): ((content: string) => boolean) | undefined {
  if (wanted === undefined && types === undefined) return undefined;
  return (content) =>
    (wanted === undefined || namesAnswerRemembered(content, wanted, words)) &&
    (types === undefined || namesTypes(analysedTerms(content), types.asked, types.members));
}
