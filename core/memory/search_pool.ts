/**
 * The pool a rule that parts a search's lines reads before it parts them: the current candidates
 * (a superseded line is history, cut from what is recalled, so it tells nothing of what the store
 * speaks of now; review44c F1), and whether some line of it holds what the rule keeps. A rule
 * that lowers every line but the ones holding X parts nothing where no line holds X: it only
 * pushes them all under the floors that compare scores (coverage's `ASPECT_OWN`, a client's own
 * cut-off). `bare_phrases.ts` (a bare phrase) and `other_things.ts` (what is asked of a named
 * person) read it.
 *
 * @module
 */

/** A search candidate as {@linkcode currentContents} reads it. */
export interface PoolCandidate {
  /** Its record: the text, and the record that replaced it, if any. */
  readonly record: { readonly content: string; readonly superseded_by?: string | null };
}

/** The contents of the `candidates` that no later record superseded. */
export function currentContents(candidates: readonly PoolCandidate[]): string[] {
  return candidates.filter((candidate) => !candidate.record.superseded_by)
    .map((candidate) => candidate.record.content);
}

/** Whether some line of `pool` `holds` what a rule keeps; stops at the first that does. */
export function poolHolds(pool: Iterable<string>, holds: (content: string) => boolean): boolean {
  for (const content of pool) if (holds(content)) return true;
  return false;
}
