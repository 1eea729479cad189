/**
 * The fields of a bundle this server does not read: a newer writer's parts and fields, dropped
 * on import. They are named in the import's notes (attack28 F10: a version-1 bundle with an
 * extra part, or an extra field in its persona or a memory, lost it without a word).
 *
 * @module
 */
import { isObject } from "../lore/fields.ts";
import { cutText } from "../text_cut.ts";
import { PersonaCreate, READ_ONLY_PERSONA_FIELDS } from "../personas/mod.ts";
import { Bundle, BundleAsset, BundleLorebook, BundleMemory, BundleRelationship } from "./schema.ts";

const keys = (shape: object): ReadonlySet<string> => new Set(Object.keys(shape));

/** The fields read in each list of a bundle (the `personas` list: ids and names). */
const LISTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["personas", new Set(["id", "name"])],
  ["assets", keys(BundleAsset.shape)],
  ["lorebooks", keys(BundleLorebook.shape)],
  ["memories", keys(BundleMemory.shape)],
  ["relationships", keys(BundleRelationship.shape)],
]);
const TOP = keys(Bundle.shape);
const PERSONA = new Set([...Object.keys(PersonaCreate.shape), ...READ_ONLY_PERSONA_FIELDS]);
/** Most paths a note names (the rest counted). */
const SHOWN = 10;

/**
 * The paths of the fields of `bundle` (a valid bundle's raw value) that an import leaves out:
 * `future_part`, `persona.future_field`, `memories.*.future_field` (one path for every item).
 */
export function unknownBundleFields(bundle: Record<string, unknown>): string[] {
  const found = new Set<string>();
  for (const key of Object.keys(bundle)) if (!TOP.has(key)) found.add(key);
  if (isObject(bundle.persona)) {
    for (const key of Object.keys(bundle.persona)) {
      if (!PERSONA.has(key)) found.add(`persona.${key}`);
    }
  }
  for (const [list, known] of LISTS) {
    const items = bundle[list];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (!isObject(item)) continue;
      for (const key of Object.keys(item)) if (!known.has(key)) found.add(`${list}.*.${key}`);
    }
  }
  return [...found];
}

/** The note naming `paths` (from {@linkcode unknownBundleFields}), or undefined for none. */
export function unknownFieldsNote(paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const more = paths.length > SHOWN ? ` and ${paths.length - SHOWN} more` : "";
  return `Fields this server does not read were left out (from a newer version?): ` +
    `${paths.slice(0, SHOWN).map((path) => cutText(path, 80)).join(", ")}${more}`;
}
