/**
 * Retrieval scoring: relevance decides, importance and recency only nudge. Every constant of the
 * formula lives here, but those of unlinked updates (`update_bounds.ts`, re-exported);
 * `rank` (`rank.ts`) applies them.
 *
 *     relevance = LEXICAL · lexical + ALIGNMENT · alignment + VECTOR · vector
 *                 + NEGATION · negation
 *     (weights: LOCAL_WEIGHTS, MODEL_WEIGHTS with `EMBED_MODEL`, ENCODER_WEIGHTS with
 *     `MEMORY_ENCODER`)
 *     score     = relevance · (1 + NUDGE · (½·(2·importance − 1) + ½·(2·recency − 1)))
 *                 · (supersededFactor(unreplaced) if a newer memory replaced this one)
 *
 * - lexical (0..1): BM25 over every query term, normalised by the query's summed idf
 *   (`lexical_index.ts`); statistics from the persona's own index. Each term's weight is
 *   sharpened toward the query's focal words first (`focus.ts`: w · (w / max w of its part of
 *   the query)^(FOCUS − 1), FOCUS = 2), in BM25 and word alignment alike, so a memory sharing
 *   only a peripheral word literally does not outrank one that answers the focal words by
 *   meaning.
 * - vector (0..1): the embedder's cosine above {@linkcode VECTOR_FLOOR}, rescaled:
 *   max(0, cos − floor) / (1 − floor). For the local embedder the cosine of SIF sentence vectors
 *   (meaning); with `EMBED_MODEL` the model's cosine.
 * - importance is the memory's 0..1 value; recency = 0.995^(hours since it was created), not
 *   since last access, so recalling a memory does not keep it looking new.
 * - NUDGE = 0.1: importance and recency move a score by at most ±10 %, so a match whose
 *   relevance is more than 1.1 / 0.9 ≈ 1.22 times another's always ranks above it.
 * - alignment (0..1, local embedder only): each query word matched with the memory's closest
 *   word in meaning, weighted like BM25's terms (`meaning/alignment.ts`); a WordNet relative
 *   counts as a fixed cosine, an irregular form of the word as the word itself
 *   (`meaning/word_relations.ts`), and a near match through the vectors only as far as the memory
 *   word is as informative as the query word (`specificity`: "people" answers "children" less
 *   than "daughter" does). A query word that names a class (a plural, or the word after "what"
 *   or "which") matches by the centroid of its WordNet relatives too
 *   (`meaning/class_centroid.ts`: "injuries" finds "wrist").
 * - Query expansion: each query term's irregular forms join the BM25 query at its full weight
 *   ({@linkcode EXPANSION_FORM}), the one-word synonyms of the query's WordNet phrases ("time of
 *   year": "season") at their own informativeness ({@linkcode EXPANSION_PHRASE}), its other
 *   WordNet relatives at
 *   {@linkcode EXPANSION_CLOSE} or {@linkcode EXPANSION_KIND} of its weight (at most
 *   {@linkcode EXPANSION_PER_TERM} per term), so they find candidates; `lexical` stays relative
 *   to the query's own terms.
 * - No min-max stretch: a poor best match stays poor. A candidate with any lexical match is
 *   a match; one without needs a vector part of at least {@linkcode MIN_VECTOR} or a word
 *   within {@linkcode ANCHOR_SIMILARITY} of a query word. `memory.search` fills a list of fewer
 *   matches than asked with the others whose cosine is above {@linkcode FILL_SIMILARITY}, after
 *   every match (`fill.ts`); a prompt's recall does not.
 * - A superseded memory's relevance passes to its replacement (the current version of the
 *   fact the query found) and its own score is halved ({@linkcode SUPERSEDED}) and kept below
 *   the replacement's, for the share of the query's match the replacement replaces
 *   ({@linkcode supersededFactor}, `replaced_part.ts`): a long message that told several things
 *   keeps its score for a query about one its replacement leaves alone, at most
 *   {@linkcode JUST_BELOW} of the replacement's.
 * - Voice ({@linkcode voiceFactor}): a query asked in the persona's own "I/my" or its group's
 *   "we/our" prefers memories told in it. A memory told by no one of them ("The user said their
 *   manager ...") loses {@linkcode PERSPECTIVE} of its score, and so does a report of the
 *   group's conversation ("We talked about ...": that something was said, not that it holds;
 *   `reportsTalk`); for an "I/my" query a memory in the group's voice ("Our daughter Mila ...",
 *   "We went ...") loses the smaller {@linkcode GROUP_PERSPECTIVE}: the persona is part of it.
 *   So does a label note in no grammatical person ("boss = Gareth", `unmarked_voice.ts`): its
 *   keeper's own record most likely, though not said.
 *   A question in clauses judges each memory by the voice of the clause it answers
 *   (`clauses.ts`).
 * - Answer type: a query that asks where (who, when) costs a memory that names no place (no
 *   person, no time) {@linkcode ANSWER_TYPE} of its score.
 * - Intent: a memory that tells a wish, a plan or a need ("I want to learn to sail") loses
 *   {@linkcode INTENT} of its score unless the query asks about one.
 * - negation (0..1): the share of the query's negations ("can't", "not") the memory says too, by
 *   their idf over the candidates (`negations.ts`); {@linkcode NEGATION}. 0 for a query with none.
 * - Change: a query that asks how things are now (`asksCurrent`) raises a memory that tells of a
 *   change (`tellsChange`) by {@linkcode CHANGE_TOLD}.
 * - Note heads: a note whose head, the few words before a key separator ("dentist: Dr Okoro",
 *   "boss = Gareth", `note_heads.ts`), holds a query term gains {@linkcode NOTE_HEAD}.
 * - Names: a query that names someone or something ("What is Biscuit afraid of?", `queryNames`)
 *   costs a memory that holds none of its names {@linkcode UNNAMED} of its score; a memory in
 *   the persona's own voice holds the names a speaker gives itself ("I'm Maureen but everyone
 *   calls me Mo", `speaker_names.ts`).
 * - Updates stored without a link: among the best candidates in the persona's own voice (its
 *   facts about itself), when a newer memory tells of a change (`tellsChange`: "now", "no
 *   longer", "moved", "sold", "gave up", ...) and it and an older one are about the same thing
 *   (each one's words cover the other's, see {@linkcode aboutSameThing}) and the newer one matches
 *   the query at least {@linkcode NEWER_SHARE} as well, the newer one takes the older one's
 *   relevance when higher and the older one ranks just below it ({@linkcode JUST_BELOW}); of
 *   several such newer ones, the most alike in meaning. The older one stays in the results.
 *   Without the change marker two independent facts that share words ("I went to bed early",
 *   "I went to bed late after a chat with Hanna") swapped places: on the three recall sets the
 *   rule reordered 10, 52 and 26 such pairs in the top ten, and 0, 3 and 5 with it.
 *
 * @module
 */
