/**
 * A query's misspelt words in the BM25 query (session 32, recall46): "how much to fix the roff"
 * or "what alergies do we have" found no memory by its words, since BM25 reads only the words as
 * written ("roof", "allergic"), and the candidates a search ranks come from BM25 and the
 * sentence vectors (which know no misspelt word either). A query word the vectors do not know,
 * read as the WordNet word it misses (`typo_forms.ts`), expands as that word does
 * (`expansion.ts`): the word itself as another form of the query's, then its relatives.
 *
 * @module
 */
import { FORM_SIMILARITY } from "./meaning/word_relations.ts";
import type { Relatives } from "./phrases.ts";
import { frameTerms } from "./query_frames.ts";
import { capitalisedWords } from "./query_names.ts";
import { isContentWord, stem, words } from "./text.ts";
import { consonantReplaced } from "./meaning/typo_pairs.ts";

/** What {@linkcode withSlipReadings} reads of the word data. */
export interface SlipRelatives extends Relatives {
  /** The word a folded misspelt word stands for, if any (`WordVectors.slipReading`). */
  slipReading(word: string): string | undefined;
}

/** A query's misspelt words as {@linkcode slipReadings} reads them. */
export interface SlipReadings {
  /** The word data's relatives, with each misspelt stem's as its reading's. */
  relatives: Relatives;
  /** The stem each misspelt stem stands for. */
  meant: ReadonlyMap<string, string>;
  /** The misspelt stems whose words, read so, only frame the question ("remeber"). */
  frames: ReadonlySet<string>;
}

/**
 * `relatives` with, for the stem of each of `text`'s content words that the word data reads as
 * misspelt, that has no relatives of its own, that is no name (capitalised inside a sentence)
 * and whose reading replaces no consonant ({@linkcode consonantReplaced}), the word it stands
 * for (as a form) followed by that word's relatives; `relatives` itself when there is none. A word
 * that, read so, only frames the question ("what do you remeber", `query_frames.ts`) gets no
 * relatives, as the word would not.
 */
export function slipReadings(text: string, relatives: SlipRelatives): SlipReadings {
  let slips: Map<string, string> | undefined;
  const folded = words(text);
  let named: Set<string> | undefined;
  for (const word of folded) {
    if (!isContentWord(word) || relatives.related(stem(word)) !== undefined) continue;
    // A capitalised word inside a sentence is a name ("Lurdes" is no slip of "lures").
    named ??= new Set(
      capitalisedWords(text).filter((each) => !each.opensSentence).map((each) => each.folded),
    );
    if (named.has(word)) continue;
    const reading = relatives.slipReading(word);
    if (reading !== undefined && !consonantReplaced(word, reading)) {
      (slips ??= new Map()).set(word, reading);
    }
  }
  const meant = new Map<string, string>();
  const framing = new Set<string>();
  if (slips === undefined) return { relatives, meant, frames: framing };
  const frames = frameTerms(folded.map((word) => slips.get(word) ?? word).join(" "));
  const found = new Map<string, ReadonlyMap<string, number>>();
  for (const [word, reading] of slips) {
    const meantStem = stem(reading);
    meant.set(stem(word), meantStem);
    if (frames.has(meantStem)) {
      framing.add(stem(word));
      continue;
    }
    found.set(
      stem(word),
      new Map([[meantStem, FORM_SIMILARITY], ...relatives.related(meantStem) ?? []]),
    );
  }
  if (found.size === 0) return { relatives, meant, frames: framing };
  return {
    relatives: {
      related: (wordStem) => found.get(wordStem) ?? relatives.related(wordStem),
      stemInformativeness: (wordStem) => relatives.stemInformativeness(wordStem),
      unitOfStem: relatives.unitOfStem?.bind(relatives),
      phrase: relatives.phrase?.bind(relatives),
      longestPhrase: relatives.longestPhrase,
    },
    meant,
    frames: framing,
  };
}
