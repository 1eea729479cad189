/**
 * What `on_conflict: "replace"` takes from the persona it overwrites, said in the import's notes:
 * the card's avatar and book take the place of the persona's (a JSON card has no image, so the
 * avatar goes), which the result would otherwise not tell.
 *
 * @module
 */

/** The parts of a persona a replace may take away: whether it has an avatar, its own book's size. */
export interface ReplacedParts {
  avatar: boolean;
  /** Entries of its own lorebook, or null when it has none. */
  ownEntries: number | null;
}

/** Notes on what replacing `before` with the card (giving `after`) removed or replaced. */
export function replaceNotes(
  name: string,
  { before, after }: { before: ReplacedParts; after: ReplacedParts },
): string[] {
  const notes: string[] = [];
  if (before.avatar && !after.avatar) {
    notes.push(
      `The avatar of "${name}" was removed: the card has none (set one again with PUT /api/personas/{id}/avatar or persona.update)`,
    );
  } else if (before.avatar) {
    notes.push(`The avatar of "${name}" was replaced by the card's image`);
  }
  if (before.ownEntries !== null && after.ownEntries === null) {
    notes.push(
      `The own lorebook of "${name}" (${before.ownEntries} entries) was removed: the card has none (attached lorebooks stay)`,
    );
  } else if (before.ownEntries !== null) {
    notes.push(
      `The own lorebook of "${name}" (${before.ownEntries} entries) was replaced by the card's (${after.ownEntries} entries)`,
    );
  }
  return notes;
}
