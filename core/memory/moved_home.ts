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
  readonly places: ReadonlySet<string>;
}

/**
 * The most sentences with the verb read per text, and names and places per sentence: a real
 * memory tells one or two homes or moves, of a name or two and a place or two. Each pair of
 * compared memories read every move against every home, name against name (attack31 G2: 5-12 ms
 * a pair of long texts, up to 225 pairs a search, on every search).
 */
export const RESIDENCES_READ = 16;
/** See {@linkcode RESIDENCES_READ}. */
export const NAMES_READ = 8;

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
    .filter((name) => name !== "" && !NO_NAMES.has(name))
    .slice(0, NAMES_READ);
  const places = [...sentence.matchAll(PLACE)].map((place) => words(place[1]!)[0] ?? "")
    .filter((place) => place !== "" && !TIME_NAMES.test(place))
    .slice(0, NAMES_READ);
  const self = names.length === 0 && /^(?:i|we)$/i.test(last?.[0] ?? "");
  return { self, names, places: new Set(places) };
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
    if (found.length === RESIDENCES_READ) break;
  }
  return found;
}

const movesTo = rememberedByText((text) => residencesBy(text, MOVES), { everyCandidate: true });

/** Where an older text tells its subjects live, as {@linkcode movedAway} asks it of each move. */
interface Homes {
  /** The places the persona or its household lives in ("I live in Lyon"). */
  readonly self: ReadonlySet<string>;
  /** The places each name lives in ("Felix lives in Berlin": felix → berlin). */
  readonly byName: ReadonlyMap<string, ReadonlySet<string>>;
  /** The text's words: a move to a place it names moves nowhere new. */
  readonly named: ReadonlySet<string>;
}

/** The homes `text` tells of a place (none: `undefined`), read once per text, not per pair. */
const homesOf = rememberedByText((text): Homes | undefined => {
  const lives = residencesBy(text, RESIDES).filter((home) => home.places.size > 0);
  if (lives.length === 0) return undefined;
  const self = new Set<string>();
  const byName = new Map<string, Set<string>>();
  for (const home of lives) {
    const held = home.self ? [self] : [];
    for (const name of home.names) {
      held.push(byName.get(name) ?? byName.set(name, new Set()).get(name)!);
    }
    for (const places of held) for (const place of home.places) places.add(place);
  }
  return { self, byName, named: new Set(words(text)) };
});

/**
 * Whether `places` hold one `other` does not: a move's, one the older text does not name; a
 * subject's homes', one the move is not to.
 */
function holdsOther(places: ReadonlySet<string> | undefined, other: ReadonlySet<string>): boolean {
  if (places === undefined) return false;
  for (const place of places) if (!other.has(place)) return true;
  return false;
}

/** Whether `text` tells a move of its subject to a place (`movedAway`'s newer side). */
export function tellsMove(text: string): boolean {
  return movesTo(text).length > 0;
}

/**
 * Whether `newer` tells its subject moved to a place `older` does not name, and `older` tells that
 * same subject (the persona's in both, or a name both hold) lives in another place. A home of
 * one subject in another place is one of the places all its homes name ({@linkcode Homes}), so
 * each move is looked up by its subject, not compared with each home.
 */
export function movedAway(older: string, newer: string): boolean {
  const moves = movesTo(newer);
  if (moves.length === 0) return false;
  const homes = homesOf(older);
  if (homes === undefined) return false;
  return moves.some((move) =>
    holdsOther(move.places, homes.named) &&
    ((move.self && holdsOther(homes.self, move.places)) ||
      move.names.some((name) => holdsOther(homes.byName.get(name), move.places)))
  );
}
