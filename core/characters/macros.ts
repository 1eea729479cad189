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

const MACRO = /\{\{\s*(\/\/[\s\S]*?|comment:[\s\S]*?|[a-z_]+)\s*\}\}|<(bot|char|user)>/gi;

/** `text` with the macros replaced. */
export function replaceMacros(text: string, values: MacroValues): string {
  if (!text.includes("{{") && !text.includes("<")) return text;
  const replaced = text.replace(
    MACRO,
    (whole, name: string | undefined, tag: string | undefined) => {
      const key = (name ?? tag ?? "").toLowerCase();
      if (key.startsWith("//") || key.startsWith("comment:")) return "";
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
          return "\uE000trim\uE000";
        default:
          return whole;
      }
    },
  );
  return replaced.includes("\uE000trim\uE000")
    ? replaced.replace(/\n*\uE000trim\uE000\n*/g, "")
    : replaced;
}
