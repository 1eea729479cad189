/**
 * Short forms of a word, read by their letters (recall100, issue 9): a note says "physio",
 * "uni", "reg", "hols", "appts", "mgr" where the question says "physiotherapy",
 * "university", "registration", "holidays", "appointments", "manager". The word vectors
 * and WordNet know the common short forms ("vet", "lab", "info", "photo" are lemmas beside the
 * full word, `word_relations.gen.json`), not the many a dictionary lists as informal or written
 * abbreviations; but English makes them by two regular processes, which the letters show:
 *
 * - **back-clipping** (a dictionary's "clipping"): the word's first syllables kept ("physio",
 *   "uni", "reg", "exam", "gym"), with a plural's "s" ("hols" for "holiday" or "holidays"); at least
 *   {@linkcode CLIPPING_MIN_LETTERS} letters kept and {@linkcode CLIPPED_MIN_LETTERS_LEFT} cut
 *   from the full word's root: a clipping keeps a root's first letters, not an inflection's or a
 *   derivation's ("hols" is no clipping of "holding" or "holder": review45b M1);
 * - **contraction** (the written abbreviation that keeps the first and last letters and some
 *   consonants between: "appt", "mgr", "dept", "govt", "bldg"): a beginning of the word, then
 *   consonants only, in the word's order, the last letter the word's last; in a form of no vowel
 *   none doubled that the word does not double ("grr", "hmm", "shh" are sounds drawn out,
 *   interjections, as is any run of three; "deptt", "asstt" keep a vowel and are abbreviations);
 *   three letters
 *   at least besides a plural's "s" ({@linkcode CONTRACTION_MIN_LETTERS}: "wk" is week or work);
 * - **compound contraction** (recall108): a compound's head kept whole after its modifier's
 *   first letter, and at most one more consonant of it ("bday" birthday, "bball" basketball,
 *   "wkday" weekday): the head is what the compound is (a birthday is a day), so it is what the
 *   writer keeps. The head is an ending of at least {@linkcode COMPOUND_HEAD_MIN_LETTERS}
 *   letters that opens with a consonant, and the modifier cut has as many at least: English
 *   suffixes mostly open with a vowel ("-ing", "-ion", "-ate"), so "ting" is no short form of
 *   "tasting", while a compound's second word mostly opens with a consonant.
 *
 * Either counts only when the short form is unknown to the vectors (a word they know is a word
 * of its own, "car" is no clipping of "carpet") and not written as a name in its memory
 * ("Steph", "Nat", "Cass": a clipped name is as often another person as the same one,
 * `PreparedWord.named`), and the full word is the query's, known to them
 * (`word_similarity.ts`): a query's few words against a memory's, a few character comparisons a
 * pair, bounded by {@linkcode SHORT_FORM_MAX_LETTERS}.
 *
 * @module
 */
import { stem } from "../text.ts";

/** How alike a short form and its full word count: a slip's weight (`typo_forms.ts`). */
export const SHORT_FORM_SIMILARITY = 0.8;
/** The fewest letters a clipping keeps ("uni", "reg"; "un", "re" are prefixes of too much). */
export const CLIPPING_MIN_LETTERS = 3;
/** The fewest letters a clipping cuts ("exams" is a plural, "examn" a slip, not clippings). */
export const CLIPPED_MIN_LETTERS_LEFT = 2;
/**
 * The fewest letters a contraction keeps, a plural's "s" aside: two stand for too many words
 * ("wk" week or work, "rd" road or read, "st" street or saint, "dr" doctor or drive), and so do
 * two and an "s" ("wks", "yrs").
 */
export const CONTRACTION_MIN_LETTERS = 3;
/** The most letters a contraction keeps ("bldg", "mgmt"; longer runs of consonants are names). */
export const CONTRACTION_MAX_LETTERS = 5;
/** The fewest letters of a compound contraction's head and of the modifier it cuts ("day", "birth"). */
export const COMPOUND_HEAD_MIN_LETTERS = 3;
/**
 * The longest full word whose contractions are looked up in a store (`contractionForms`): the
 * forms to try grow with its consonants; "responsibilities" has 16 letters.
 */
