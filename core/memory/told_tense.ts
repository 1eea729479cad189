/**
 * Whether a text is told in the present or only in the past, read from English's finite verbs.
 * A question in the simple present of a lexical verb, with "do" or "does" ("what time does
 * Pauline ring", "what does Dad like to eat"), asks about a habit or a lasting state; a memory
 * whose every finite verb of its main clauses is in the simple past ("Dad was brighter this
 * afternoon, he ate all his lunch", "Priya's best friend used to be Ruby") tells what happened
 * once or held then: English's simple past, unlike its perfect, leaves the present out. Such a
 * memory loses {@linkcode PAST_TOLD} of its score for such a question, as a word in another
 * class does (`word_class.ts`); one that says any verb in the present keeps it, and so does a
 * line with no finite verb ("Gareth on leave 10-21 Jul"), unless a past time adverbial places it
 * in the past ("Whitby trip years ago": `past_adverbials.ts`). A past that tells a beginning
 * (`told_beginnings.ts`: "I began working at Tesco", "they married in June") or an update of any
 * kind (`update_kinds.ts`: "I moved to Leeds in May", "Biscuit passed away") is left alone, as
 * is every memory for a question with "is" or "have" (a past event may have set the value or the
 * having asked: "Mila just turned five", "we adopted a cat"; measured in session 40, recall80).
 *
 * The reading uses closed classes of the grammar only: the auxiliaries and modals, the subject
 * pronouns, the cut forms of "is", "am", "are", "have" and "will", English's irregular past
 * forms (`told_events.ts`) and the ending "-ed"; no verb of any topic is listed. The classes are
 * `told_tense_words.ts`.
 *
 * @module
 */
import { rememberedByText, type TextMemo } from "./text_memo.ts";
import { STOPWORDS } from "./text.ts";
import { updateKindsOfText } from "./update_kinds.ts";
import { broadSubject } from "./broad_subject.ts";
import { beginsState } from "./told_beginnings.ts";
import { placedInPast, timeBeforeAgo } from "./past_adverbials.ts";
import {
  ATTRIBUTIVE,
  BASE_EQUAL,
  BE_PAST,
  BETWEEN,
  DETERMINERS,
  DO_SUPPORT,
  HAVE,
  IRREGULAR,
  JOINERS,
  PAST,
  PRESENT,
  PRESENT_CLITICS,
  S_IS,
  SUBJECTS,
  SUBORDINATORS,
  THIRD,
  UNREAD,
} from "./told_tense_words.ts";

/** The share of its score a memory told only in the past loses for a question in the present. */
export const PAST_TOLD = 0.2;

/** How many words of a text are read for its tense: the rest adds nothing a reply depends on. */
export const TENSE_WORDS = 400;

/**
 * The most adverbs of {@linkcode BETWEEN} read between a subject and its verb ("I still never
 * rang her", "Dad really always rang"): English stacks two, rarely more, and the look back stays
 * bounded however many a text repeats.
 */
export const ADVERBS_BETWEEN = 2;

/**
 * Whether the word after a joining word opens a clause of its own: a subject pronoun, a name, a
 * finite "be", "have" or "do", or a third person's verb of the present in "-s" or "-es".
 */
