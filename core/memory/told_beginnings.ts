/**
 * Verbs in the past that tell a beginning: a state that began and, unless something later ended
 * it, still holds ("I began working at Tesco", "she started taking sertraline", "I joined the
 * choir", "they married in June", "we adopted a grey cat", "Rafi was born in March"). English's
 * simple past of most verbs tells a finished occasion ("Pauline rang on Sunday"), but the past of
 * an inchoative or achievement verb names the moment a state set in, so the line tells what is
 * true now as well as a present line would ("where do I work", "does she take anything").
 * `told_tense.ts` leaves such a line out of the lines told only in the past.
 *
 * The verbs are a small closed class of the grammar, not words of any topic: the aspectual verbs
 * of beginning (begin, start, commence, take up, sign up), becoming (become, qualify, convert),
 * entering a relation, a group or a place (join, enrol, enlist, subscribe, marry, wed, move,
 * settle, switch), acquiring (buy, purchase, adopt, acquire, inherit, receive, hire) and being
 * placed in a state by another, told mostly in the passive (be born, promoted, appointed,
 * elected, diagnosed, prescribed). Verbs that begin a state only with a complement of their own
 * ("went vegan", "fell ill", "grew tired") are left out: without it they tell an occasion ("went
 * to Paris", "fell in the garden"), and telling the two apart needs more than the verb. One such
 * complement is read, as it is a closed class: "turned" and a cardinal, an age reached ("Kenzie
 * turned thirty last spring", {@linkcode reachesAge}). A verb with a particle ("took up running", "signed up for the choir") begins a state only
 * with its particle. Only a main clause's verb counts (`told_tense.ts` reads no subordinate
 * clause's): "Dad rang when we bought the house" tells a call.
 *
 * @module
 */
import { porterStem } from "./porter.ts";
import { opensWithTime } from "./time_words.ts";
import { COUNT_WORDS } from "./value_words.ts";

/**
 * The base forms of the verbs of beginning, becoming, joining and acquiring (see the module's
 * comment): their regular pasts are read by stem ("joined" → `join`).
 */
export const BEGINNING_VERBS =
  // Beginning, becoming.
  "begin start commence take sign become qualify convert " +
  // Entering a relation, a group or a place.
  "join enrol enroll enlist subscribe marry wed move settle switch " +
  // Acquiring.
  "buy purchase adopt acquire inherit receive hire " +
  // Being placed in a state by another (told mostly in the passive: "was born", "was promoted").
  "bear promote appoint elect diagnose prescribe";

/**
 * The irregular simple pasts of {@linkcode BEGINNING_VERBS} (and the participle "born", read after
 * "was" or "were") with their base forms, as WordNet's exception lists give them: the project's
 * shipped word relations hold each pair as forms of one word, and `told_events.ts`'s
 * `IRREGULAR_PAST` holds each form (a test checks both). Other participles ("begun", "taken")
 * come after "have" or "had", whose tense `told_tense.ts` reads from the auxiliary.
 */
export const BEGINNING_IRREGULAR: ReadonlyMap<string, string> = new Map([
  ["began", "begin"],
  ["became", "become"],
  ["bought", "buy"],
  ["took", "take"],
  ["born", "bear"],
]);

/** Verbs that begin a state only with their particle ("took up", "signed up"), and the particle. */
export const BEGINNING_PARTICLES: ReadonlyMap<string, string> = new Map([
  ["take", "up"],
  ["sign", "up"],
]);

/**
 * How many words the particle may come after its verb: one object between them ("signed Mia up
 * for swimming").
 */
export const PARTICLE_REACH = 2;

const STEMS: ReadonlyMap<string, string> = new Map(
  BEGINNING_VERBS.split(" ").map((base) => [porterStem(base), base]),
);

/** The base form of `word` when it is a past form of a verb of {@linkcode BEGINNING_VERBS}. */
function beginningBase(word: string): string | undefined {
  const irregular = BEGINNING_IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  // Only a form in "-ed": "starts" or "joining" is no past.
  return /^\p{Ll}{2,}ed$/u.test(word) ? STEMS.get(porterStem(word)) : undefined;
}

