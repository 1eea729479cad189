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

/** The word data the memos' answers are of. */
let memoKinds: WordKinds | undefined;

function memoOf(type: Exclude<AnswerType, undefined>): TextMemo<boolean> {
  return rememberedByText((text) => namesAnswer(text, type, memoKinds!));
}

const memos = {
  place: memoOf("place"),
  person: memoOf("person"),
  time: memoOf("time"),
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
  memos.place.forget();
  memos.person.forget();
  memos.time.forget();
  memos.quantity.forget();
}
