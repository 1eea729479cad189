/**
 * The closed word classes `told_tense.ts` reads a text's tense with: English's finite forms of
 * "be", "have" and "do", the modals, subject pronouns, cut auxiliaries, the adverbs that stand
 * between a subject and its verb, determiners, and the words that open or join clauses. No verb
 * of any topic is listed; irregular past forms come from `told_events.ts`.
 *
 * @module
 */
import { BASE_EQUAL_PAST, IRREGULAR_PAST } from "./told_events.ts";

/** Finite forms of the present: "be", "have", "do" and the modals that have no past sense. */
export const PRESENT: ReadonlySet<string> = new Set(
  ("am is are isn't aren't ain't do does don't doesn't has have hasn't haven't can can't cannot " +
    "will won't shall must im ive dont doesnt isnt arent cant wont hasnt havent").split(" "),
);
/** Finite forms of the past: "be", "have", "do". */
export const PAST: ReadonlySet<string> = new Set(
  "was were wasn't weren't did didn't had hadn't wasnt werent didnt hadnt".split(" "),
);
/** The past of "be", before a participle of a passive ("was born"). */
export const BE_PAST: ReadonlySet<string> = new Set(["was", "were"]);
/** Cut auxiliaries of the present after a word ("I'm", "we're", "I've", "she'll"). */
export const PRESENT_CLITICS: ReadonlySet<string> = new Set(["m", "re", "ve", "ll"]);
/** Pronouns and question words whose "'s" is "is" or "has", never a possessive. */
export const S_IS: ReadonlySet<string> = new Set(
  "he she it that there here what who where when how why which this".split(" "),
);
/** Subject pronouns of the plain present ("I ring", "they ring"). */
export const SUBJECTS: ReadonlySet<string> = new Set(["i", "we", "you", "they"]);
/** Subject pronouns of the third person singular ("she rings"). */
export const THIRD: ReadonlySet<string> = new Set(["he", "she", "it"]);
/** Adverbs that may stand between a subject and its verb ("I still ring", "she always calls"). */
export const BETWEEN: ReadonlySet<string> = new Set(
  "also always never still just really usually often only actually sometimes even".split(" "),
);
/** Determiners after which a question's "X's" is "X is" ("what date's the wedding"). */
export const DETERMINERS: ReadonlySet<string> = new Set(
  "the a an my your our his her their this that".split(" "),
);
/**
 * "got" is left unread (neither tense): English drops the "have" of the present "have got" in
 * speech and texting ("got a tattoo on my wrist" is one the speaker has), so a bare "got" is as
 * often present as past.
 */
export const UNREAD = "got";
/**
 * Past forms that are also the present's ("hit", "set", "quit"): past only where the present
 * would have taken "-s", after "he", "she", "it" or a name ("Dad hit a deer"); after "I", "we",
 * "you" or "they" either tense ("I hit the gym most days"), so read as neither.
 */
export const BASE_EQUAL: ReadonlySet<string> = new Set(BASE_EQUAL_PAST.split(" "));
/** Irregular past forms, read as past (not "got", nor those in {@linkcode BASE_EQUAL}). */
export const IRREGULAR: ReadonlySet<string> = new Set(
  IRREGULAR_PAST.split(" ").filter((form) => form !== UNREAD && !BASE_EQUAL.has(form)),
);
/**
 * Words that open a subordinate clause, whose tense is not the sentence's ("scared of dogs since
 * one bit me", "after the office was rewired, ..."): read to the clause's end.
 */
export const SUBORDINATORS: ReadonlySet<string> = new Set(
  ("since when because bc cos cuz after before until till while whilst although though if " +
    "unless once whenever whereas").split(" "),
);
/** Words that join two clauses; the one after may be a main clause again. */
export const JOINERS: ReadonlySet<string> = new Set(["and", "but", "so"]);
/** The present of "do" that carries a lexical verb in a question ("what does Dad like"). */
export const DO_SUPPORT: ReadonlySet<string> = new Set(
  "do does don't doesn't dont doesnt".split(" "),
);
/** The present of "have". */
export const HAVE: ReadonlySet<string> = new Set(["have", "has"]);
/** Determiners before an adjective in "-ed" ("the broken chair"); "that" is as often relative. */
export const ATTRIBUTIVE: ReadonlySet<string> = new Set(
  [...DETERMINERS].filter((word) => word !== "that"),
);
