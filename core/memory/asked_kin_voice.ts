/**
 * A line in no one's voice about the relative a question asks about as the speaker's own. "what's
 * my spouse's name" is answered by "Tom Brennan = husband", "where does my dad live" by "dads in
 * leigh w karen": notes and texting leave out the "my" that `voiceOf` reads (it reads a family
 * title without one, "Mum phoned", only when capitalised: `namesOwnKin`). Ranking's voice factor
 * then took `PERSPECTIVE` (`text_factor_shares.ts`) off them, as off a report of someone else's
 * life (recall118's fourteen "a factor ranks it down" misses). With the question naming the
 * relative as the speaker's, a line that names it as the speaker names their own is about that
 * same relative, the speaker's own news as "my husband ..." would be: by a family title in any
 * case ("mum", "dad", "grandma", `KIN_TITLES`; or its possessive, "mums birthday"), or as the
 * label of a name in a note ("Tom Brennan = husband", "Leila (sister)": a name's relation written
 * after "=", "(", ":" or a dash). Not a plain family noun ("coughing children", "grandmother's
 * ninetieth": a plural with no determiner is anyone's, and a noun that is no title says nothing of
 * whose), nor one after a verb reporting someone's words ("Mila asked why grandma ...": the
 * title is Mila's), nor one owned by someone else ("Leah's mum", "leahs mum", "her dad", "my
 * friends mum": `kinOwners`) or by no one in particular ("the mum", "a dad", "your sister":
 * `TITLE_OWNERS`). Family words, their titles, owners and verbs of reporting are closed classes,
 * so the rule reads any text, not one set's.
 *
 * @module
 */
import { kinOwners } from "./kin_owners.ts";
import { KIN_TITLES, TITLE_OWNERS } from "./query_kin.ts";
import { words } from "./text.ts";

/**
 * Whether `text` names a relative of `asked` (the stems a question asks about as the speaker's,
 * `ownKinAsked`: "mother", "mum", ...) with no owner other than the speaker.
 */
export function namesAskedKin(asked: ReadonlySet<string>, text: string): boolean {
  if (asked.size === 0) return false;
  const reported = REPORTED.exec(text)?.index ?? Infinity;
  return kinOwners(text).some((use) =>
    asked.has(use.stem) && use.person === undefined && use.pronoun === undefined &&
    use.marked === undefined && use.bare === undefined && use.at < reported &&
    !TITLE_OWNERS.has(wordBefore(text, use.at)) && (isTitle(text, use.at) || isLabel(text, use.at))
  );
}

/**
 * A verb reporting someone's words: a family title after one is theirs, as they call the
 * relative ("Mila asked why grandma lives so far away": Mila's grandma, the speaker's mother).
 */
const REPORTED =
  /(?<![\p{L}\p{N}])(?:says|said|tells|told|asks|asked|replied|wonders|wondered)(?![\p{L}\p{N}])/iu;

/** A name's relation written as its label: after "=", "(", ":" or a dash ("Leila (sister)"). */
const LABEL_MARK = /[=(:—–-]\s*$/u;
/** The letters of a word from where it starts. */
const LETTERS = /^\p{L}+/u;

/** Whether the family word at `at` is a title ("mum", "Dad"), or a title's possessive ("mums"). */
function isTitle(text: string, at: number): boolean {
  const word = LETTERS.exec(text.slice(at, at + 16))?.[0].toLowerCase() ?? "";
  return KIN_TITLES.has(word) || (word.endsWith("s") && KIN_TITLES.has(word.slice(0, -1)));
}

/** Whether the family word at `at` labels a name in a note ({@linkcode LABEL_MARK} before it). */
function isLabel(text: string, at: number): boolean {
  return LABEL_MARK.test(text.slice(Math.max(0, at - 3), at));
}

/** The folded word right before offset `at` of `text` ("" at its start). */
function wordBefore(text: string, at: number): string {
  // From the space before it: not the whole text before each family word (a long text of many).
  const start = text.lastIndexOf(" ", Math.max(0, at - 2)) + 1;
  return words(text.slice(start, at)).at(-1) ?? "";
}
