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
 * ("went vegan", "fell ill", "grew tired", "turned five") are left out: without it they tell an
 * occasion ("went to Paris", "fell in the garden"), and telling the two apart needs more than the
 * verb. A verb with a particle ("took up running", "signed up for the choir") begins a state only
 * with its particle. Only a main clause's verb counts (`told_tense.ts` reads no subordinate
 * clause's): "Dad rang when we bought the house" tells a call.
 *
 * @module
 */
import { porterStem } from "./porter.ts";

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

/**
 * Whether the past form at `at` of `folded` (lower-cased words in order) is a verb of beginning
 * ({@linkcode BEGINNING_VERBS}, {@linkcode BEGINNING_IRREGULAR}), with its particle within
 * {@linkcode PARTICLE_REACH} words when it needs one ({@linkcode BEGINNING_PARTICLES}).
 */
export function beginsState(folded: readonly string[], at: number): boolean {
  const base = beginningBase(folded[at] ?? "");
  if (base === undefined) return false;
  const particle = BEGINNING_PARTICLES.get(base);
  if (particle === undefined) return true;
  for (let next = at + 1; next <= at + PARTICLE_REACH && next < folded.length; next++) {
    if (folded[next] === particle) return true;
  }
  return false;
}
