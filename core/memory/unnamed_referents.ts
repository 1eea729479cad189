/**
 * Whether a line that lacks the name a question asks about could still speak of that person
 * (issue 9, session 43). "Is Tobi allergic to peanuts?" is about Tobi; "peanut allergy is the most
 * common food allergy in kids, apparently" shares its rare words but speaks of no one in
 * particular, and "Kieran's left Google and moved to Lisbon" speaks of Kieran. Both already lose
 * `UNNAMED` for lacking the name, yet a short line on the rare words outscores a long one that
 * tells the answer. A line can speak of a person it does not name only through a word that stands
 * for one, and English gives a closed class of them: the third-person and group pronouns (he, his,
 * she, her, they, their, we, our: "his EpiPens are in his bag"), a word for a person ("my son",
 * "Dad", "the boy": `isPersonWord`), and a plural of one under a determiner ("the kids", "our
 * boys": a bare plural, "allergies in kids", is generic and names no one). English puts what a
 * sentence is about first, as its subject or its owner: when the first person a line speaks of is
 * a name ("Kieran's ...", "Aunty Bimpe takes ...", `personsNamed`), the pronouns and person words
 * after it are that person's ("... with his boyfriend"), and the line is someone else's.
 *
 * So a line lacking the asked name whose first person is someone named, or that speaks of no
 * person at all (a thing, the speaker's own "I"), loses {@linkcode NO_REFERENT} of its score on
 * top of `UNNAMED`; a line whose first person is a pronoun or a person word may be the asked
 * person's and loses nothing more. The text is read once, word by word: linear in its length.
 *
 * @module
 */
import { isPersonWord, personsNamed } from "./pronoun_referents.ts";
import { NOT_NAMES } from "./shared_names.ts";
import { stem } from "./text.ts";
import { speaksOfUser } from "./user_voice.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * Share of the score a line lacking the question's name loses, beyond `UNNAMED`, when no word of
 * it can stand for the person asked about ({@linkcode mayReferToAsked}): it is about someone
 * else or no one. With `UNNAMED` (0.2) such a line keeps 0.8 · 0.8 = 0.64 of its score.
 */
export const NO_REFERENT = 0.2;

/**
 * Pronouns that may stand for a person a line does not name: third person and the group's ("we
 * went to the allergist" may hold the child asked about). Folded; a closed class.
 */
const REFERRING_PRONOUNS: ReadonlySet<string> = new Set(
  ("he him his himself she her hers herself they them their theirs themselves " +
    "we us our ours ourselves").split(" "),
);

/** Words that make a plural specific ("the kids", "our boys"); without one it is generic. */
const DETERMINERS: ReadonlySet<string> = new Set(
  "the my our your his her their these those both all".split(" "),
);

