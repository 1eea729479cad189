/**
 * A prospect met (issue 9, session 48): an older memory tells of something awaited — saved up
 * for, waited for, trained for, applied for, on a waiting list for, or due ("im saving up for a
 * steam deck", "baby due 30 April") — and a newer one tells, in the past, an event of that very
 * thing ("bought the steam deck!!!", "Sam had her baby"). The awaited thing is then had, done or
 * born: the older memory's state (saving, waiting, expecting) is over, whatever words of change
 * the newer one lacks. English marks a prospect with a closed class of frames (a verb of
 * awaiting and "for", or "due"; "have" and a time ahead for an event scheduled,
 * `scheduled_events.ts`, session 49; "pregnant" for a child), and a prospect met with a verb in
 * the past whose clause names the awaited thing; neither needs a word of the sets or the meaning
 * of a verb.
 *
 * Bounds: only the head of what is awaited counts (the last word of the noun phrase after the
 * frame, or the word right before "due"), so a newer memory that merely shares another word of
 * the older one ("I washed the car" after "I'm saving for a car trip": the head is "trip") is no
 * prospect met; the newer clause's subject must be the older one's own (no one the older memory
 * does not name: "Jayden bought a steam deck" does not end the persona's own saving); and a newer
 * memory that awaits the same thing again ("saved another £50 for the steam deck") meets nothing.
 *
 * @module
 */
import { isContentWord, stem, terms } from "./text.ts";
import { NEGATIONS } from "./negations.ts";
import { TIME_WORDS } from "./time_words.ts";
import { IRREGULAR_PAST } from "./told_events.ts";
import { awaitedHeadsOfText, scheduledHeadsOfText } from "./awaited_heads.ts";
import { awaitsChild, BORN_HEADS } from "./awaiting_states.ts";
import { CLAUSE_END, headAfter, NOUN_OPENERS, phraseWords, REGULAR_PAST } from "./noun_heads.ts";

/** The most clauses of a newer text {@linkcode meetsProspect} reads. */
export const CLAUSES_READ = 32;

/** A verb in the past: an irregular past, "had", or a regular past in -ed. */
const IRREGULAR: ReadonlySet<string> = new Set([...IRREGULAR_PAST.split(" "), "had"]);

/** The stems of the verbs of awaiting: a clause saying one awaits again ("saved another £50 for"). */
const AWAITING: ReadonlySet<string> = new Set(["save", "wait", "train", "appli", "queu", "queue"]);

/**
 * Verbs that tell an event put off or called off, not held: "the driving test got moved to June",
 * "I cancelled the interview". A closed class; "pushed", "put" and "called" only with the particle
 * that makes them so ("pushed back", "put off", "called off").
 */
const UNHELD: ReadonlySet<string> = new Set(
  "moved postponed cancelled canceled rescheduled delayed".split(" "),
);
const UNHELD_WITH: ReadonlyMap<string, string> = new Map([
  ["pushed", "back"],
  ["put", "off"],
  ["called", "off"],
]);

/** Auxiliaries of the passive, whose participle tells the deed ("got moved", "was called off"). */
const PASSIVE_AUXILIARIES: ReadonlySet<string> = new Set(["got", "was", "were", "been"]);

/** Whether the word at `at` of `found` puts off or calls off ("moved", "pushed back"). */
function putsOff(found: readonly string[], at: number): boolean {
  const verb = found[at];
  if (verb === undefined) return false;
  return UNHELD.has(verb) || (UNHELD_WITH.has(verb) && found[at + 1] === UNHELD_WITH.get(verb));
}

/** Verbs that have a deed done by another: "I had the interview moved", "got it cancelled". */
const CAUSATIVES: ReadonlySet<string> = new Set(["had", "got"]);

/**
 * Whether the past verb at `verbAt` of a clause's `found` words, the participle after it and the
 * passive's auxiliaries ("got moved", "had been postponed"), or the participle after a
 * causative's object ("had the interview moved to Monday") tells its event put or called off.
 */
