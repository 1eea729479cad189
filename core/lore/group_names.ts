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

/**
 * The group names of SillyTavern's `group` (a comma list), trimmed, none empty: the first
 * `limit` of them, the rest of the text not split (a stored name list may be megabytes).
 */
export function groupNames(group: string, limit = Infinity): string[] {
  const names: string[] = [];
  for (let start = 0; names.length < limit && start <= group.length;) {
    const comma = group.indexOf(",", start);
    const end = comma < 0 ? group.length : comma;
    const name = group.slice(start, end).trim();
    if (name !== "") names.push(name);
    start = end + 1;
  }
  return names;
}

/** Why `extensions` (of an entry) names too many groups, or null. */
export function groupsProblem(extensions: Record<string, unknown>): string | null {
  const group = extensions.group;
  if (typeof group !== "string") return null;
  return groupNames(group, MAX_ENTRY_GROUPS + 1).length > MAX_ENTRY_GROUPS
    ? `must name at most ${MAX_ENTRY_GROUPS} inclusion groups`
    : null;
}