export const CONTRACTED_MAX_LETTERS = 16;
/** The longest short form compared: past it a word is no short form of another. */
export const SHORT_FORM_MAX_LETTERS = 8;

/**
 * Whether folded `short` (unknown to the vectors) reads as a short form of folded `full` (known
 * to them): a back-clipping or a contraction of it, in plain letters (see the module).
 */
export function isShortForm(short: string, full: string): boolean {
  if (
    short.length > SHORT_FORM_MAX_LETTERS || short.length + CLIPPED_MIN_LETTERS_LEFT > full.length
  ) {
    return false;
  }
  if (short.charCodeAt(0) !== full.charCodeAt(0) || !plainLetters(short)) return false;
  return isClipping(short, rootOf(full)) || isContraction(short, full) ||
    isCompoundContraction(short, full);
}

/**
 * Every contraction and compound contraction of folded `full` (see the module) of
 * {@linkcode CONTRACTION_MIN_LETTERS} to {@linkcode CONTRACTION_MAX_LETTERS} letters, no plural
 * "s": the written forms a store term may be ("appt", "mgr", "bday"), for a lookup of them by the
 * store's own words (`store_short_forms.ts`). A few dozen for most words ("appointment" 29);
 * none for a word of other than plain letters or of more than
 * {@linkcode CONTRACTED_MAX_LETTERS}, whose forms to try would grow with its consonants.
 */
export function contractionForms(full: string): string[] {
  if (full.length > CONTRACTED_MAX_LETTERS || !plainLetters(full)) return [];
  const found = new Set<string>();
  const last = full[full.length - 1]!;
  const lastAt = full.lastIndexOf(last);
  // A beginning of the word, then its consonants in order (at most five letters in all): each
  // distinct next consonant at its first place after `from` only, so each form is made once.
  const extend = (kept: string, from: number) => {
    if (kept.length >= CONTRACTION_MIN_LETTERS && kept.endsWith(last)) found.add(kept);
    // Past the word's last place of its last letter, no longer form ends with it.
    if (kept.length >= CONTRACTION_MAX_LETTERS || from > lastAt) return;
    let tried = "";
    for (let i = from; i < full.length; i++) {
      const letter = full[i]!;
      if (VOWELS.includes(letter) || tried.includes(letter)) continue;
      tried += letter;
      extend(kept + letter, i + 1);
    }
  };
  for (let begun = 1; begun < CONTRACTION_MAX_LETTERS && begun < full.length; begun++) {
    extend(full.slice(0, begun), begun);
  }
  // A head kept whole after the modifier's first letter, and perhaps one more consonant of it.
  for (let head = COMPOUND_HEAD_MIN_LETTERS; head < CONTRACTION_MAX_LETTERS; head++) {
    const modifierEnd = full.length - head;
    if (modifierEnd < COMPOUND_HEAD_MIN_LETTERS) break;
    const ending = full.slice(modifierEnd);
    found.add(full[0]! + ending);
    for (let i = 1; i < modifierEnd && head + 2 <= CONTRACTION_MAX_LETTERS; i++) {
      if (!VOWELS.includes(full[i]!)) found.add(full[0]! + full[i]! + ending);
    }
  }
  // The rule itself decides (`isShortForm` less its clipping, which no form here needs).
  return [...found].filter((form) =>
    form.length + CLIPPED_MIN_LETTERS_LEFT <= full.length &&
    (isContraction(form, full) || isCompoundContraction(form, full))
  );
}