/** Plurals of person words that do not add "s" (the rest do: "kids", "sisters"). */
const IRREGULAR_PLURALS: ReadonlyMap<string, string> = new Map([
  ["children", "child"],
  ["men", "man"],
  ["women", "woman"],
  ["grandchildren", "grandchild"],
]);

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const CLITIC = /['’](?:s|d|ll|re|ve|m)$/u;
const CAPITALISED = /^\p{Lu}/u;
const ASCII = /^[ -~]*$/;

/** `raw` folded: lower case, accents and a clitic ("'s") dropped. */
function fold(raw: string): string {
  const lower = raw.replace(CLITIC, "").toLowerCase();
  // Most words are plain printable ASCII: only the others may have accents to drop.
  return ASCII.test(lower) ? lower : lower.normalize("NFKD").replace(/\p{M}/gu, "");
}

/** First-person singular words: the speaker, one of a question's people when it speaks so. */
const FIRST_PERSON: ReadonlySet<string> = new Set(["i", "me", "my", "mine", "myself"]);

/**
 * Words that open a noun phrase: a capitalised word right after one modifies the phrase's noun
 * ("her Deliveroo shifts", "the Bristol half marathon"), as a brand, a place or a nationality
 * does. A person's name takes no determiner in English ("the Tobi" is not said) and owns a noun
 * only with "'s", so such a word is no person's name.
 */
const NOUN_PHRASE_OPENERS: ReadonlySet<string> = new Set(
  "the a an my your his her its our their this that these those".split(" "),
);

/** What a question itself speaks of besides its names ({@linkcode askedPeople}). */
export interface AskedPeople {
  /** The person words it holds, singular ("dad" of "where do Arvid and dad live"). */
  words: ReadonlySet<string>;
  /**
   * Whether it speaks of the speaker: in the first person singular ("what do I do with Anto")
   * or of the user in the third person ("When does the user do her shifts?", `speaksOfUser`).
   */
  speaker: boolean;
  /**
   * Its capitalised words right after a determiner or possessive ({@linkcode NOUN_PHRASE_OPENERS})
   * and its days, months and feasts (`NOT_NAMES`), as terms: names of things and times, not of
   * people ("deliveroo" of "her Deliveroo shifts", "thursdai" of "lessons on Thursday").
   */
  thingNames: ReadonlySet<string>;
}

/** What a question speaks of besides its names (see {@linkcode AskedPeople}). */
export function askedPeople(question: string): AskedPeople {
  const words = new Set<string>();
  const thingNames = new Set<string>();
  let speaker = speaksOfUser(question);
  let previous = "";
  for (const match of question.matchAll(TOKEN)) {
    const folded = fold(match[0]);
    if (FIRST_PERSON.has(folded)) speaker = true;
    const single = singularPerson(folded);
    if (single !== undefined) words.add(single);
    // A day, a month or a feast ("on Thursday", "in August", `NOT_NAMES`) names a time.
    if (
      CAPITALISED.test(match[0]) && (NOUN_PHRASE_OPENERS.has(previous) || NOT_NAMES.has(folded))
    ) {
      thingNames.add(stem(folded));
    }
    previous = folded;
  }
  return { words, speaker, thingNames };
}

/**
 * Whether any of a question's `names` (terms) may be a person's: one it does not write as a
 * thing's ({@linkcode AskedPeople.thingNames}). Only a person is spoken of by pronoun and person
 * word, so only then does a line that has neither lose {@linkcode NO_REFERENT}.
 */
export function namesSomePerson(names: readonly string[], asked: AskedPeople): boolean {
  return names.some((name) => !asked.thingNames.has(name));
}

/** The singular of a person word or of its plural ("kids": "kid"), else undefined. */
function singularPerson(folded: string): string | undefined {
  if (isPersonWord(folded)) return folded;
  const irregular = IRREGULAR_PLURALS.get(folded);
  const single = irregular ?? (folded.endsWith("s") ? folded.slice(0, -1) : "");
  return isPersonWord(single) ? single : undefined;
}

/**
 * What a line's words tell of the persons it may speak of, whatever the question: read once per
 * text and remembered (`text_memo.ts`), since a search asks it of each candidate lacking the
 * asked name and the same memories are candidates search after search (each reading folded and
 * tokenised the line twice, ~6 % of a chat's allocation, perf72).
 */
interface LinePersons {
  /** The singular of each person word or determined-or-not plural of one, in order (repeats kept). */
  singles: readonly string[];
  /**
   * Where its first referring pronoun, person word or determined plural of one stands, or
   * `Infinity`.
   */
  referringAt: number;
  /** Where its first first-person singular word stands ("I", "my"), or `Infinity`. */
  firstPersonAt: number;
  /** Where the first person it names by name (`personsNamed`, not a person word) stands, or `Infinity`. */
  namedAt: number;
  /** Whether it tells of the user in the third person ("User ...", `speaksOfUser`). */
  ofUser: boolean;
}

/** Reads {@linkcode LinePersons} of `content`: one pass over its words, one over its persons. */
function readLinePersons(content: string): LinePersons {
  const singles: string[] = [];
  let referringAt = Infinity;
  let firstPersonAt = Infinity;
  let previous = "";
  for (const match of content.matchAll(TOKEN)) {
    const folded = fold(match[0]);
    const single = singularPerson(folded);
    if (single !== undefined) singles.push(single);
    if (
      referringAt === Infinity && (REFERRING_PRONOUNS.has(folded) || isPersonWord(folded) ||
        (DETERMINERS.has(previous) && single !== undefined))
    ) referringAt = match.index;
    if (firstPersonAt === Infinity && FIRST_PERSON.has(folded)) firstPersonAt = match.index;
    previous = folded;
  }
  const named = personsNamed(content).find((person) => !isPersonWord(fold(person.name)));
  return {
    singles,
    referringAt,
    firstPersonAt,
    namedAt: named?.at ?? Infinity,
    ofUser: speaksOfUser(content),
  };
}

const linePersons: (content: string) => LinePersons = rememberedByText(readLinePersons);

/**
 * Where the first word of `line` that could stand for a person it does not name stands (a
 * referring pronoun, a person word, a determined plural of one, the speaker's "I" when the
 * question speaks as "I" too), or `Infinity`; 0 when it holds a person word the question holds
 * (it speaks of a person asked, whoever it names first).
 */
function firstReferringWord(line: LinePersons, asked: AskedPeople): number {
  for (const single of line.singles) if (asked.words.has(single)) return 0;
  return asked.speaker ? Math.min(line.referringAt, line.firstPersonAt) : line.referringAt;
}

/** A question that speaks of no one but its names. */
const NO_ONE_ELSE: AskedPeople = { words: new Set(), speaker: false, thingNames: new Set() };

/**
 * Whether `content` could speak of a person it does not name: its first person is a referring
 * pronoun, a person word or a determined plural of one, not a name, or it holds a person word
 * `asked` holds (see the module's documentation). `false` for a line about someone named or
 * about no one.
 */
export function mayReferToAsked(content: string, asked: AskedPeople = NO_ONE_ELSE): boolean {
  const line = linePersons(content);
  // "User ..." is the speaker told of in the third person (`user_voice.ts`).
  if (asked.speaker && line.ofUser) return true;
  const referring = firstReferringWord(line, asked);
  if (referring === Infinity) return false;
  return line.namedAt === Infinity || referring < line.namedAt;
}

/**
 * The factor {@linkcode NO_REFERENT} gives the score of a line that already lacks every name the
 * question asks about (`nameFactor` below 1): 1 − NO_REFERENT when no word of `content` can stand
 * for the person asked ({@linkcode mayReferToAsked}; `asked`: what the question speaks of
 * besides its names), else 1.
 */
export function referentFactor(content: string, asked: AskedPeople = NO_ONE_ELSE): number {
  return mayReferToAsked(content, asked) ? 1 : 1 - NO_REFERENT;
}
