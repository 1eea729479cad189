/**
 * Two kept notes of one thing: lines written as a label and its value ("energy: British Gas dual
 * fuel, DD £168/mo", then "switched energy → Octopus, DD £142/mo"; "book club — reading: Tomorrow
 * x3", then "book club now: Demon Copperhead"), with no word of person in either.
 *
 * A memory in no one's voice is about someone or something else and is not compared as a fact and
 * its update (`update_voices.ts`): two remarks about one person share that name whatever they
 * tell. A note is written otherwise: the keeper writes the subject once, as a label (`noteHead`),
 * and the rest is its value, so the note is the keeper's own record of that subject, not a remark
 * about someone. Two notes whose labels are mostly the same words (at least
 * {@linkcode SAME_HEAD_SHARE} of the terms either label holds) record one subject, and the newer
 * one may tell its new value as the keeper's own fact would; labels sharing only a name or one
 * word of several ("Rafi — DOB 9/10/2019", "Rafi swimming moved → Sun") record different things
 * of it. The other tests of a pair (a change told, the same thing, the share) still decide.
 *
 * @module
 */
import { noteHead } from "./note_heads.ts";

/**
 * The least share of the terms the two labels hold between them that both must hold: a label
 * names a thing in a few words (`HEAD_TERMS`), and a second label of the same thing may add one
 * word to it (a word of change, "switched energy"; what of it, "Miso meds") but no more than it
 * keeps.
 */
export const SAME_HEAD_SHARE = 0.5;

/**
 * Whether `older` and `newer` are kept notes (`noteHead`) of one subject: labels sharing at
 * least {@linkcode SAME_HEAD_SHARE} of the terms either holds. Each head is remembered by text,
 * and holds at most `HEAD_TERMS` terms: the comparison is bounded whatever the texts' lengths.
 */
export function notesOfOneHead(older: string, newer: string): boolean {
  const olderHead = noteHead(older);
  if (olderHead === undefined) return false;
  const newerHead = noteHead(newer);
  if (newerHead === undefined) return false;
  const union = new Set([...olderHead, ...newerHead]);
  const newerTerms = new Set(newerHead);
  let shared = 0;
  for (const term of new Set(olderHead)) if (newerTerms.has(term)) shared++;
  return shared >= SAME_HEAD_SHARE * union.size;
}
