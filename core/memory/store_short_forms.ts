/**
 * Short forms found through the persona's own words (recall104, issue 9; review45b M2). Word
 * alignment reads "physio" in a memory as the "physiotherapy" asked (`meaning/short_forms.ts`),
 * but only once the memory is a candidate, and neither retrieval makes it one in a store of any
 * size: the sentence vectors do not know "physio", and BM25 holds no term of the query in it.
 * So each word that looks up its slips (`store_slips.ts`) also looks up the store terms that
 * begin its root (`clippingTerms`: at most six exact lookups a word, on every backend, in the
 * same read as its slips), and those the short-form rule reads as the word bring the memories
 * that hold them in as candidates ({@linkcode shortFormCandidates}). They stay out of the BM25
 * query (fix169; review46b M2): there a clipping of another word ("uni" of "university", asked
 * "uniform") or a name written in lower case ("nat", "cass") would add lexical weight to
 * memories already in the pool. Word alignment alone scores the short form, by its own rule,
 * which also knows a capitalised name for one.
 *
 * A contraction ("appt", "mgr", "bday") begins with the word's first letter only, so no
 * beginning of its root finds it: each word the vectors know also asks for its contractions'
 * terms exactly ({@linkcode contractionAsk}, `meaning/short_forms.ts`, `contractionForms`: a few
 * dozen a word, none of a word past 16 letters), in the same read (recall108).
 *
 * The rule is the alignment's own: the short form unknown to the vectors ("car" is a word of its
 * own, no clipping of "cardigan"), the full word known to them, `isShortForm` on the folded
 * words. A name written as one ("Steph") may still come in as a candidate here, and alignment
 * then gives it no credit (`PreparedWord.named`).
 *
 * @module
 */
import type { Candidate, CandidateQuery, MemoryBackend } from "./backend.ts";
import type { StoreSlip } from "./store_vocabulary.ts";
import { compoundReadsOtherWord, contractionForms, isShortForm } from "./meaning/short_forms.ts";
import { stem } from "./text.ts";

/** The most store short forms one query word brings in as candidates (most memories first). */
export const STORE_SHORT_FORMS_PER_WORD = 2;
/** The most store short forms one query brings in all. */
export const STORE_SHORT_FORMS_PER_QUERY = 4;

/** One store term that stands for a query word as its short form. */
export interface ShortFormTerm {
  /** The store term (a stem: "physio", "hol"). */
  term: string;
  /** How many memories hold it. */
  documents: number;
  /** Which asked word (index into the asked words) it stands for. */
  asked: number;
}

/**
 * How many words' contraction terms are remembered ({@linkcode contractionAsk}): making them is
 * ~40-120 µs a word, and a persona asks the same words again and again. Past it the memo is
 * emptied; each entry is a few dozen short strings, so it stays under ~2 MB.
 */
export const CONTRACTION_MEMO_WORDS = 1024;

/** A word's contraction terms, and the written form of each term that is not its own form. */
interface Contracted {
  terms: string[];
  forms: Array<[string, string]>;
}

const contractedMemo = new Map<string, Contracted>();

/** {@linkcode Contracted} of folded `word`, remembered. */
function contracted(word: string): Contracted {
  let known = contractedMemo.get(word);
  if (known !== undefined) return known;
  const terms = new Set<string>();
  const forms: Array<[string, string]> = [];
  for (const form of contractionForms(word)) {
    const term = stem(form);
    terms.add(term);
    if (term !== form) forms.push([term, form]);
  }
  known = { terms: [...terms], forms };
  if (contractedMemo.size >= CONTRACTION_MEMO_WORDS) contractedMemo.clear();
  contractedMemo.set(word, known);
  return known;
}

/**
 * The contractions to look up for each asked folded word, as the store's analysed terms, and
 * the written form each term stands for ("bdai" is "bday"): none for a word the vectors do not
 * know (no short form stands for it, {@linkcode storeShortForms}).
 */
export function contractionAsk(
  asked: readonly string[],
  vectors: { has(word: string): boolean },
): { terms: string[][]; forms: Map<string, string> } {
  const forms = new Map<string, string>();
  const terms = asked.map((word) => {
    if (!vectors.has(word)) return [];
    const made = contracted(word);
    for (const [term, form] of made.forms) forms.set(term, form);
    return made.terms;
  });
  return { terms, forms };
}

/**
 * Of each asked folded word's `clippings` (store terms that may be its short forms, in order:
 * each read as its written form in `found.forms` where it has one), those the short-form rule
 * reads as it, and as no other word the vectors know (`compoundReadsOtherWord`: "tday" is
 * "today", no "tuesday"): at most {@linkcode STORE_SHORT_FORMS_PER_WORD} a word and
 * {@linkcode STORE_SHORT_FORMS_PER_QUERY} in all, held by the most memories first; none already
 * `taken` (a term of the query, or a slip).
 */
export function storeShortForms(
  asked: readonly string[],
  found: {
    clippings: readonly (readonly StoreSlip[])[];
    taken: ReadonlySet<string>;
    forms?: ReadonlyMap<string, string>;
  },
  vectors: { has(word: string): boolean; hasStem(term: string): boolean },
): ShortFormTerm[] {
  const kept: ShortFormTerm[] = [];
  const seen = new Set(found.taken);
  const known = (other: string) => vectors.has(other);
  asked.forEach((word, i) => {
    if (!vectors.has(word)) return;
    let taken = 0;
    for (const clipping of found.clippings[i] ?? []) {
      if (kept.length >= STORE_SHORT_FORMS_PER_QUERY || taken >= STORE_SHORT_FORMS_PER_WORD) break;
      if (seen.has(clipping.term) || vectors.hasStem(clipping.term)) continue;
      const written = found.forms?.get(clipping.term) ?? clipping.term;
      if (!isShortForm(written, word) || compoundReadsOtherWord(written, word, known)) continue;
      seen.add(clipping.term);
      taken++;
      kept.push({ ...clipping, asked: i });
    }
  });
  return kept;
}

/**
 * The memories holding the store short forms `terms` that `pool` lacks, as new candidates:
 * their lexical part 0 (a short form is no word of the query; alignment credits it), their
 * vector similarity kept. One candidates call, its BM25 over the short forms alone.
 */
export async function shortFormCandidates(
  pool: readonly Candidate[],
  query: CandidateQuery,
  deps: { backend: Pick<MemoryBackend, "candidates">; terms: readonly string[] },
): Promise<Candidate[]> {
  if (deps.terms.length === 0) return [];
  const found = await deps.backend.candidates({
    ...query,
    terms: deps.terms,
    priors: deps.terms.map(() => 1),
  });
  const known = new Set(pool.map((candidate) => candidate.record.id));
  const added: Candidate[] = [];
  for (const candidate of found) {
    if (candidate.lexical <= 0 || known.has(candidate.record.id)) continue;
    known.add(candidate.record.id);
    added.push({ ...candidate, lexical: 0 });
  }
  return added;
}