import type { Candidate, RelevanceWeights } from "./backend.ts";

export type { RelevanceWeights } from "./backend.ts";
import type { Voice } from "./query.ts";
import type { MemoryRecord } from "./schema.ts";
import { parsedTime } from "./created_time.ts";
import { ANSWER_TYPE, GROUP_PERSPECTIVE, PERSPECTIVE } from "./text_factor_shares.ts";

export {
  aboutSameThing,
  NEWER_SHARE,
  NEWER_SHARE_NOW,
  SAME_SUBJECT,
  SAME_SUBJECT_SHARING,
  SAME_WORDS,
  SAME_WORDS_SHARING,
} from "./update_bounds.ts";

/** Weights of the relevance channels with the local embedder (they sum to 1). */
export const LOCAL_WEIGHTS = { lexical: 0.4, alignment: 0.35, vector: 0.25 } as const;
/** Weights with a model's embeddings (`EMBED_MODEL`): no word alignment. */
export const MODEL_WEIGHTS = { lexical: 0.5, alignment: 0, vector: 0.5 } as const;
/**
 * With the sentence encoder (`MEMORY_ENCODER=use-lite`, `embedder_encoder.ts`) the vector part
 * is half of relevance, lexical and alignment share the rest as in {@linkcode LOCAL_WEIGHTS}.
 * Recall sets 1, 2, 4, 5, 6 (linked, mean recall@5 / MRR): vector 0.25 0.956 / 0.906, 0.4
 * 0.960 / 0.913, 0.5 0.968 / 0.919, 0.6 0.969 / 0.926 (local embedder: 0.946 / 0.887).
 */
