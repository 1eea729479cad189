/**
 * Card macros, replaced in everything a card puts into a prompt: `{{char}}` (and V1's `<BOT>`,
 * V3's `<char>`/`<bot>`) is the character's name (V3: its nickname when it has one), `{{user}}`
 * (`<USER>`) is the name of whoever speaks to it, and `{{original}}` inside a card's
 * `system_prompt` or `post_history_instructions` is the prompt the card's one replaces. All are
 * case-insensitive, as the specs require. `{{// note}}` and `{{comment: note}}` vanish,
 * `{{newline}}` is a line break, `{{noop}}` nothing, and `{{trim}}` removes the line breaks
 * around it (SillyTavern's meaning). Other `{{...}}` stay as written.
 *
 * @module
 */

/** The values of the macros. */
export interface MacroValues {
  /** The character's name (or nickname). */
  char: string;
  /** The user's (sender's) name. */
  user: string;
  /** What `{{original}}` stands for; empty when not given. */
  original?: string;
}

/**
 * A macro, or the opening of a comment (`{{//`, `{{comment:`): a comment runs to the first `}}`
 * after it, found by `indexOf` (a lazy `[\s\S]*?` read to the text's end for each unclosed one).
 */
const MACRO = /\{\{\s*(\/\/|comment:)|\{\{\s*([a-z_]+)\s*\}\}|<(bot|char|user)>/gi;
const TRIM = "\uE000trim\uE000";

/** `text` with the macros replaced: one pass, linear in the text. */
export function replaceMacros(text: string, values: MacroValues): string {
  if (!text.includes("{{") && !text.includes("<")) return text;
  const macro = new RegExp(MACRO);
  let replaced = "";
  let done = 0;
  // Once a comment finds no `}}` after it, no later one can close either.
  let closes = true;
  for (let match = macro.exec(text); match !== null; match = macro.exec(text)) {
    const [whole, comment, name, tag] = match;
    let value: string;
    if (comment !== undefined) {
      const close = closes ? text.indexOf("}}", match.index + whole.length) : -1;
      if (close < 0) {
        closes = false;
        macro.lastIndex = match.index + 1;
        continue;
      }
      macro.lastIndex = close + 2;
      value = "";
    } else value = macroValue(whole, (name ?? tag ?? "").toLowerCase(), values);
    replaced += text.slice(done, match.index) + value;
    done = macro.lastIndex;
  }
  replaced += text.slice(done);
  return replaced.includes(TRIM) ? trimAround(replaced) : replaced;
}

/** What the macro `key` (lower case) stands for; `whole` when it is none we know. */
function macroValue(whole: string, key: string, values: MacroValues): string {
  switch (key) {
    case "char":
    case "bot":
      return values.char;
    case "user":
      return values.user;
    case "original":
      return values.original ?? "";
    case "newline":
      return "\n";
    case "noop":
      return "";
    case "trim":
      return TRIM;
    default:
      return whole;
  }
}

/** `text` without its `{{trim}}` marks and the line breaks around them (no regex: linear). */
function trimAround(text: string): string {
  const pieces = text.split(TRIM);
  const last = pieces.length - 1;
  return pieces.map((piece, i) => {
    let from = 0;
    let to = piece.length;
    if (i > 0) { while (from < to && piece[from] === "\n") from++; }
    if (i < last) { while (to > from && piece[to - 1] === "\n") to--; }
    return piece.slice(from, to);
  }).join("");
}