function unheld(found: readonly string[], verbAt: number): boolean {
  let at = verbAt;
  // Past the passive's auxiliaries, "had been" among them ("had been postponed").
  while (
    PASSIVE_AUXILIARIES.has(found[at] ?? "") || (found[at] === "had" && found[at + 1] === "been")
  ) at++;
  if (putsOff(found, at)) return true;
  if (!CAUSATIVES.has(found[verbAt]!)) return false;
  // Past the causative's object, a noun phrase ("had it moved" names no awaited thing anyway).
  at = verbAt + 1;
  while (NOUN_OPENERS.has(found[at] ?? "")) at++;
  while (at < found.length && isContentWord(found[at]!) && !putsOff(found, at)) at++;
  return putsOff(found, at);
}

/** Adverbs that may come between a subject and its verb ("finally bought", "just had"). */
export const ADVERB = /ly$|^(?:just|already|finally|eventually|now|then|at|last)$/;

/**
 * The modal verbs (a closed class, with the clitic "'ll"): "should have bought", "could've
 * bought", "will have bought" tell an event that did not, or has yet to, happen.
 */
export const MODALS: ReadonlySet<string> = new Set(
  "will ll would shall should can could may might must ought".split(" "),
);

/** Subordinators that open a condition: "if I bought the car I'd be broke" tells no purchase. */
export const CONDITIONS: ReadonlySet<string> = new Set([
  "if",
  "unless",
  "whether",
  "suppose",
  "supposing",
]);

/**
 * Words before "may" that make it the month, not the modal ("In May I bought", "since May"): the
 * prepositions of time, "last" and "mid". A modal follows its subject, never one of these.
 */
const MONTH_LEADS: ReadonlySet<string> = new Set(
  "in since until till from of last mid".split(" "),
);

/** Whether the word at `at` of `found` is the month "may", not the modal. */
function monthMay(found: readonly string[], at: number): boolean {
  return found[at] === "may" && MONTH_LEADS.has(found[at - 1] ?? "");
}

/**
 * Whether a clause (its `found` words, its past verb at `verbAt`) tells its event as not real:
 * denied ("haven't bought", "never bought": a word of `NEGATIONS` or "never"), under a modal
 * before the verb ("should have bought", "I'd have bought"; the month "May" is none), intended ("was going to buy",
 * "gonna"), or a condition ("if I bought …"). Each is a closed class of English grammar.
 */
function unreal(found: readonly string[], verbAt: number): boolean {
  if (CONDITIONS.has(found[0]!)) return true;
  return found.some((word, at) =>
    NEGATIONS.has(word) || word === "never" || word === "gonna" ||
    (word === "going" && found[at + 1] === "to") ||
    (at < verbAt && (
      (MODALS.has(word) && !monthMay(found, at)) ||
      (word === "d" && /^(?:have|ve)$/.test(found[at + 1]!))
    ))
  );
}

/** Object pronouns that may stand as an indirect object before a verb's direct object. */
const INDIRECT_OBJECTS: ReadonlySet<string> = new Set(
  "me myself us ourselves you yourself yourselves him himself herself them themselves".split(" "),
);

/** Particles of phrasal verbs before "for" ("signed up for", "paid out for"): a closed class. */
const PARTICLES: ReadonlySet<string> = new Set(["up", "in", "out", "off", "on", "down"]);

/**
 * The stem of the head of the noun phrase after a past verb's "for" (past a particle): the
 * awaiting frame's own preposition, so the event is for the awaited thing ("signed up for the
 * full 42 km marathon", "paid for the steam deck"). Numbers and their units inside the phrase
 * are part of it; the phrase ends at the first word of grammar past its openers.
 */
function headOfFor(found: readonly string[], verbAt: number): string | undefined {
  let at = verbAt + 1;
  if (PARTICLES.has(found[at]!)) at++;
  if (found[at] !== "for") return undefined;
  for (at++; at < found.length && NOUN_OPENERS.has(found[at]!); at++);
  let head: string | undefined;
  for (; at < found.length; at++) {
    const word = found[at]!;
    if (/^\d/.test(word)) continue;
    if (!isContentWord(word) || TIME_WORDS.has(word)) break;
    head = word;
  }
  return head === undefined ? undefined : stem(head);
}