export const ENCODER_WEIGHTS: RelevanceWeights = {
  lexical: LOCAL_WEIGHTS.lexical * (0.5 / 0.75),
  alignment: LOCAL_WEIGHTS.alignment * (0.5 / 0.75),
  vector: 0.5,
};
/**
 * The encoder's share of the cosine with the sentence encoder (`embedder_encoder.ts`): cos =
 * (1 − share) · cos(SIF) + share · cos(encoder). 1/2: mean recall@5 / MRR 0.966 / 0.918; 3/4
 * 0.968 / 0.919; 0.9 (nearly the encoder alone) 0.956 / 0.907 at vector weight 0.25.
 */
export const ENCODER_SHARE = 0.75;
/** Cosine an unrelated memory typically has (rescaled to 0 in `vector`). */
export const VECTOR_FLOOR = 0.15;
/**
 * Without a lexical match, a candidate needs at least this `vector` part to be kept (a cosine of
 * about 0.4; two unrelated remarks of small talk average 0.16 ± 0.19 with the local embedder).
 */
export const MIN_VECTOR = 0.3;
/**
 * Without a lexical match, a candidate is kept too when one of its words is this close to a
 * query word (a near-synonym: "kitten" and "cat" 0.57; unrelated words average 0 ± 0.12).
 */
export const ANCHOR_SIMILARITY = 0.45;
/**
 * A candidate that is no match fills a search's list of fewer matches than asked when its
 * cosine with the query is above this (`fill.ts`): it resembles the query at all.
 */
export const FILL_SIMILARITY = 0;
/** Largest share by which importance and recency together move a score (±). */
export const NUDGE = 0.1;
/** Recency multiplier per hour since the memory was created. */
export const RECENCY_PER_HOUR = 0.995;
/**
 * Factor on a superseded memory's score when its replacement replaces all that the query found
 * in it (see {@linkcode supersededFactor}).
 */
export const SUPERSEDED = 0.5;

/**
 * The factor on the score of a superseded memory of which `unreplaced` (0..1,
 * `replaced_part.ts` `unreplacedShare`) of the query's match lies in what its replacement does
 * not replace: SUPERSEDED + (1 − SUPERSEDED) · unreplaced. The halving applies to the share of
 * the match the replacement replaces: "I live in a small flat in Lyon" replaced by "I moved to
 * Porto ..." (one part: 0) is halved for every query; "my little sister Bisi has a braiding
 * salon ..., ... the one perk of being her sister", replaced by the salon's move, keeps its score
 * for "what siblings have I got" (1: "sister" is in a part the move leaves alone) and is nearly
 * halved for "where's Bisi's salon". Out of 0..1 (or no number): clamped (0 for NaN).
 */
export function supersededFactor(unreplaced: number): number {
  const share = Number.isFinite(unreplaced) ? Math.min(1, Math.max(0, unreplaced)) : 0;
  return SUPERSEDED + (1 - SUPERSEDED) * share;
}
/** An older memory a newer one replaces without a link ranks at most this factor below it. */
export const JUST_BELOW = 0.98;
/**
 * The share of its weight a question-frame word ("tell me about", "do I still", "did I ever":
 * `QUESTION_FRAME_WORDS`) keeps in a search query's meaning channels with the local embedder:
 * its sentence vector (`LocalEmbedder.embedQuery`) and its word alignment (`search.ts`). None:
 * it says how the question is asked, not what about. BM25 keeps `QUESTION_FRAME_WEIGHT` (0.25)
 * of it, so a memory that shares the word is still found. A query of frame words only keeps
 * them all. Vector: set 1's MRR 0.868 → 0.873, set 2's 0.932 → 0.936 (at 0.25, as in BM25, set
 * 1's 0.869); alignment too: set 3's 0.790 → 0.792.
 */
export const QUERY_FRAME_MEANING_WEIGHT = 0;

/** How many of the best candidates (per wanted hit, at least 10) are compared pairwise. */
export const PAIRS_PER_HIT = 2;

/**
 * ... and at most this many: the pairs grow with the square (200 candidates at 100 hits, up to
 * 19,900 pairs, 0.5-1 s a search of a persona of 600 memories with digits); an update and the
 * fact it replaces both match the query, so they are among the best 30 (15 hits and more).
 */
export const MAX_COMPARED = 30;

/** How many of the best candidates are compared pairwise for `limit` wanted hits. */
export function comparedCandidates(limit: number): number {
  return Math.min(Math.max(10, limit * PAIRS_PER_HIT), MAX_COMPARED);
}

const HOUR_MS = 3_600_000;

/** 0.995^(hours since `record` was created, at `now`). */
export function recency(record: MemoryRecord, now: number): number {
  return RECENCY_PER_HOUR ** (Math.max(0, now - parsedTime(record.created_at)) / HOUR_MS);
}

