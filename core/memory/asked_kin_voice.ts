/**
 * A line in no one's voice about the relative a question asks about as the speaker's own. "what's
 * my spouse's name" is answered by "Tom Brennan = husband", "where does my dad live" by "dads in
 * leigh w karen": notes and texting leave out the "my" that `voiceOf` reads (it reads a family
 * title without one, "Mum phoned", only when capitalised: `namesOwnKin`). Ranking's voice factor
 * then took `PERSPECTIVE` (`text_factor_shares.ts`) off them, as off a report of someone else's
 * life (recall118's fourteen "a factor ranks it down" misses). With the question naming the
 * relative as the speaker's, a line that names it with no other owner is about that same
 * relative: the speaker's own news, as "my husband ..." would be. Not one owned by someone else
 * ("Leah's mum", "leahs mum", "her dad", "my friends mum": `kinOwners`) or by no one in particular
 * ("the mum", "a dad", "your sister": `TITLE_OWNERS`). Family words and their owners are closed
 * classes, so the rule reads any text, not one set's.
 *
 * @module
 */
import { kinOwners } from "./kin_owners.ts";
import { TITLE_OWNERS } from "./query_kin.ts";
import { words } from "./text.ts";

/**
 * Whether `text` names a relative of `asked` (the stems a question asks about as the speaker's,
 * `ownKinAsked`: "mother", "mum", ...) with no owner other than the speaker.
 */
export function namesAskedKin(asked: ReadonlySet<string>, text: string): boolean {
  if (asked.size === 0) return false;
  return kinOwners(text).some((use) =>
    asked.has(use.stem) && use.person === undefined && use.pronoun === undefined &&
    use.marked === undefined && use.bare === undefined &&
    !TITLE_OWNERS.has(wordBefore(text, use.at))
  );
}

/** The folded word right before offset `at` of `text` ("" at its start). */
function wordBefore(text: string, at: number): string {
  // From the space before it: not the whole text before each family word (a long text of many).
  const start = text.lastIndexOf(" ", Math.max(0, at - 2)) + 1;
  return words(text.slice(start, at)).at(-1) ?? "";
}