function opensClause(token: string, written: string): boolean {
  return SUBJECTS.has(token) || THIRD.has(token) || PRESENT.has(token) || PAST.has(token) ||
    /^\p{Lu}/u.test(written) || /^\p{Ll}{2,}(?:[^s'u]s|es)$/u.test(token) && !STOPWORDS.has(token);
}

/** The tense a text is told in: finite verbs of the present, of the past, both, or none. */
export type Tense = "present" | "past" | "mixed" | "none";

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
/** A sender's tag that opens a kept exchange's line ("Theo said: ", "Juno replied: "). */
const SPEAKER_TAG = /^[^\S\r\n]*[\p{L}][\p{L}\p{N} .'’-]{0,40}?\s(?:said|replied|asked|wrote):/gmu;

/** The first {@linkcode TENSE_WORDS} words of `text`, read lazily: a long text costs no more. */
function firstWords(text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (const match of text.matchAll(TOKEN)) {
    if (found.length === TENSE_WORDS) break;
    found.push(match);
  }
  return found;
}

function isPastForm(word: string): boolean {
  return IRREGULAR.has(word) || (/^\p{Ll}{2,}ed$/u.test(word) && !word.endsWith("eed"));
}

/**
 * The tense `text` is told in ({@linkcode Tense}), read from its first {@linkcode TENSE_WORDS}
 * words: an auxiliary or modal of the present or past, a cut "'m", "'re", "'ve", "'ll", a
 * pronoun's "'s", "used to", and the verb right after a subject pronoun (a past form or not; a
 * word in "-s" after "he", "she" or "it"). A name's "'s" is read as "is" only when `question` and
 * a determiner follows it ("what date's the wedding"); elsewhere it may be a possessive.
 */
export function tenseOf(text: string, question = false): Tense {
  return readTense(text, question).tense;
}

/**
 * {@linkcode tenseOf}'s reading, and whether a past it read tells a beginning (`begun`:
 * `told_beginnings.ts`), a state that holds now.
 */
function readTense(text: string, question: boolean): { tense: Tense; begun: boolean } {
  const source = text.replace(SPEAKER_TAG, " ");
  const matches = firstWords(source);
  const written = matches.map((match) => match[0]);
  const tokens = written.map((word) => word.toLowerCase().replace("’", "'"));
  // Whether each token is in a subordinate clause: from its opening word to the next mark of
  // punctuation that ends a clause.
  const subordinate: boolean[] = [];
  // Verbs whose subject a joining word left out: read as the main clause's, a third person's.
  const joined = new Set<number>();
  let inside = false;
  let mainEnd = tokens.length; // The main part ends at an aside (`past_adverbials.ts`).
  for (let i = 0; i < tokens.length; i++) {
    const gap = i === 0
      ? ""
      : source.slice(matches[i - 1]!.index + written[i - 1]!.length, matches[i]!.index);
    if (/[,.;:!?()\n—–]|\s-\s/u.test(gap)) inside = false;
    if (mainEnd > i && /[,;()—–]|\s-\s/u.test(gap)) mainEnd = i;
    // A joining word before a subject, a name or a verb of the present begins the main clause
    // again ("... until 2019 and lives in York now").
    if (inside && JOINERS.has(tokens[i - 1] ?? "") && opensClause(tokens[i]!, written[i]!)) {
      inside = false;
      joined.add(i);
    }
    // A question's opening "when" asks; elsewhere it opens a clause ("when I was 8"). "b/c" is
    // texting's "because".
    const opening = question && i === 0;
    if (
      !opening && (SUBORDINATORS.has(tokens[i]!) || (tokens[i] === "b" && tokens[i + 1] === "c"))
    ) {
      inside = true;
    }
    subordinate.push(inside);
  }
  let present = false;
  let past = false;
  let begun = false;
  for (let i = 0; i < tokens.length && !(present && past); i++) {
    const token = tokens[i]!;
    if (subordinate[i]) continue;
    if (PRESENT.has(token)) present = true;
    else if (PAST.has(token)) {
      past = true;
      // A participle of beginning after a past "be" ("was born", "were married"); "never"
      // between denies it ("I was never promoted").
      const next = BETWEEN.has(tokens[i + 1] ?? "") ? i + 2 : i + 1;
      begun ||= BE_PAST.has(token) && tokens[i + 1] !== "never" && beginsState(tokens, next);
    } else if (token === "used" && tokens[i + 1] === "to") past = true;
    const cut = token.indexOf("'");
    if (cut > 0) {
      const [head, tail] = [token.slice(0, cut), token.slice(cut + 1)];
      if (PRESENT_CLITICS.has(tail)) present = true;
      else if (
        tail === "s" && (S_IS.has(head) || (question && DETERMINERS.has(tokens[i + 1] ?? "")))
      ) {
        present = true;
      }
      continue;
    }
    let at = i - 1;
    let never = false;
    for (let read = 0; read < ADVERBS_BETWEEN && BETWEEN.has(tokens[at] ?? ""); read++) {
      never ||= tokens[at] === "never";
      at--;
    }
    const subject = tokens[at] ?? "";
    // A name is a third person ("Jonah got ...", "Dad likes ..."), but not every capitalised
    // word is a subject: only a past form or a word in "-s" after it is read.
    // A capitalised determiner opening a sentence ("The twins", "My parents") is no name, but
    // the noun after it is a third person subject.
    const capital = (at: number) => /^\p{Lu}/u.test(written[at] ?? "");
    const named = !capital(i) && !DETERMINERS.has(subject) &&
      (capital(at) || (capital(at - 1) && DETERMINERS.has(tokens[at - 1]!)));
    if (token === UNREAD) continue;
    // The length of time of "years ago" is no verb, whatever comes before it (`past_adverbials.ts`).
    if (timeBeforeAgo(tokens, i)) continue;
    // An adverb between a subject and its verb is no verb ("I still rang her", "Dad always
    // rang"): the word after it is read with the subject before it.
    if (BETWEEN.has(token)) continue;
    if (SUBJECTS.has(subject) || THIRD.has(subject) || named || joined.has(i)) {
      const third = !SUBJECTS.has(subject);
      // After "I", "we", "you" or "they" a form that is also the present's tells neither.
      if (!third && BASE_EQUAL.has(token)) continue;
      if (isPastForm(token) || (third && BASE_EQUAL.has(token))) {
        past = true;
        // "never" before it denies the beginning ("I never joined the gym", "I still never
        // joined").
        begun ||= !never && beginsState(tokens, i);
      } else if (!STOPWORDS.has(token) && (!third || /[^s']s$/u.test(token))) present = true;
    }
  }
  // A line with no finite verb that places itself in the past ("Whitby trip years ago").
  if (!present && !past && placedInPast(tokens, { subordinate, mainEnd, written })) past = true;
  const tense = present ? (past ? "mixed" : "present") : (past ? "past" : "none");
  return { tense, begun };
}

/**
 * Whether a text is told only in the past, tells no beginning (`told_beginnings.ts`: "I began
 * working at Tesco", "we adopted a grey cat") and no update of any kind (`update_kinds.ts`: a
 * change, an ending, a move, a deed, a slot or a value stated): what such a past began holds now
 * ("Biscuit passed away", "I moved to Leeds in May").
 */
export const toldOnlyInPast: TextMemo<boolean> = rememberedByText(
  (text) => {
    const { tense, begun } = readTense(text, false);
    return tense === "past" && !begun && updateKindsOfText(text) === 0;
  },
  // Asked of every candidate of a habit question: worked out when a memory is written.
  { everyCandidate: true },
);

/**
 * Whether `query` asks about a habit or a lasting state in the simple present of a lexical verb:
 * told in the present ({@linkcode tenseOf}) with "do" or "does" ("what time does Pauline ring",
 * "what does Dad like to eat"), not about having ("do we have any pets": a past getting, "we
 * adopted a cat", is an answer). A question with "is" ("how old is Mila", "who is my boyfriend")
 * asks a value a past event may have set ("Mila just turned five"), so it asks no habit; nor
 * does a broad question ("what do I know about Kit", `broad_subject.ts`): it asks everything told
 * of its subject, what happened included.
 */
export function asksHabit(query: string): boolean {
  if (tenseOf(query, true) !== "present" || broadSubject(query) !== undefined) return false;
  const folded = firstWords(query).map((match) => match[0].toLowerCase().replace("’", "'"));
  return folded.some((word) => DO_SUPPORT.has(word)) && !folded.some((word) => HAVE.has(word)) &&
    !tellsPastAnywhere(folded);
}

/**
 * Whether folded words tell a past in any clause: "did", "was", or a past form (irregular, or in
 * "-ed") not after a determiner, where it is an adjective ("the broken chair"). A question that
 * tells one ("do you remember when we went to Paris", "who do I know that went to Oxford", "what
 * do I think happened to my keys") asks about what happened, not a habit. A form that is also
 * the present's ("hit", "set") tells none.
 */
export function tellsPastAnywhere(folded: readonly string[]): boolean {
  return folded.some((word, at) =>
    PAST.has(word) || (isPastForm(word) && !ATTRIBUTIVE.has(folded[at - 1] ?? ""))
  );
}

/**
 * The factor a memory's `content` gets for a question that `habit` ({@linkcode asksHabit}):
 * 1 − {@linkcode PAST_TOLD} when the memory is told only in the past and tells no beginning and
 * no update; else 1.
 */
export function pastToldFactor(habit: boolean, content: string): number {
  return habit && toldOnlyInPast(content) ? 1 - PAST_TOLD : 1;
}