/** The aspectual verbs, whose gerund or infinitive complement may tell one occasion's onset. */
const ASPECTUAL: ReadonlySet<string> = new Set(["begin", "start", "commence"]);

/**
 * Words that open a subordinate clause of one moment ("I started crying when Mum rang") or name
 * one occasion's time ("yesterday", "tonight", "this morning", "last night", "just now"): after
 * an aspectual verb's gerund or infinitive they make it the onset of that occasion, not of a
 * habit. A closed class of English's deictic times and temporal subordinators.
 */
const ONE_OCCASION: ReadonlySet<string> = new Set(
  "when while yesterday tonight today earlier".split(" "),
);
/**
 * Subject pronouns after which "as" opens a clause of one moment ("began to laugh as he walked
 * in"); before anything else "as" names a role ("started working as a nurse": a job begun).
 */
const AS_SUBJECTS: ReadonlySet<string> = new Set("i you he she we they".split(" "));
/** The parts of a day that "this" or "last" make one occasion ("this morning", "last night"). */
const DAY_PARTS: ReadonlySet<string> = new Set(["morning", "afternoon", "evening", "night"]);

/**
 * How many words after an aspectual verb's gerund or infinitive are read for
 * {@linkcode ONE_OCCASION}: its own complement ("crying at the vet") comes first.
 */
export const OCCASION_REACH = 5;

/**
 * Quantifiers after "took up" that make it "occupied" ("Sam took up a lot of the evening", "it
 * took up the whole afternoon"), not the beginning of a pastime.
 */
const AMOUNTS: ReadonlySet<string> = new Set(
  "lot lots much most all half whole more".split(" "),
);

/**
 * Whether the aspectual verb at `at` takes a gerund or an infinitive ("started crying", "began
 * to cry") that tells one occasion: nothing follows it, or within {@linkcode OCCASION_REACH}
 * words a word of {@linkcode ONE_OCCASION} or "this"/"last"/"just" before a part of the day or
 * "now". A habit's complement names what it is ("started taking sertraline", "began working at
 * Tesco") and says no single time.
 */
function tellsOccasion(folded: readonly string[], at: number): boolean {
  const first = folded[at + 1];
  let from: number;
  if (first === "to") from = at + 3;
  else if (first !== undefined && /^\p{Ll}{2,}ing$/u.test(first)) from = at + 2;
  else return false;
  if (from >= folded.length) return true;
  for (let next = from; next < from + OCCASION_REACH && next < folded.length; next++) {
    const word = folded[next]!;
    const after = folded[next + 1] ?? "";
    if (ONE_OCCASION.has(word) || (word === "as" && AS_SUBJECTS.has(after))) return true;
    if ((word === "this" || word === "last") && DAY_PARTS.has(after)) return true;
    if (word === "just" && after === "now") return true;
  }
  return false;
}

/**
 * Whether the particle at `particle` after the particle verb at `at` gives it another reading
 * than a beginning: "took it up with the manager" (raised a matter: an object between, then
 * "with"), "took up a lot of the evening" (occupied: an amount, {@linkcode AMOUNTS}).
 */
function otherParticleReading(folded: readonly string[], at: number, particle: number): boolean {
  if (particle > at + 1 && folded[particle + 1] === "with") return true;
  return folded.slice(particle + 1, particle + 3).some((word) => AMOUNTS.has(word));
}

/**
 * How many words after "for" a span of time is read in ({@linkcode boundedBySpan}): "the", then
 * the leads of a time and its word ("for the next couple of weeks"). Four were read before
 * (mut58): "the next couple of" filled them, and the span's own word ("weeks") was never seen.
 */
export const SPAN_WORDS = 5;

/**
 * Whether a span of time bounds what the verb at `at` began, within {@linkcode OCCASION_REACH}
 * words after its object: "for" and a time ("hired a car for the weekend", "joined the gym for a
 * month", "moved to Leeds for a year"). English's duration adjunct tells how long the state held
 * or will hold, so it ends and tells no state of now (a yearly occasion is no span: "bought it
 * for Christmas" is read by `opensWithTime`'s rule).
 */
