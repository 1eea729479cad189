/**
 * The shares of a memory's score that the text factors take or give (`text_factors.ts` applies
 * them; `ranking.ts`'s formula lists them): voice, answer type, intent, names, a relative as
 * subject, a told change and a note's head.
 *
 * @module
 */

/**
 * Share of the score a memory told by neither the persona nor its group ("The user mentioned
 * their manager speaks five languages") loses when the query is in the persona's or the group's
 * voice: "Which languages can I speak?" asks about the persona. (0.2 before: remarks about
 * others still beat the persona's own facts; 0.3 to 0.5 rank alike on the recall sets.)
 */
export const PERSPECTIVE = 0.4;
/**
 * Share a memory in the group's voice ("Our daughter Mila ...", "We went ...") loses when
 * the query is in the persona's own: the persona is part of the group, so less than
 * {@linkcode PERSPECTIVE}.
 */
export const GROUP_PERSPECTIVE = 0.2;
/**
 * Share of the score a memory loses when the query asks for a place ("Where do we live?"), a
 * person ("Which relative grows grapes?") or a time ("When did we marry?") and the memory names
 * none: the question's answer type.
 */
export const ANSWER_TYPE = 0.1;
/**
 * Share of the score a memory loses when it tells a wish, a plan or a need ("I want to learn to
 * sail", `tellsIntent`) and the query asks about none: what someone wants is weaker evidence of
 * what is than a fact.
 */
export const INTENT = 0.1;
/**
 * Share of the score a memory loses when the query names someone or something ("What is Biscuit
 * afraid of?", `queryNames`) and the memory holds none of the names: it is about someone else
 * ("Mila is afraid of the dark"). In process, recall@5 / MRR linked: set 2 0.972 / 0.946 →
 * 0.972 / 0.951, set 3 0.847 / 0.812 → 0.847 / 0.817 (its paraphrases' MRR 0.90 → 0.93), set 1
 * unchanged; 0.1: set 2 unchanged, set 3 0.813; 0.3 and 0.4 as 0.2.
 */
export const UNNAMED = 0.2;
/**
 * Share of the score a memory about one of the persona's relatives and not the persona
 * (`tellsOfRelative`: "My wife reads romance novels on the train") loses when the query asks
 * about the persona itself (`asksOwn`: "What novels do I like?"): the persona's family is close
 * to it, as its group is, so {@linkcode GROUP_PERSPECTIVE}. Plain BM25 ranked "I am a big fan of
 * detective novels" first there by the query's "I" (our analyser drops it as a stop word).
 */
export const RELATIVE_SUBJECT = GROUP_PERSPECTIVE;
/**
 * Share of the score a memory that tells of a change (`tellsChange`: "now", "no longer", "moved",
 * "gave up", ...) gains when the query asks how things are now (`asksCurrent`: "still", "now",
 * "these days"): its answer is what changed. Plain BM25 ranks such a memory up by the "now" both
 * say, a stop word our analyser drops.
 */
export const CHANGE_TOLD = 0.2;
/**
 * Share of the score a note gains when its head, the few words before a key separator
 * ("dentist: Dr Okoro", "boss = Gareth", `note_heads.ts`), holds one of the query's terms: the
 * note is about what the question asks, where a line holding the word only in its value is about
 * its own head ("M&S: Percy Pigs for Rafi's class"). In process, recall@5 / MRR linked (session
 * 37, recall66): set 18 0.731 / 0.588 → 0.753 / 0.620, multi-set18 0.229 / 0.262 → 0.319 / 0.327,
 * set 9's MRR 0.850 → 0.856, set 6's 0.834 → 0.829, set 11's 0.827 → 0.823, the others and the
 * held-out totals unchanged; 0.1 and 0.05 gained less, 0.3 as much (core/memory/HISTORY.md).
 */
export const NOTE_HEAD = 0.2;
