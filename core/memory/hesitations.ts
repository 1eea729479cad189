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
 * a sound. Four capitalised spellings are also names ({@linkcode NAME_SPELLINGS}: the Korean
 * surname Um or Uhm, Arabic "Umm Kulthum", Chinese "Er"), so one of them is taken as a sound only
 * where a filler stands: at the start of the text, after a clause mark or after another sound,
 * and not when a capitalised word other than the pronoun "I" follows it unpunctuated ("Uhm
 * Jung-hwa"; but "Um I forgot") or a title ends before it ("Mr. Um"). A name sits inside a noun
 * phrase; a filler stands outside the sentence's grammar, so English sets it off. Any other
 * capitalised sound ("Hmm", "Uh", "Erm", a drawn-out "Ummm") is no name, so it is a filler
 * anywhere, as a lower-case one is.
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
  let soundEnd = -1;
  const plain = text.replace(HESITATION, (sound: string, at: number) => {
    if (isFiller({ text, sound, at, afterSound: soundEnd === at })) {
      soundEnd = at + sound.length;
      return "";
    }
    return sound;
  });
  if (plain === text) return text;
  return plain.trim() === "" ? text : plain;
}

/** A clause mark a filler may follow. */
const CLAUSE_MARK = /[,.;:!?\u2026]/u;

/** A title written with its full stop, ending just before the sound ("Mr. Um"). */
const TITLE_BEFORE = /(?:^|[^\p{L}])(?:dr|mr|mrs|ms|mx|prof|rev|fr|st|sr|jr)\.$/iu;

/** A capital letter: a word that opens with one straight after the sound is a name run. */
const CAPITAL = /\p{Lu}/u;

/**
 * The capitalised sounds that are also names, exactly as spelled (not drawn out): Um, Umm and
 * Uhm (Korean and Arabic names) and Er (a Chinese surname). Only these take the name caution.
 */
export const NAME_SPELLINGS: ReadonlySet<string> = new Set(["Um", "Umm", "Uhm", "Er"]);

/** The pronoun "I" (alone or cut: "I'm", "I've"), which English always capitalises: no name. */
const PRONOUN_I = /^I(?![\p{L}\p{N}])/u;

/** The sound's letters, without the marks and spaces after it. */
const SOUND_LETTERS = /^\p{L}+/u;

/**
 * Whether the sound matched at `at` stands where a filler does. A sound that is no name's
 * spelling is one anywhere; a name's spelling only at a clause's edge (see the module doc). Each look is a few
 * characters, or a run of spaces no other match reads, so the whole text stays one pass.
 */
function isFiller(
  { text, sound, at, afterSound }: { text: string; sound: string; at: number; afterSound: boolean },
): boolean {
  if (!NAME_SPELLINGS.has(SOUND_LETTERS.exec(sound)?.[0] ?? "")) return true;
  const marked = CLAUSE_MARK.test(sound);
  const next = at + sound.length;
  // A bounded look: "I" and one character after it.
  if (!marked && CAPITAL.test(text[next] ?? "") && !PRONOUN_I.test(text.slice(next, next + 2))) {
    return false;
  }
  if (afterSound) return true;
  let end = at;
  while (end > 0 && /\s/u.test(text[end - 1] ?? "")) end--;
  if (end === 0) return true;
  if (!CLAUSE_MARK.test(text[end - 1] ?? "")) return false;
  return !TITLE_BEFORE.test(text.slice(Math.max(0, end - 6), end));
}

/** Whether `word` (one folded word) is a hesitation sound ("um", "erm", "hmmm"). */
export function isHesitation(word: string): boolean {
  return word !== "" && withoutHesitations(`${word} .`) === ".";
}