function boundedBySpan(folded: readonly string[], at: number): boolean {
  for (let next = at + 1; next <= at + OCCASION_REACH + 1 && next < folded.length; next++) {
    if (folded[next] !== "for") continue;
    const after = folded.slice(next + 1, next + 1 + SPAN_WORDS);
    if (opensWithTime(after[0] === "the" ? after.slice(1) : after)) return true;
  }
  return false;
}

/** English's cardinals in words, one to ninety: an age after "turned" ("turned thirty"). */
const CARDINALS: ReadonlySet<string> = new Set([
  ...COUNT_WORDS,
  ..."eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(" "),
  ..."twenty thirty forty fifty sixty seventy eighty ninety".split(" "),
]);

/**
 * What may follow an age after "turned" in its clause, besides a time ({@linkcode reachesAge}):
 * a preposition of time ("turned 35 in May", "on Saturday"), "last"/"this", a conjunction, or a
 * subject pronoun opening the next sentence ("Mila turned five. She ...": the words carry no
 * stops). A particle ("turned one down"), a place's preposition ("turned 180 at the
 * roundabout") or a score ("turned 2 nil") is another verb's use (review45b L1).
 */
const AFTER_AGE: ReadonlySet<string> = new Set(
  "in on last this and but so when i he she we they".split(" "),
);

/** Units an age is counted in before "old" ("turned 3 months old"). */
const AGE_UNITS: ReadonlySet<string> = new Set(
  "year years month months week weeks day days".split(" "),
);

/**
 * Whether "turned" at `at` reaches an age: a cardinal follows, ending the words, or followed by
 * "old", a unit and "old" ("turned 3 months old"), a time ("turned thirty last spring") or a
 * word of {@linkcode AFTER_AGE} ("turned 35 in May"); not a count of things ("turned two pages",
 * "turned 90 degrees") nor another use ("turned one down"). Being that age began then and holds
 * now (review44c: "last spring" read it as over).
 */
function reachesAge(folded: readonly string[], at: number): boolean {
  if (folded[at] !== "turned") return false;
  const number = folded[at + 1] ?? "";
  if (!CARDINALS.has(number) && !/^\d{1,3}$/.test(number)) return false;
  const next = folded[at + 2];
  if (next === undefined || next === "old" || AFTER_AGE.has(next)) return true;
  if (AGE_UNITS.has(next)) return folded[at + 3] === "old";
  return opensWithTime(folded.slice(at + 2, at + 2 + SPAN_WORDS));
}

/**
 * Whether the past form at `at` of `folded` (lower-cased words in order) is a verb of beginning
 * ({@linkcode BEGINNING_VERBS}, {@linkcode BEGINNING_IRREGULAR}), with its particle within
 * {@linkcode PARTICLE_REACH} words when it needs one ({@linkcode BEGINNING_PARTICLES}) and read
 * as a beginning (not "took it up with"), or "turned" with an age ({@linkcode reachesAge}); no span that bounds it ({@linkcode boundedBySpan}:
 * "hired a car for the weekend"), and, for begin or start with a gerund or infinitive, no one
 * occasion's time ({@linkcode tellsOccasion}: "I started crying when Mum rang").
 */
export function beginsState(folded: readonly string[], at: number): boolean {
  if (reachesAge(folded, at)) return true;
  const base = beginningBase(folded[at] ?? "");
  if (base === undefined || boundedBySpan(folded, at)) return false;
  if (ASPECTUAL.has(base)) return !tellsOccasion(folded, at);
  const particle = BEGINNING_PARTICLES.get(base);
  if (particle === undefined) return true;
  for (let next = at + 1; next <= at + PARTICLE_REACH && next < folded.length; next++) {
    if (folded[next] === particle) return !otherParticleReading(folded, at, next);
  }
  return false;
}
