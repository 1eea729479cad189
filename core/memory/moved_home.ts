/**
 * A move to another place (`unlinked_updates.ts`): "I moved to Porto in September and now rent a
 * house by the sea" after "I live in a small flat in Lyon near the river"; "Felix relocated to
 * Lisbon for a new job" after "My brother Felix lives in Berlin". The newer memory names a place
 * the older one does not, the older one tells where its subject lives in another place, and the
 * two tell of the same one: the persona or its household ("I", "we") in both, or a name both say.
 * The new place aligns with nothing of the old one (a city for a city, a name for a name: the
 * two share no word and little meaning), and the newer memory says few of a question's words
 * ("Where do I live?"), so neither overlap nor the query tells the pair: the grammar does. A move
 * of something else ("We moved Biscuit to another clinic": the verb takes an object) or of
 * someone else ("My friend moved to Leeds" after "I live in Lyon") is none.
 *
 * @module
 */
import { words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/** A sentence's end. */
const SENTENCE = /[^.!?;\n]+/g;
/** A verb that tells where its subject lives now, and where it is read from. */
const RESIDES = /\b(?:live|lives|living|rent|rents|renting|reside|resides|based)\b/i;
/** A move of the subject itself: the verb, an adverb of where, then "to", "into" or "in". */
const MOVES =
  /\b(?:moved|moving|relocated|relocating|emigrated)(?:\s+(?:back|over|abroad|away|home))?\s+(?:to|into|in)\b/i;
/** A name of a place: a capitalised word right after a preposition of place. */
const PLACE = /\b(?:in|to|into|at|near|outside|of)\s+(?:the\s+)?(\p{Lu}[\p{L}'’-]*)/gu;
/** Capitalised words after "in" or "at" that name a time, not a place. */
const TIME_NAMES =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|easter|spring|summer|autumn|fall|winter)$/;
/** Capitalised words of a subject that are no name. */
const NO_NAMES: ReadonlySet<string> = new Set(["i", "my", "our", "the", "we", "his", "her"]);

/** Where a text tells its subject lives, or moved to. */
interface Residence {
  /** The subject is the persona or its household ("I", "we"). */
  readonly self: boolean;
  /** The names the subject holds, folded ("felix"). */
  readonly names: readonly string[];
  /** The places the sentence names, folded ("lyon"). */
  readonly places: readonly string[];
}

/**
 * Where the clause of the verb starts: after a comma or a word that opens a clause or reports
 * one ("I heard that Tom moved", "our neighbours, who moved", "I miss Anna since she moved").
 */
const CLAUSE =
  /^.*(?:[,:]|\b(?:who|that|which|when|after|since|because|as|before|until|while|heard|told|said|says)\b)/is;
/** Pronouns that are a verb's subject: the last one in the clause tells who acts. */
const SUBJECTS = /\b(?:I|we|he|she|they|who|you|it)\b/gi;
/** A move only thought of, asked or refused ("thinking about moving", "would never consider"). */
const HYPOTHETICAL =
  /\b(?:about|consider|considering|considered|thinking|would|might|should|could|if|whether)\b/i;

/**
 * The subject before `at` in `sentence`, and the places the sentence names: the last pronoun in
 * the verb's clause, or the names after it — not an "I" that only heard or helped ("I heard
 * that Tom moved", "I helped my brother when he moved"), nor a name that owns the subject
 * ("Felix's girlfriend moved").
 */
function residence(sentence: string, at: number): Residence {
  const clause = sentence.slice(0, at).replace(CLAUSE, "");
  const pronouns = [...clause.matchAll(SUBJECTS)];
  const last = pronouns.at(-1);
  const after = last === undefined ? clause : clause.slice(last.index + last[0].length);
  // A name owning the subject ("Felix's") or after a preposition ("outside Linz") acts in nothing.
  const names = [
    ...after.matchAll(
      /(?<!\b(?:in|to|into|at|near|outside|of|from|by|with|for)\s+)\p{Lu}[\p{L}'’-]*/gu,
    ),
  ]
    .filter((name) => !/['’]s?$/u.test(name[0]))
    .map((name) => words(name[0])[0] ?? "")
    .filter((name) => name !== "" && !NO_NAMES.has(name));
  const places = [...sentence.matchAll(PLACE)].map((place) => words(place[1]!)[0] ?? "")
    .filter((place) => place !== "" && !TIME_NAMES.test(place));
  const self = names.length === 0 && /^(?:i|we)$/i.test(last?.[0] ?? "");
  return { self, names, places };
}

/** The residences `text` tells by `verb`, one per sentence that says it. */
function residencesBy(text: string, verb: RegExp): Residence[] {
  const found: Residence[] = [];
  for (const { 0: sentence, index } of text.matchAll(SENTENCE)) {
    const match = verb.exec(sentence);
    if (match === null) continue;
    // A question or a move only thought of tells no move made.
    const asked = text[index + sentence.length] === "?";
    if (verb === MOVES && (asked || HYPOTHETICAL.test(sentence.slice(0, match.index)))) continue;
    found.push(residence(sentence, match.index));
  }
  return found;
}

const livesIn = rememberedByText((text) => residencesBy(text, RESIDES));
const movesTo = rememberedByText((text) => residencesBy(text, MOVES));

/** Whether `text` tells a move of its subject to a place (`movedAway`'s newer side). */
export function tellsMove(text: string): boolean {
  return movesTo(text).length > 0;
}

/** Whether two residences are of one subject: the persona's in both, or a name both hold. */
function sameDweller(a: Residence, b: Residence): boolean {
  return (a.self && b.self) || a.names.some((name) => b.names.includes(name));
}

/**
 * Whether `newer` tells its subject moved to a place `older` does not name, and `older` tells that
 * same subject lives in another place ({@linkcode sameDweller}).
 */
export function movedAway(older: string, newer: string): boolean {
  const moves = movesTo(newer);
  if (moves.length === 0) return false;
  const lives = livesIn(older).filter((home) => home.places.length > 0);
  if (lives.length === 0) return false;
  const named = new Set(words(older));
  return moves.some((move) =>
    move.places.some((place) => !named.has(place)) &&
    lives.some((home) =>
      sameDweller(home, move) && home.places.some((place) => !move.places.includes(place))
    )
  );
}