/**
 * The store terms that may be back-clippings of a query word whose analysed term is `term`
 * (recall104, issue 9): the beginnings of its root ({@linkcode rootOf} of the word: its stem
 * less an agent "er") of {@linkcode CLIPPING_MIN_LETTERS} letters on, each cutting at least
 * {@linkcode CLIPPED_MIN_LETTERS_LEFT} and none past {@linkcode SHORT_FORM_MAX_LETTERS}: at most
 * six, whatever the word ("physiotherapy", term "physiotherapi": "phy" to "physioth"). A store's
 * terms are stems too ("hols" is "hol"), so a lookup of these finds every clipping the rule
 * reads (`isShortForm` still decides, on the folded words). None for a term of other than plain
 * letters.
 */
export function clippingTerms(term: string): string[] {
  if (!plainLetters(term)) return [];
  const root = stemRoot(term);
  const longest = Math.min(SHORT_FORM_MAX_LETTERS, root.length - CLIPPED_MIN_LETTERS_LEFT);
  const kept: string[] = [];
  for (let length = CLIPPING_MIN_LETTERS; length <= longest; length++) {
    kept.push(root.slice(0, length));
  }
  return kept;
}

/**
 * The root a clipping of folded `full` is cut from: its stem (inflections off: "holding",
 * "hold"), less the agent or instrument suffix "er" the stemmer keeps ("holder", "hold"), the
 * commonest derivation of English nouns. A clipping keeps a root's first letters, so "hols" is
 * no clipping of either, while "holidays" stems to "holidai" (review45b M1).
 */
function rootOf(full: string): string {
  return stemRoot(stem(full));
}

/** A stem less the agent or instrument suffix "er" ({@linkcode rootOf}). */
function stemRoot(stemmed: string): string {
  return stemmed.endsWith("er") ? stemmed.slice(0, -2) : stemmed;
}

/**
 * `short`, or it without a plural "s" ("hols" answers "holiday" as "holidays"), begins the full
 * word's root `root` (`rootOf`).
 */
function isClipping(short: string, root: string): boolean {
  return clipped(short, root) || (short.endsWith("s") && clipped(short.slice(0, -1), root));
}

/** `kept` begins `full`, long enough and with enough of `full` cut. */
function clipped(kept: string, full: string): boolean {
  return kept.length >= CLIPPING_MIN_LETTERS &&
    kept.length + CLIPPED_MIN_LETTERS_LEFT <= full.length && full.startsWith(kept);
}

/**
 * `short`: a beginning of `full`, then only consonants of `full` in its order, the last its last
 * ("wt", "mgr", "dept", "govt"; "kate" is no contraction of "karate": a vowel after the shared
 * beginning), and, in a form of no vowel, no letter twice in a row there that `full` does not
 * double ("tmrrw" keeps "tomorrow"'s "rr"). A contraction is written to be short and keeps letters
 * of the word; a letter doubled past that in a form of no vowel is a sound drawn out, an
 * interjection ("grr", "hmm", "shh": no "grandfather", "humanism", "sheikh"; recall116), as is
 * a run of three ("assst"). A form with a vowel may double ("deptt", "asstt"). Known limit: an interjection whose double the word
 * holds reads as its contraction ("psst" of "passport", as "tmrrw" of "tomorrow").
 */
