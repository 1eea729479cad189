/**
 * Newer memories in no one's voice that go on with the best compared fact (`unlinked_updates.ts`):
 * the pairing compares the persona's and the group's memories (`UPDATE_VOICES`), not remarks in
 * no one's voice, since those are about someone or something else. Yet casual speech leaves the
 * speaker out of a line about its own habit, state or plan, naming only the thing: "three weeks
 * without a single diet coke, it's sparkling water or nothing now" after "I drink waaay too much
 * diet coke"; "The interview went well and the agency offered me the position" after "Next Friday
 * I have a job interview". Such a line names no one else (no name, no third person's pronoun, no
 * word for a relative or companion: `namesNoOne`) and holds a word of the fact: it is compared
 * with that one fact alone, in the fact's voice, by the rules of every unlinked update. A remark
 * naming someone ("Mila learned to swim ...") stays out: two about one person share that name and
 * much of their meaning whatever they tell (`UPDATE_VOICES`).
 *
 * Bounded: one fact (the most relevant compared one), and only the candidates among the best
 * compared by relevance; the texts are read from memos (`update_facts.ts`).
 *
 * @module
 */
import type { MemoryRecord } from "./schema.ts";
import { namesOfText, termSetOfText } from "./update_facts.ts";
import { PEOPLE_WORDS } from "./someone_else.ts";
import { rememberedByText } from "./text_memo.ts";
import { FINITE_AUXILIARIES } from "./function_words.ts";
import { CLAUSE_END } from "./restated_amounts.ts";
import { pastVerbs } from "./told_events.ts";

/** Third persons' pronouns and possessives: a line holding one is about someone else. */
const THIRD_PERSONS: ReadonlySet<string> = new Set(
  "he him his she her hers they them their theirs".split(" "),
);

const WORD = /[\p{L}'’]+/gu;

/** The speaker as an object: a remark saying it is about the speaker's own life. */
const SPEAKER_OBJECT = /(?<![\p{L}'’])(?:me|myself)(?![\p{L}'’])/u;

/** A verb cut onto the word before it ("it's", "they're", "I'm", "we've", "she'd", "you'll"). */
const CUT_VERB = /['’](?:s|re|m|ve|d|ll)$/u;

/**
 * Whether a remark in no one's voice is the speaker's own by its grammar: it says the speaker as
 * an object ("the agency offered me the position"), or its opening clause (to the first comma,
 * semicolon, dash or sentence end: `CLAUSE_END`) holds no verb, neither an auxiliary
 * (`FINITE_AUXILIARIES`, or one cut onto a word) nor a word that reads as a verb in the past after
 * a subject (`pastVerbs` of "I" and the word): a verbless
 * fragment, casual speech's report of the speaker's own state ("three weeks without a single diet
 * coke", "60 days nicotine free today"). A clause with a subject and its verb tells of that
 * subject ("lactose free ice cream is actually decent now", "the exam board changed the rules").
 * Remembered by text.
 */
export const speakersOwnByGrammar: (text: string) => boolean = rememberedByText((text) => {
  const lower = text.toLowerCase();
  if (SPEAKER_OBJECT.test(lower)) return true;
  const clause = lower.split(CLAUSE_END, 1)[0]!;
  const words = clause.match(WORD) ?? [];
  if (words.length < 2) return false;
  if (words.some((word) => FINITE_AUXILIARIES.has(word) || CUT_VERB.test(word))) return false;
  // Any word of it that reads as a verb in the past after a subject ("I changed", "I went").
  return !words.some((word) => pastVerbs(`I ${word}`).length > 0);
});

/**
 * Whether `text` names no one: no capitalised name (`namesOfText`), no third person's pronoun
 * ({@linkcode THIRD_PERSONS}) and no word for a relative or companion (`PEOPLE_WORDS`).
 * Remembered by text.
 */
export const namesNoOne: (text: string) => boolean = rememberedByText((text) => {
  if (namesOfText(text).size > 0) return false;
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    if (THIRD_PERSONS.has(word) || PEOPLE_WORDS.has(word)) return false;
  }
  return true;
});

/**
 * The `others` (memories in no one's voice, best first) that go on with `fact`: newer, of its
 * persona, naming no one ({@linkcode namesNoOne}) and sharing a term with it (`termSetOfText`).
 */
export function continuationsOf<T>(
  fact: T | undefined,
  others: readonly T[],
  recordOf: (item: T) => MemoryRecord,
): T[] {
  if (fact === undefined) return [];
  const older = recordOf(fact);
  const terms = termSetOfText(older.content);
  return others.filter((item) => {
    const record = recordOf(item);
    if (record.created_at <= older.created_at || record.persona_id !== older.persona_id) {
      return false;
    }
    if (!namesNoOne(record.content) || !speakersOwnByGrammar(record.content)) return false;
    for (const term of termSetOfText(record.content)) if (terms.has(term)) return true;
    return false;
  });
}
