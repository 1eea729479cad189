/**
 * SillyTavern's World Info controls beyond keys, read from an entry's extensions (a World Info
 * import writes them there in snake_case, as SillyTavern's own card export does): inclusion
 * groups (`group`, `group_override`, `group_weight`, `use_group_scoring`), the character filter
 * (`character_filter: {names, tags, isExclude}`) and the timed effects (`delay`, `sticky`,
 * `cooldown`, in messages). What each does is in `core/lore/README.md`.
 *
 * @module
 */
import type { LoreEntry } from "./book.ts";
import { groupNames, MAX_ENTRY_GROUPS } from "./group_names.ts";

/** SillyTavern's default group weight. */
export const DEFAULT_GROUP_WEIGHT = 100;

/** An entry's character filter: names and tags it is limited to, or excluded from. */
export interface CharacterFilter {
  names: readonly string[];
  tags: readonly string[];
  isExclude: boolean;
}

/** The controls of one entry, resolved (absent or invalid values read as "none"). */
export interface EntryControls {
  /** Inclusion groups (SillyTavern's `group`, a comma list), trimmed, none empty. */
  groups: readonly string[];
  /** `group_override` ("Prioritize inclusion"). */
  groupOverride: boolean;
  /** `group_weight` (default 100). */
  groupWeight: number;
  /** `use_group_scoring`. */
  groupScoring: boolean;
  characterFilter?: CharacterFilter;
  /** Messages the chat must hold before the entry may fire (0: none). */
  delay: number;
  /** Messages the entry stays active after it fired (0: none). */
  sticky: number;
  /** Messages the entry cannot fire after it fired (or after its sticky time ended). */
  cooldown: number;
}

/** Who is speaking, for character filters: the persona's names and its tags. */
export interface LoreCharacter {
  /** The persona's name (and nickname, when it has one). */
  names: readonly string[];
  tags: readonly string[];
}

const folded = (text: string) => text.trim().toLowerCase();

function count(value: unknown): number {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) && number > 0
    ? Math.min(Math.floor(number), 1_000_000)
    : 0;
}

function texts(value: unknown): string[] {
  if (typeof value === "string") return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === "string")
    .map((item) => item.trim()).filter((item) => item !== "");
}

function filterOf(value: unknown): CharacterFilter | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const names = texts(raw.names);
  const tags = texts(raw.tags);
  if (names.length === 0 && tags.length === 0) return undefined;
  const isExclude = raw.isExclude === true || raw.is_exclude === true;
  return { names, tags, isExclude };
}

/** Names and tags folded for comparison (case-blind, trimmed). */
interface Folded {
  names: ReadonlySet<string>;
  tags: ReadonlySet<string>;
}

/**
 * Filters and characters folded once (attack32 L1: each filter name was folded again for every
 * entry on every activation, before the time budget). Filters are memoised with their entry's
 * controls, so they are folded once per stored entry; a character once per activation.
 */
const FOLDED_FILTERS = new WeakMap<CharacterFilter, Folded>();
const FOLDED_CHARACTERS = new WeakMap<LoreCharacter, Folded>();

function foldedOf<T extends object>(
  cache: WeakMap<T, Folded>,
  value: T & { names: readonly string[]; tags: readonly string[] },
): Folded {
  let sets = cache.get(value);
  if (!sets) {
    sets = { names: new Set(value.names.map(folded)), tags: new Set(value.tags.map(folded)) };
    cache.set(value, sets);
  }
  return sets;
}

function flag(value: unknown): boolean {
  return value === true || value === "true" || value === 1;
}

/**
 * Controls per stored entry: books in play come from the book cache, so the same entry objects
 * come back reply after reply (a new `extensions` object is read again).
 */
const READ = new WeakMap<LoreEntry, { ext: unknown; controls: EntryControls }>();

/** The controls of `entry` (its extensions; camelCase names are read too). */
export function controlsOf(entry: LoreEntry): EntryControls {
  const cached = READ.get(entry);
  if (cached && cached.ext === entry.extensions) return cached.controls;
  const controls = readControls(entry);
  READ.set(entry, { ext: entry.extensions, controls });
  return controls;
}

function readControls(entry: LoreEntry): EntryControls {
  const ext = entry.extensions;
  const pick = (snake: string, camel: string) => ext[snake] ?? ext[camel];
  const group = pick("group", "group");
  const weight = pick("group_weight", "groupWeight");
  return {
    // Capped: past MAX_ENTRY_GROUPS the names are ignored (a book stored before the bound).
    groups: typeof group === "string" ? groupNames(group, MAX_ENTRY_GROUPS) : [],
    groupOverride: flag(pick("group_override", "groupOverride")),
    groupWeight: typeof weight === "number" && Number.isFinite(weight) && weight >= 0
      ? weight
      : DEFAULT_GROUP_WEIGHT,
    groupScoring: flag(pick("use_group_scoring", "useGroupScoring")),
    characterFilter: filterOf(pick("character_filter", "characterFilter")),
    delay: count(ext.delay),
    sticky: count(ext.sticky),
    cooldown: count(ext.cooldown),
  };
}

/**
 * Whether `filter` lets the entry fire for `character` (SillyTavern's rule: names, then tags;
 * each list, when not empty, limits the entry to the characters on it, or with `isExclude` keeps
 * it from them). Names and tags compare case-blind. Without a character (a dry run with no
 * persona) every entry passes.
 */
export function passesCharacterFilter(
  filter: CharacterFilter | undefined,
  character: LoreCharacter | undefined,
): boolean {
  if (!filter || !character) return true;
  const own = foldedOf(FOLDED_FILTERS, filter);
  const who = foldedOf(FOLDED_CHARACTERS, character);
  if (own.names.size > 0) {
    const listed = someIn(own.names, who.names);
    if (filter.isExclude ? listed : !listed) return false;
  }
  if (own.tags.size > 0) {
    const tagged = someIn(own.tags, who.tags);
    if (filter.isExclude ? tagged : !tagged) return false;
  }
  return true;
}

/** Whether `a` and `b` share a member (walking the smaller). */
function someIn(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const item of small) if (big.has(item)) return true;
  return false;
}
