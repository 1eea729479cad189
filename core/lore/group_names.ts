/**
 * SillyTavern's inclusion group names (an entry's `group`, a comma list) and their bound per
 * entry, shared by the import check (`book.ts`) and the controls read at activation
 * (`controls.ts`).
 *
 * @module
 */

/**
 * Most inclusion groups one entry names (16; SillyTavern books use one to three). An import
 * naming more is refused (-32602 naming the entry's `extensions.group`); a book stored before
 * the bound keeps its first 16 names, the rest ignored. Group rules walk every member of every
 * group of a step, so thousands of names per entry held the event loop for seconds per
 * activation (attack32 H2).
 */
export const MAX_ENTRY_GROUPS = 16;

/** The group names of SillyTavern's `group` (a comma list), trimmed, none empty. */
export function groupNames(group: string): string[] {
  return group.split(/,\s*/).map((name) => name.trim()).filter((name) => name !== "");
}

/** Why `extensions` (of an entry) names too many groups, or null. */
export function groupsProblem(extensions: Record<string, unknown>): string | null {
  const group = extensions.group;
  if (typeof group !== "string") return null;
  const count = groupNames(group).length;
  return count > MAX_ENTRY_GROUPS
    ? `must name at most ${MAX_ENTRY_GROUPS} inclusion groups (names ${count})`
    : null;
}
