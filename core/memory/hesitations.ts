/**
 * Hesitation sounds in a question ("um what does Hayden do", "erm, Bernie?", "hmm who's Kit"):
 * a closed class of interjections that speech and speech-to-text put between words while the
 * speaker thinks. They ask nothing, yet the analyser reads each as a rare content word, so a
 * question holding one matched the store's other "um" lines first ("um what else", "um hang
 * on") and lost the shapes that open with a question word ("what does X do" asks a job only as
 * its first words). A question is read without them, so one holding a hesitation ranks as the
 * same question without it.
 *
 * The class is English's written hesitations, each with its letters drawn out any number of
 * times ("ummm", "hmmm", "uhh"): um, uh, uhm, erm, er and hm. "Err" (a verb) and "mm" (the
 * millimetre) are none of them, and a word in capitals ("UM", "ER") is an abbreviation, never
 * a sound.
 *
 * @module
 */

/**
 * A hesitation sound as a word, lower case or capitalised ("Um, what ..."), its letters drawn
 * out at will, with the comma or ellipsis a writer puts after it. "er" takes no second "r": "err"
 * is the verb. Each alternative reads a run of one or two letters, so a word of any length is
 * read in one linear pass.
 */
const HESITATION =
  /(?<![\p{L}\p{N}'\u2019-])(?:[Uu]u*m+|[Uu]u*h+m*|[Ee]e*r+m+|[Ee]r|[Hh]h*m+)(?![\p{L}\p{N}'\u2019-])[,.\u2026]*\s*/gu;

/** A quick test before the replacement: most questions hold none of the class's letters. */
const MAYBE = /[UuEeHh][mhr]/u;

/**
 * `text` without its hesitation sounds ("um what does Hayden do" → "what does Hayden do");
 * `text` itself when it holds none. A text of hesitations alone is left as it is: it asks
 * nothing either way, and an empty query is no question.
 */
export function withoutHesitations(text: string): string {
  if (!MAYBE.test(text)) return text;
  const plain = text.replace(HESITATION, "");
  if (plain === text) return text;
  return plain.trim() === "" ? text : plain;
}

/** Whether `word` (one folded word) is a hesitation sound ("um", "erm", "hmmm"). */
export function isHesitation(word: string): boolean {
  return word !== "" && withoutHesitations(`${word} .`) === ".";
}