function isContraction(short: string, full: string): boolean {
  const letters = short.endsWith("s") ? short.length - 1 : short.length;
  if (letters < CONTRACTION_MIN_LETTERS || short.length > CONTRACTION_MAX_LETTERS) return false;
  if (short.charCodeAt(short.length - 1) !== full.charCodeAt(full.length - 1)) return false;
  let shared = 1;
  while (shared < short.length - 1 && short[shared] === full[shared]) shared++;
  let at = shared;
  for (let i = shared; i < short.length; i++) {
    const letter = short[i]!;
    if (VOWELS.includes(letter) || drawnOut(short, i, full)) return false;
    at = full.indexOf(letter, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** The run of one letter English spelling never writes: three or more is a sound drawn out. */
const DRAWN_OUT_RUN = 3;

/**
 * Whether `short`'s letter `i` repeats the letter before it in a run `full` never writes, where
 * that run is a sound drawn out: in a form of no vowel, or three letters long ("grr", "grrr" of
 * "gerrymander", "assst" of "assessment"; "tmrrw" of "tomorrow" keeps its "rr"). A sound drawn
 * out is an interjection, and English writes those without vowels ("grr", "hmm", "shh", "brr");
 * its spelling never triples a letter, so a run of three is always a sound lengthened. A form
 * that keeps a vowel of the word is written to abbreviate it, and a doubled last consonant is how
 * Indian English marks some official abbreviations ("deptt" department, "asstt" assistant;
 * review49a L1).
 */
function drawnOut(short: string, i: number, full: string): boolean {
  if (short[i] !== short[i - 1]) return false;
  let from = i - 1;
  while (from > 0 && short[from - 1] === short[i]) from--;
  const run = short.slice(from, i + 1);
  if (run.length < DRAWN_OUT_RUN && [...VOWELS].some((vowel) => short.includes(vowel))) {
    return false;
  }
  return !full.includes(run);
}

/**
 * `short`: the first letter of `full`, at most one more consonant of it, then an ending of `full`
 * that opens with a consonant, the head, with {@linkcode COMPOUND_HEAD_MIN_LETTERS} letters or more
 * each side of it in `full` ("bday" of "birthday", "bball" of "basketball"; a plural's "s" kept by
 * both).
 */
function isCompoundContraction(short: string, full: string): boolean {
  if (short.length > CONTRACTION_MAX_LETTERS) return false;
  for (let kept = 1; kept <= 2; kept++) if (compoundSplit(short, full, kept)) return true;
  return false;
}

/** `short` as {@linkcode isCompoundContraction} reads it, its first `kept` letters before the head. */
function compoundSplit(short: string, full: string, kept: number): boolean {
  const head = short.slice(kept);
  const modifierEnd = full.length - head.length;
  if (head.length < COMPOUND_HEAD_MIN_LETTERS || modifierEnd < COMPOUND_HEAD_MIN_LETTERS) {
    return false;
  }
  if (VOWELS.includes(head[0]!) || !full.endsWith(head)) return false;
  if (kept === 1) return true;
  // The one more letter kept: a consonant of the modifier.
  const at = full.indexOf(short[1]!, 1);
  return !VOWELS.includes(short[1]!) && at > 0 && at < modifierEnd;
}

/**
 * Whether `short`, a short form of `full` only as a compound contraction, reads as well as another
 * word `known` (to the vectors): its kept letters, one or two letters more, then its head ("tday"
 * is "today" as much as "tuesday" or "thursday", "mday" "midday", "hday" "heyday"; review47b M1).
 * A reader restores the fewest letters that make a word, so a known word one or two letters
 * longer than the form is what it says, and a compound several letters longer is not. A form of
 * no other reading ("bday", "bball", "wkday") stays. Only a split whose head is a known word is
 * read (a compound's head is a word). 702 lookups a split at most, two splits.
 */
export function compoundReadsOtherWord(
  short: string,
  full: string,
  known: (word: string) => boolean,
): boolean {
  if (isClipping(short, rootOf(full)) || isContraction(short, full)) return false;
  for (let kept = 1; kept <= 2; kept++) {
    const head = short.slice(kept);
    // A compound's head is a word ("day", "ball"): "wkday" is "wk" + "day", not "w" + "kday".
    if (!compoundSplit(short, full, kept) || !known(head)) continue;
    const front = short.slice(0, kept);
    for (const one of LETTERS) {
      if (readsOther(front + one + head)) return true;
      for (const two of LETTERS) if (readsOther(front + one + two + head)) return true;
    }
  }
  return false;

  function readsOther(word: string): boolean {
    return word !== full && known(word);
  }
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

const VOWELS = "aeiou";

/** Only the letters a to z (no digits: "5k", "100mg" are no short forms). */
function plainLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return true;
}
