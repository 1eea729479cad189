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

/** Third persons' pronouns and possessives: a line holding one is about someone else. */
const THIRD_PERSONS: ReadonlySet<string> = new Set(
  "he him his she her hers they them their theirs".split(" "),
);

const WORD = /[\p{L}'’]+/gu;

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
    if (!namesNoOne(record.content)) return false;
    for (const term of termSetOfText(record.content)) if (terms.has(term)) return true;
    return false;
  });
}
