/**
 * Newer memories in no one's voice that go on with the best compared fact (`unlinked_updates.ts`):
 * the pairing compares the persona's and the group's memories (`UPDATE_VOICES`), not remarks in
 * no one's voice, since those are about someone or something else. Yet casual speech leaves the
 * speaker out of a line about its own habit, state or plan, naming only the thing: "three weeks
 * without a single diet coke, it's sparkling water or nothing now" after "I drink waaay too much
 * diet coke"; "The interview went well and the agency offered me the position" after "Next Friday
 * I have a job interview". Such a line names no one else (no name inside a sentence, no third
 * person's pronoun, no word for a relative or companion: `namesNoOne`), is the speaker's own by
 * its grammar (`speakersOwnByGrammar`) and holds a word of the fact: it is compared
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
import { termSetOfText } from "./update_facts.ts";
import { personsOfText, tokensOfText } from "./someone_else.ts";
import { labelledByName, PERSON_HEADS } from "./unmarked_voice.ts";
import { rememberedByText } from "./text_memo.ts";
import { FINITE_AUXILIARIES, FUSED_AUXILIARIES, THIRD_PERSONS } from "./function_words.ts";
import { CLAUSE_END } from "./restated_amounts.ts";
import { pastVerbs } from "./told_events.ts";
import { isNounHead } from "./noun_modifiers.ts";
import { isContentWord } from "./text.ts";

const WORD = /[\p{L}'’]+/gu;

/**
 * The auxiliaries `FINITE_AUXILIARIES` leaves to its readers: the rarer modals and the plain
 * forms of "be" ("the club might move", "it must be the new rota").
 */
const OTHER_AUXILIARIES: ReadonlySet<string> = new Set(
  "must may might shall ought be been being".split(" "),
);

/**
 * A verb cut onto the word before it ("it's", "they're", "I'm", "we've", "she'd", "you'll"), or
 * a negated auxiliary ("doesn't", "can't", "isn't", "won't").
 */
const CUT_VERB = /['’](?:s|re|m|ve|d|ll)$|n['’]t$/u;

/**
 * Whether the word at `at` of a clause's folded `words` reads as a verb: an auxiliary or modal
 * (`FINITE_AUXILIARIES`, {@linkcode OTHER_AUXILIARIES}, fused as texting writes it:
 * `FUSED_AUXILIARIES`, or cut onto a word: {@linkcode CUT_VERB}), a verb in the past after a
 * subject (`pastVerbs` of "I" and the word), or a present verb of a third person: a word in -s
 * after a content word (its subject's head: "the book club meets") that the word data do not
 * hold as a noun (`isNounHead`: they leave verbs' third persons out, "meets", "costs", "sells").
 * Adverbs in -s the data do not hold as nouns ("always", "sometimes") read as verbs too: that
 * only turns a line down.
 */
function isVerbAt(words: readonly string[], at: number): boolean {
  const word = words[at]!;
  if (FINITE_AUXILIARIES.has(word) || OTHER_AUXILIARIES.has(word)) return true;
  if (FUSED_AUXILIARIES.has(word) || CUT_VERB.test(word)) return true;
  if (pastVerbs(`I ${word}`).length > 0) return true;
  const before = words[at - 1];
  return before !== undefined && /[^s'’]s$/u.test(word) && isContentWord(before) &&
    isContentWord(word) && !isNounHead(word);
}

/**
 * Whether a remark in no one's voice is the speaker's own by its grammar. Its opening clause (to
 * the first comma, semicolon, dash or sentence end: `CLAUSE_END`) holds no verb
 * ({@linkcode isVerbAt}): a verbless fragment, casual speech's report of the speaker's own state
 * ("three weeks without a single diet coke", "no more coffee for me"). Or that clause's verb
 * takes the speaker as its object, "me" right after it ("the agency offered me the position").
 * A clause with a subject and its verb otherwise tells of that subject ("lactose free ice cream
 * is actually decent now", "the exam board changed the rules", "the book club meets at a new
 * pub now"), and a "me" past the opening clause does not make it the speaker's ("the book club
 * moved to a new pub, suits me"). Remembered by text.
 */
export const speakersOwnByGrammar: (text: string) => boolean = rememberedByText((text) => {
  const clause = text.toLowerCase().split(CLAUSE_END, 1)[0]!;
  const words = clause.match(WORD) ?? [];
  if (words.length < 2) return false;
  const verbs = words.map((_, at) => isVerbAt(words, at));
  if (!verbs.includes(true)) return true;
  return words.some((word, at) => word === "me" && verbs[at - 1] === true);
});

/**
 * Whether `text` names no one: no name inside a sentence nor capitalised possessor
 * (`personsOfText`: a capital opening a sentence is no name), no name's label ("Jo: ...":
 * `labelledByName`), no third person's pronoun
 * (`THIRD_PERSONS`) and no word for a relative or companion (`PERSON_HEADS`), a possessive's
 * too ("the kids' school", "mum's proud": `tokensOfText` parts them). Remembered by text.
 */
export const namesNoOne: (text: string) => boolean = rememberedByText((text) => {
  if (labelledByName(text) || personsOfText(text).length > 0) return false;
  for (const word of tokensOfText(text)) {
    if (THIRD_PERSONS.has(word) || PERSON_HEADS.has(word)) return false;
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
  return continuationsOfAny(fact === undefined ? [] : [fact], others, recordOf);
}

/**
 * The `others` that go on with one of `facts` ({@linkcode continuationsOf}). Search weighs the
 * words of those going on with any fact it weighs (`subject_candidates.ts`): ranking compares
 * those of its best compared fact (`update_contenders.ts`), which a link or a name bridge may
 * make another than the best by a candidate's own relevance, and a remark whose words were not
 * weighed compares as if its one weighed word were all it said (`WEIGHED_SHARE`; review49a M2).
 */
export function continuationsOfAny<T>(
  facts: readonly T[],
  others: readonly T[],
  recordOf: (item: T) => MemoryRecord,
): T[] {
  if (facts.length === 0) return [];
  const olders = facts.map((fact) => {
    const record = recordOf(fact);
    return { record, terms: termSetOfText(record.content) };
  });
  return others.filter((item) => {
    const record = recordOf(item);
    const continued = olders.filter(({ record: older }) =>
      record.created_at > older.created_at && record.persona_id === older.persona_id
    );
    if (continued.length === 0) return false;
    if (!namesNoOne(record.content) || !speakersOwnByGrammar(record.content)) return false;
    for (const term of termSetOfText(record.content)) {
      if (continued.some(({ terms }) => terms.has(term))) return true;
    }
    return false;
  });
}