/**
 * The scheduled event (one of `events`) a clause's `found` words tell as the subject of the past
 * verb at `verbAt`: the stem of the word right before it, when it is one of them.
 */
function subjectEvent(
  found: readonly string[],
  at: { verbAt: number; events: readonly string[] },
): string | undefined {
  const word = found[at.verbAt - 1];
  if (word === undefined || !isContentWord(word)) return undefined;
  const head = stem(word);
  return at.events.includes(head) ? head : undefined;
}

/**
 * Whether one clause of `newer` tells, in the past, an event of a thing `older` awaits
 * ({@linkcode awaitedHeads}): the awaited head heads the object of a verb in the past (the noun
 * phrase right after it: "bought the steam deck", not "talked about the car", "watched a review
 * of the steam deck" nor "bought a house plant" after "saving for a house"), every content word
 * before that verb is the older memory's own (its subject: "Sam had her baby" after "Sam ... baby
 * due"; not "Jayden bought a steam deck" after "im saving up for a steam deck") or an adverb, the
 * clause tells the event as real (not {@linkcode unreal}: "I haven't bought the steam deck yet"),
 * and neither the clause nor `newer` awaits again. An event `older` schedules
 * ({@linkcode scheduledHeads}) is met as the subject of a past verb too: "The interview went
 * well" tells it took place (not so a thing awaited: "the bus was late" after "waiting for the
 * bus").
 */
export function meetsProspect(older: string, newer: string): boolean {
  const awaited = awaitedHeadsOfText(older);
  if (awaited.length === 0) return false;
  const again = new Set(awaitedHeadsOfText(newer));
  const olderTerms = new Set(terms(older));
  const events = scheduledHeadsOfText(older);
  const clauses = newer.split(CLAUSE_END, CLAUSES_READ);
  return clauses.some((clause) => {
    const found = phraseWords(clause);
    const stems = found.map((word) => isContentWord(word) ? stem(word) : "");
    return found.some((verb, verbAt) => {
      if (!IRREGULAR.has(verb) && !REGULAR_PAST.test(verb)) return false;
      // Put off or called off, the event has not taken place ("the test got moved to June").
      if (unheld(found, verbAt)) return false;
      // A past verb of awaiting tells the awaiting, not the event: "I saved for the steam deck".
      if (AWAITING.has(stems[verbAt]!)) return false;
      const after = found.slice(verbAt + 1);
      // An indirect object before the direct one ("bought myself the steam deck").
      if (INDIRECT_OBJECTS.has(after[0]!)) after.shift();
      const object = headAfter(after.join(" ")) ?? headOfFor(found, verbAt);
      const met = object !== undefined && awaited.includes(object)
        ? object
        : subjectEvent(found, { verbAt, events });
      if (met === undefined || again.has(met)) return false;
      // A child "pregnant" awaits is born, told with "had" ("Maja had the baby"), not any deed
      // done to a child ("I taught my daughter to ride a bike").
      if (BORN_HEADS.includes(met) && awaitsChild(older) && verb !== "had") return false;
      if (unreal(found, verbAt)) return false;
      return found.slice(0, verbAt).every((word, at) =>
        !isContentWord(word) || ADVERB.test(word) || stems[at] === met ||
        olderTerms.has(stems[at]!)
      );
    });
  });
}

/**
 * Whether the query (its stemmed `terms`) names a thing `older` awaits ({@linkcode awaitedHeads}):
 * it asks about that thing, so a newer memory that tells it met answers it, however little else
 * of the query it says ("how much have we saved for the campervan" after "We finally bought the
 * campervan"), as a query naming a restated slot does (`slotAsked`).
 */
export function prospectAsked(older: string, terms: readonly string[] | undefined): boolean {
  return terms !== undefined && awaitedHeadsOfText(older).some((head) => terms.includes(head));
}
