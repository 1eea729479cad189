/**
 * Name conflicts of a card import: the Conflict of a taken name, and the check that `replace`
 * overwrites the persona of that very name only.
 *
 * @module
 */
import { Conflict } from "../errors.ts";
import { nameKeys, type Persona } from "../personas/mod.ts";
import { cutName, NAME_MAX } from "../personas/name_rules.ts";

/**
 * A card's name cut to what a persona name holds ({@linkcode NAME_MAX} UTF-16 code units, at a
 * grapheme boundary), said in `notes` when cut: a card may have 64 characters, and 64 emoji are
 * 128 units.
 */
export function fittedName(name: string, notes: string[]): string {
  const whole = name.normalize("NFC").trim();
  const cut = cutName(whole, NAME_MAX).trim();
  if (cut !== whole) {
    notes.push(
      `The name "${whole}" is longer than a persona name may be (${NAME_MAX} UTF-16 code units); imported as "${cut}"`,
    );
  }
  return cut;
}

/** The Conflict of importing `wanted` over `existing` (the name's persona, or a look-alike's). */
export function taken(wanted: string, existing: Persona): Conflict {
  const how = nameKeys(existing.name).folded === nameKeys(wanted).folded
    ? "already has this name"
    : `has a name that looks like it ("${existing.name}")`;
  return new Conflict(
    `Cannot import "${wanted}": persona ${existing.id} ${how} (pass on_conflict "rename" or "replace", or a name)`,
    [{ field: "name", message: `is already used by persona "${existing.name}"` }],
  );
}

/**
 * `existing` when its name is `wanted`'s name (the same name: any case, width or spacing), else a
 * Conflict: a look-alike ("Qirn" for "Qim", a Cyrillic "і") is another persona, which replace
 * must not overwrite, rename, nor hand its memories to the card.
 */
export function sameNameOrThrow(wanted: string, existing: Persona): Persona {
  if (nameKeys(existing.name).folded === nameKeys(wanted).folded) return existing;
  throw new Conflict(
    `Cannot replace with "${wanted}": no persona has this name, and persona ${existing.id} is "${existing.name}", which only looks like it (pass on_conflict "rename", or another name)`,
    [{ field: "name", message: `looks like the name of persona "${existing.name}"` }],
  );
}