/**
 * The vector part of relevance for a cosine `similarity`; 0 for one that is no finite number
 * (a NaN vector stored before embeddings were checked: as if it had no vector).
 */
export function vectorPart(similarity: number): number {
  if (!Number.isFinite(similarity)) return 0;
  return Math.max(0, similarity - VECTOR_FLOOR) / (1 - VECTOR_FLOOR);
}

/**
 * Weight of the negation channel (`negations.ts`) added to relevance: the share of the query's
 * negations ("What can't I eat?") a memory says too ("I can't eat shellfish"), by their idf over
 * the candidates. Our analyser drops negations as stop words; plain BM25 matches them. Only a
 * query with a negation has it, so every other ranking is as before.
 */
export const NEGATION = 0.25;

/** Relevance (0..1) of a candidate from its channels. */
export function relevance(
  parts: {
    lexical: number;
    similarity: number;
    alignment?: { score: number };
    negation?: number;
    weights?: RelevanceWeights;
  },
): number {
  const weights = parts.weights ?? (parts.alignment === undefined ? MODEL_WEIGHTS : LOCAL_WEIGHTS);
  return weights.lexical * parts.lexical + weights.alignment * (parts.alignment?.score ?? 0) +
    weights.vector * vectorPart(parts.similarity) + NEGATION * (parts.negation ?? 0);
}

/**
 * The factor a memory in voice `memory` gets for a query in voice `query` (no query voice:
 * 1): 1 − {@linkcode PERSPECTIVE} for a memory in no one's voice of the persona's ("other")
 * when the query is in the persona's or the group's; 1 − {@linkcode GROUP_PERSPECTIVE} for the
 * group's memory when the query is in the persona's own; else 1. An `other` memory that is an
 * `unmarked` label note in no person ("boss = Gareth", `unmarked_voice.ts`) counts as the group's.
 */
export function voiceFactor(query: Voice | undefined, memory: Voice, unmarked = false): number {
  if (query === undefined || query === "other" || memory === "self") return 1;
  if (memory === "other" && !unmarked) return 1 - PERSPECTIVE;
  return query === "self" ? 1 - GROUP_PERSPECTIVE : 1;
}

/**
 * The lowest share of another candidate's voice-weighted relevance (relevance ·
 * {@linkcode voiceFactor}) with which a candidate can still outscore it: importance and recency
 * at their best for one and their worst for the other, (1 − NUDGE) / (1 + NUDGE) ≈ 0.82. Search
 * skips the word alignment of a candidate whose voice-weighted relevance could not reach this
 * share of the best ones' even fully aligned.
 */
export const OUTSCORE_RATIO = (1 - NUDGE) / (1 + NUDGE);

/**
 * {@linkcode OUTSCORE_RATIO} for a query with an answer type (`answers`: the factor can cost one
 * candidate and not the other) or without.
 */
export function outscoreRatio(typed: boolean): number {
  return typed ? OUTSCORE_RATIO * (1 - ANSWER_TYPE) : OUTSCORE_RATIO;
}

/** The highest relevance a candidate can have whatever its word alignment (its weights). */
export function relevanceBound(
  parts: { lexical: number; similarity: number; negation?: number; weights?: RelevanceWeights },
): number {
  const weights = parts.weights ?? LOCAL_WEIGHTS;
  return weights.lexical * parts.lexical + weights.alignment +
    weights.vector * vectorPart(parts.similarity) +
    NEGATION * (parts.negation ?? 0);
}

/**
 * Whether ranking keeps a candidate: any lexical match, a vector part of at least
 * {@linkcode MIN_VECTOR}, or a word within {@linkcode ANCHOR_SIMILARITY} of a query word.
 */
export function isKept(candidate: Candidate): boolean {
  return candidate.lexical > 0 || vectorPart(candidate.similarity) >= MIN_VECTOR ||
    (candidate.alignment?.strongest ?? 0) >= ANCHOR_SIMILARITY;
}

/** Whether a candidate that is no match may fill a list: its cosine is above the floor. */
export function mayFill(similarity: number): boolean {
  return similarity > FILL_SIMILARITY;
}

/** The multiplier importance and recency give a score: 1 − NUDGE .. 1 + NUDGE. */
export function nudge(importance: number, fresh: number): number {
  return 1 + NUDGE * (0.5 * (2 * importance - 1) + 0.5 * (2 * fresh - 1));
}
