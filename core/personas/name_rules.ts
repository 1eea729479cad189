/**
 * What a persona's name may be. Names identify personas (lookups by name, the unique-name rule,
 * chat senders), so two names that look the same must be the same name:
 *
 * - a name is stored in Unicode NFC, so "Ária" typed precomposed (U+00C1) or decomposed
 *   (A + U+0301) is one name, and the second persona to take it is refused;
 * - its characters follow the rule of every name others see (`core/name_characters.ts`): no
 *   control, invisible or direction-changing characters, and at least one that shows;
 * - a name that reads as a UUID (a persona id's form, `name_key.ts`) is refused: ids and names are
 *   both taken wherever a persona is named, so a name must not pass for an id.
 *
 * Which names are one name (case, look-alikes) is `name_key.ts`'s to say.
 *
 * @module
 */
import { z } from "zod";
import {
  nameCharactersProblem,
  showsCharacter,
  withoutRefusedCharacters,
} from "../name_characters.ts";
import { looksLikeUuid } from "./name_key.ts";

/** Longest name, in UTF-16 code units after NFC. */
export const NAME_MAX = 64;

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** What the refusal of a name says, or null for a name that may be used. */
export function nameProblem(name: string): string | null {
  const problem = nameCharactersProblem(name);
  if (problem) return problem;
  if (looksLikeUuid(name)) return "must not look like a persona id (a UUID)";
  return null;
}

/** A name as it may be stored (trimmed, NFC, 1-64 characters), its characters not checked. */
export const storedName = z.string().trim().normalize("NFC").min(1).max(NAME_MAX);

/**
 * A persona's name: trimmed, NFC, 1-64 characters, none of the characters `core/name_characters.ts`
 * refuses, at least one that shows, no UUID.
 */
export const personaName = storedName.superRefine(
  (name, context) => {
    const problem = nameProblem(name);
    if (problem) context.addIssue({ code: "custom", message: problem });
  },
);

/**
 * `name` cut to at most `max` UTF-16 code units at a grapheme boundary: never inside a surrogate
 * pair, an emoji sequence (👩‍💻) or a letter with its marks.
 */
export function cutName(name: string, max: number): string {
  if (name.length <= max) return name;
  let cut = "";
  for (const { segment } of GRAPHEMES.segment(name)) {
    if (cut.length + segment.length > max) break;
    cut += segment;
  }
  return cut;
}

/** What a name that reads as a persona id (stored before the rule) is imported with after it. */
export const ID_NAME_SUFFIX = " (renamed)";

/**
 * `name` (from a card or a bundle, or stored before these rules) made into one these rules take:
 * NFC, the refused characters dropped, trimmed, cut to {@linkcode NAME_MAX}, and
 * {@linkcode ID_NAME_SUFFIX} after a name that reads as a UUID; "" when nothing is left, or
 * nothing that shows (fillers, blanks, combining marks alone).
 */
export function mendName(name: string): string {
  const mended = cutName(withoutRefusedCharacters(name.normalize("NFC")).trim(), NAME_MAX).trim();
  if (!showsCharacter(mended)) return "";
  // At most 38 characters (braces): the suffix fits.
  return mended && looksLikeUuid(mended) ? `${mended}${ID_NAME_SUFFIX}` : mended;
}

/**
 * The bundle's or card's `name` as the name rules take it (refused characters dropped, NFC, a
 * suffix after a UUID), said in `notes` when it changed; "" when nothing is left (the import is
 * then refused, -32602).
 */
export function mendedName(name: string, notes: string[]): string {
  const mended = mendName(name);
  if (mended.endsWith(ID_NAME_SUFFIX) && looksLikeUuid(mended.slice(0, -ID_NAME_SUFFIX.length))) {
    notes.push(
      `The name "${
        visible(name)
      }" reads as a persona id, which a name may not; imported as "${mended}"`,
    );
  } else if (mended && mended !== name.trim()) {
    notes.push(
      `The name "${visible(name)}" had characters a name may not have; imported as "${mended}"`,
    );
  }
  return mended;
}

/** `text` with its control and format characters written as `\uXXXX`, so a note shows them. */
function visible(text: string): string {
  return text.replace(
    /[\p{Cc}\p{Cf}]/gu,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`,
  );
}

/**
 * `name` if `taken(name)` is false, else the first free of "name (2)", "name (3)", ...: `name`
 * cut at a grapheme boundary to leave room for the suffix, so every candidate follows these rules.
 */
export async function freeName(
  name: string,
  taken: (candidate: string) => Promise<boolean>,
): Promise<string> {
  if (!await taken(name)) return name;
  for (let n = 2;; n++) {
    const suffix = ` (${n})`;
    const candidate = `${cutName(name, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!await taken(candidate)) return candidate;
  }
}
