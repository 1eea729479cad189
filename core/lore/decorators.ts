/**
 * V3 lorebook decorators: `@@name value` lines at the top of an entry's content that refine
 * when and where it fires. The recognised ones are read; an unrecognised one falls back to the
 * `@@@name value` lines right after it (the first recognised wins); all are trimmed from the
 * content before it reaches a prompt.
 *
 * @module
 */

/** Where `@@position` puts an entry (the V3 names, in our prompt's terms). */
export type DecoratedPosition = "before_char" | "after_char" | "personality" | "scenario";

/** The decorators of one entry that this server acts on. */
export interface Decorators {
  /** `@@activate`: fires in any case. */
  activate?: true;
  /** `@@dont_activate`: never fires (unless `@@activate`). */
  dontActivate?: true;
  /** `@@scan_depth N`: messages scanned for its keys. */
  scanDepth?: number;
  /** `@@position`: the prompt section it joins. */
  position?: DecoratedPosition;
  /** `@@depth N`: inserted into the chat N messages from the newest. */
  depth?: number;
  /** `@@role`: the role of a `@@depth` insertion. */
  role?: "system" | "user" | "assistant";
  /** `@@additional_keys a,b`: one of these must also occur. */
  additionalKeys?: string[];
  /** `@@exclude_keys a,b`: none of these may occur. */
  excludeKeys?: string[];
  /** `@@activate_only_after N`: not before the character has spoken N times. */
  activateOnlyAfter?: number;
  /** `@@activate_only_every N`: only when the character's message count is a multiple of N. */
  activateOnlyEvery?: number;
  /** `@@is_greeting N`: only when the session opened with greeting N. */
  isGreeting?: number;
}

const POSITIONS: Record<string, DecoratedPosition> = {
  before_desc: "before_char",
  after_desc: "after_char",
  personality: "personality",
  scenario: "scenario",
};

function count(value: string, min: number): number | undefined {
  const number = Number(value);
  return value !== "" && Number.isInteger(number) && number >= min ? number : undefined;
}

function list(value: string): string[] | undefined {
  const items = value.split(",").map((item) => item.trim()).filter((item) => item !== "");
  return items.length ? items : undefined;
}

/** Applies one decorator; false when its name or value is not one we act on. */
function apply(into: Decorators, { name, value }: { name: string; value: string }): boolean {
  switch (name) {
    case "activate":
      into.activate = true;
      return true;
    case "dont_activate":
      into.dontActivate = true;
      return true;
    case "scan_depth":
      return set(into, "scanDepth", count(value, 0));
    case "depth":
      return set(into, "depth", count(value, 0));
    case "position":
      return set(into, "position", POSITIONS[value]);
    case "role":
      return set(
        into,
        "role",
        value === "system" || value === "user" || value === "assistant" ? value : undefined,
      );
    case "additional_keys":
      return set(into, "additionalKeys", list(value));
    case "exclude_keys":
      return set(into, "excludeKeys", list(value));
    case "activate_only_after":
      return set(into, "activateOnlyAfter", count(value, 0));
    case "activate_only_every":
      return set(into, "activateOnlyEvery", count(value, 1));
    case "is_greeting":
      return set(into, "isGreeting", count(value, 0));
    default:
      return false;
  }
}

function set<K extends keyof Decorators>(
  into: Decorators,
  key: K,
  value: Decorators[K] | undefined,
): boolean {
  if (value === undefined) return false;
  // The first decorator of a name counts.
  if (into[key] === undefined) into[key] = value;
  return true;
}

/** Decorators of an entry and its content with them removed. */
export interface Decorated {
  decorators: Decorators;
  content: string;
}

/** Reads the leading decorator lines of `content`. */
export function parseDecorators(content: string): Decorated {
  const decorators: Decorators = {};
  if (!content.trimStart().startsWith("@@")) return { decorators, content };
  const lines = content.split("\n");
  let index = 0;
  // True while the last primary decorator is unresolved, so its `@@@` fallbacks are tried.
  let pending = false;
  for (; index < lines.length; index++) {
    const line = (lines[index] ?? "").trim();
    if (!line.startsWith("@@")) break;
    const fallback = line.startsWith("@@@");
    const body = line.slice(fallback ? 3 : 2);
    const space = body.search(/\s/);
    const name = (space < 0 ? body : body.slice(0, space)).toLowerCase();
    const value = space < 0 ? "" : body.slice(space + 1).trim();
    if (fallback) {
      if (pending && apply(decorators, { name, value })) pending = false;
      continue;
    }
    pending = !apply(decorators, { name, value });
  }
  return { decorators, content: lines.slice(index).join("\n").replace(/^\n+/, "") };
}
