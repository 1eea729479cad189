/**
 * Blocks about one user (`user:<name>`): a persona keeps one per user it talks with, and only the
 * block of a user present reaches the prompt (`BlockService.sections`).
 *
 * @module
 */
import { namedRow } from "../../personas/mod.ts";
import { USER_PREFIX } from "./schema.ts";

/** Whether `label` is a block about one user (`user:<name>`). */
export function isUserBlock(label: string): boolean {
  return label.toLowerCase().startsWith(USER_PREFIX);
}

/** The label of the block about `name`. */
export function userLabel(name: string): string {
  return `${USER_PREFIX}${name}`;
}

/**
 * Whether `label` is the block about one of `names`: `user:<name>` with the name matched as
 * persona names are (`namedRow`: any case, the same name or a look-alike), as a persona talking
 * under "Ｋｉｒａ" or "Kіra" (Cyrillic "і") is Kira.
 */
export function isUserBlockOf(label: string, names: readonly string[]): boolean {
  if (!isUserBlock(label)) return false;
  const name = label.slice(USER_PREFIX.length);
  return namedRow(names.map((present) => ({ name: present })), name) !== undefined;
}
