/**
 * How error messages quote a memory id the caller gave: whole when short, else its first
 * {@linkcode ECHOED_ID_CHARS} characters and "…", so that a megabyte of "id" is not sent back.
 *
 * @module
 */

/** The most characters of a given id an error message repeats. */
export const ECHOED_ID_CHARS = 64;

/** `id` as error messages quote it: at most {@linkcode ECHOED_ID_CHARS} characters and "…". */
export function echoedId(id: string): string {
  if (id.length <= ECHOED_ID_CHARS) return id;
  // Whole code points (a cut never leaves half a surrogate pair), and only the first ones read.
  let kept = "";
  let count = 0;
  for (const char of id) {
    if (count++ === ECHOED_ID_CHARS) return kept + "…";
    kept += char;
  }
  return kept;
}
