/**
 * A value of one slot restated with another value and no word of change (issue 9): "fjords
 * cruise leaves 13 september" after "I booked a cruise to the norwegian fjords on 6 september";
 * "choir rehearsal is Tuesday nights" after "rehearsal's Wednesday nights"; "third year of my
 * criminology degree" after "a degree in criminology, second year"; "ferrous fumarate twice a
 * day" after "ferrous fumarate, one a day". A thing holds one date, one day of the week, one
 * ordinal of a unit and one rate per period at a time, so a later memory giving the same thing
 * another one tells what it is now.
 *
 * A text's values (`stated_values.ts`) are read by the grammar of English's closed classes (days
 * of the week, months, ordinals, counts per period), each with the nouns near it in its clause
 * (its anchor: what it is a value of). A newer text restates an older one's value
 * ({@linkcode restatesValue}) when a value of one type differs from every value of that type the
 * older says, and an anchor noun is shared. Never when both may hold:
 * - the newer clause adds ("also", "too", "another", "as well": {@linkcode ADDITIVE});
 * - the newer clause is about someone the older text does not name (a kin or companion word, a
 *   possessor: "Ife's birthday is 9 June" after "Tobi's birthday is 3 May");
 * - the shared noun is told of another kind of it, a noun before it the older text never says
 *   ("piano lesson on Thursdays" after "swimming lesson on Mondays").
 * Supersession read so only orders: `unlinked_updates.ts` ranks the newer first, no memory is
 * hidden.
 *
 * @module
 */
import { stem } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { saidWords, valuesOfText } from "./stated_values.ts";

/**
 * The types of value a question's answer type asks for (`answerType`): "when" a date or a day of
 * the week, "how many" a rate or an ordinal.
 */
export const VALUE_ANSWERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["time", new Set(["date", "day"])],
  ["quantity", new Set(["rate", "ordinal"])],
]);

/**
 * The stems of the words a text writes capitalised only (names: "Mesa", "Jasper"), remembered;
 * none in a text written in lower case throughout, where a name cannot be told.
 */
const namesOfText: (text: string) => ReadonlySet<string> = rememberedByText((text) => {
  const capital = new Set<string>();
  const lower = new Set<string>();
  for (const [word] of text.matchAll(/[\p{L}]+/gu)) {
    const term = stem(word.toLowerCase());
    (/^\p{Lu}/u.test(word) ? capital : lower).add(term);
  }
  for (const term of lower) capital.delete(term);
  return capital;
});

/** The folded words of a text, remembered: a pair's guards ask whether the older one says them. */
const wordsOfText: (text: string) => ReadonlySet<string> = rememberedByText(saidWords);

/** An older text's values of one type, as a pair reads them ({@linkcode restatesValue}). */
interface TypedValues {
  /** The values themselves ("tuesday", "2 april"). */
  readonly values: ReadonlySet<string>;
  /**
   * Each anchor noun of those values, with the nouns it modifies in them ("cadets" of "sea");
   * `null` stands for a value where it modifies none.
   */
  readonly anchors: ReadonlyMap<string, ReadonlySet<string | null>>;
}

/**
 * A text's values by type ({@linkcode TypedValues}), remembered: a pair then looks each of the
 * newer text's values up once, where comparing it with every older value cost the product of
 * their numbers (attack35 A2: two memories of ~600 ordinals each, 108 ms a pair).
 */
const valuesByType: (text: string) => ReadonlyMap<string, TypedValues> = rememberedByText(
  (text) => {
    const byType = new Map<
      string,
      { values: Set<string>; anchors: Map<string, Set<string | null>> }
    >();
    for (const value of valuesOfText(text)) {
      let typed = byType.get(value.type);
      if (typed === undefined) {
        byType.set(value.type, typed = { values: new Set(), anchors: new Map() });
      }
      typed.values.add(value.value);
      for (const term of value.anchor) {
        let heads = typed.anchors.get(term);
        if (heads === undefined) typed.anchors.set(term, heads = new Set());
        heads.add(value.heads.get(term) ?? null);
      }
    }
    return byType;
  },
);

/**
 * Whether `newer` gives a value `older` gives another value of, of the same thing (see the
 * module's documentation): a value of one type that no value of that type in `older` is, and an
 * anchor noun both share, the newer clause adding nothing and naming no one `older` does not.
 * Each answer that depends only on the pair (a clause's persons, an older anchor's heads) is
 * worked out once per pair, so a pair costs about the values of both, not their product.
 */
export function restatesValue(
  older: string,
  newer: string,
  asked?: { terms: readonly string[]; wanted?: string },
): boolean {
  if (valuesOfText(older).length === 0) return false;
  const after = valuesOfText(newer);
  if (after.length === 0) return false;
  const before = valuesByType(older);
  let said: ReadonlySet<string> | undefined;
  let saidAfter: ReadonlySet<string> | undefined;
  /** Whether a clause's persons (one list per clause) name no one `older` does not. */
  let personsKnown: Map<readonly string[], boolean> | undefined;
  /**
   * Whether an older anchor (its heads: one set per type and term) modifies nothing, or a noun
   * `newer` says.
   */
  let headsSaid: Map<ReadonlySet<string | null>, boolean> | undefined;
  for (const value of after) {
    if (value.additive) continue;
    const same = before.get(value.type);
    if (same === undefined || same.values.has(value.value)) continue;
    said ??= wordsOfText(older);
    let known = value.persons.length === 0 ? true : personsKnown?.get(value.persons);
    if (known === undefined) {
      known = value.persons.every((person) => said!.has(person));
      (personsKnown ??= new Map()).set(value.persons, known);
    }
    if (!known) continue;
    for (const term of value.anchor) {
      // "piano lesson" is no "swimming lesson", "sea cadets" no "the sea": a noun compounded
      // with the shared one on either side must be said on the other side too.
      if (value.modifiers.get(term)?.some((word) => !said!.has(word))) continue;
      const heads = same.anchors.get(term);
      if (heads === undefined) continue;
      // A name both write is whose the value is, not what it is a value of ("Mesa is closed on
      // Mondays", "A hen party booked the whole of Mesa for a Saturday lunch").
      if (namesOfText(older).has(term) && namesOfText(newer).has(term)) continue;
      // The older one's shared noun modifying another the newer never says ("the sea cadets"
      // of "the sea"); one before it may go unsaid ("the league" of "the netball league").
      let headSaid = heads.has(null) ? true : headsSaid?.get(heads);
      if (headSaid === undefined) {
        saidAfter ??= wordsOfText(newer);
        headSaid = false;
        for (const head of heads) {
          if (head !== null && saidAfter.has(head)) {
            headSaid = true;
            break;
          }
        }
        (headsSaid ??= new Map()).set(heads, headSaid);
      }
      if (!headSaid) continue;
      // Only for a query on that slot: it says what the value is of, or asks for its type.
      if (
        asked === undefined || asked.terms.includes(term) ||
        (asked.wanted !== undefined &&
          VALUE_ANSWERS.get(asked.wanted)?.has(value.type.split(" ")[0]!))
      ) return true;
    }
  }
  return false;
}
