/**
 * Whose line a pronoun's is. A user telling of other people names a person once and goes on
 * with "he" and "she": "Dad's hearing aids are the NHS ones ..." then "he takes bisoprolol
 * 2.5mg in the morning for his heart". Read alone, the second line is nobody's, and a question
 * by name ("what does Dad take for his heart") finds no person of it there. So when a memory is
 * written whose first person is a third-person singular pronoun (he, she, his, her, him: no
 * person named before it in the line), its **referent** is read from the persona's memory
 * written just before it, if that one was written at most {@linkcode REFERENT_WINDOW_MS}
 * earlier (a conversation's run of lines, not yesterday's): the first person that line names
 * whose sex does not disagree with the pronoun's. Sex is known from a closed class of English
 * words, family words and titles ("Dad", "my sister", "Aunt Reena", "Mr Chauhan") and, for a
 * name, from the pronoun that line itself uses of it ("Bernie Walsh ... has our spare key,
 * she's 84"); a person after the first is taken only when its sex is known to agree, and
 * nothing is resolved when unsure ("they", no person, a line too long ago). A line that opens
 * with the same pronoun and has a referent of its own passes it on ("she ..." then "her ...").
 *
 * The referent is kept beside the memory (`memory_referents` on SQLite and PostgreSQL, written
 * with the store: `memory_writer.ts`) and read by searches for the candidates that open with
 * such a pronoun (`text_factors.ts`: the referent's name counts as named by the line).
 *
 * @module
 */
import { HONORIFICS } from "./query_names.ts";
import { STOPWORDS } from "./text.ts";
import { exchangeSender } from "./user_names.ts";

/**
 * How long after the memory before a line's pronoun may still point into it: 15 minutes, a
 * conversation's run of lines (the recall sets store a line a minute); past it, who "he" was is
 * unsure.
 */
export const REFERENT_WINDOW_MS = 15 * 60_000;

/** The longest referent kept (a name and its title or family word, not a sentence). */
export const REFERENT_MAX_CHARS = 64;

/** A pronoun's sex: "he" or "she". */
export type Sex = "he" | "she";

/** Third-person singular pronouns, folded, by sex (the closed class; "they" is left out: plural or unsure). */
const PRONOUNS: ReadonlyMap<string, Sex> = new Map([
  ["he", "he"],
  ["him", "he"],
  ["his", "he"],
  ["himself", "he"],
  ["she", "she"],
  ["her", "she"],
  ["hers", "she"],
  ["herself", "she"],
]);

/**
 * English words for a person whose sex they tell: family words, titles and the everyday nouns for
 * a man or a woman (a closed class).
 */
const SEXED: ReadonlyMap<string, Sex> = new Map([
  ...("dad daddy father papa pa brother son grandad granddad grandpa grandfather uncle husband " +
    "nephew boyfriend hubby boy lad man gentleman mr sir stepdad stepfather stepson " +
    "fiance").split(" ").map((word) => [word, "he"] as const),
  ...("mum mummy mom mommy mother mama ma sister daughter nan nana gran granny grandma " +
    "grandmother aunt auntie aunty wife niece girlfriend wifey girl lass woman lady mrs ms miss " +
    "madam stepmum stepmother stepdaughter fiancee").split(" ").map((word) =>
      [word, "she"] as const
    ),
]);

/**
 * Words for a person whose sex they leave open (family words and company; a closed class): a
 * person all the same, so "cousin Sam ... he" is Sam's line.
 */
const UNSEXED: ReadonlySet<string> = new Set(
  ("cousin parent sibling child kid baby spouse partner friend mate neighbour neighbor " +
    "colleague boss carer nurse doctor teacher").split(" "),
);

/**
 * Whether `folded` (a word in lower case, no "'s") is one of the closed class of words for a
 * person: a family word, a title or an everyday noun for a man, a woman or company ("dad",
 * "aunty", "mate", "nurse"); singular only.
 */
export function isPersonWord(folded: string): boolean {
  return SEXED.has(folded) || UNSEXED.has(folded);
}

/** A person a text names: the words as written (a title or family word with its name), its sex if known. */
export interface NamedPerson {
  name: string;
  sex?: Sex;
  /** Where it starts in the text. */
  at: number;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
/** A text's first word, after any marks ("he's", "(she"), without its "'s". */
const FIRST_WORD = /^[^\p{L}\p{N}]*(\p{L}+)(?![\p{L}\p{N}])/u;
/**
 * {@linkcode FIRST_WORD} when it is one of {@linkcode PRONOUNS} in any case: what
 * `openingPronoun` tests before it reads the word.
 */
const OPENS_WITH_PRONOUN = new RegExp(
  `^[^\\p{L}\\p{N}]*(?:${[...PRONOUNS.keys()].join("|")})(?![\\p{L}\\p{N}])`,
  "iu",
);
const CAPITALISED = /^\p{Lu}\p{Ll}/u;
const POSSESSIVE = /['’](?:s|d|ll|re|ve|m)$/u;

interface Token {
  text: string;
  folded: string;
  at: number;
  end: number;
  /** Written with "'s" ("Mo's"). */
  possessive: boolean;
}

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const bare = raw.replace(POSSESSIVE, "");
    const possessive = /['’]s$/u.test(raw);
    tokens.push({
      text: bare,
      folded: bare.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, ""),
      at: match.index,
      end: match.index + raw.length,
      possessive,
    });
  }
  return tokens;
}

/** Whether `token` starts a name (capitalised, not a function word, not "I"). */
function isNameWord(token: Token): boolean {
  return CAPITALISED.test(token.text) && !STOPWORDS.has(token.folded) &&
    !HONORIFICS.has(token.folded) && !PRONOUNS.has(token.folded);
}

/** The gap between two words of one name: spaces alone (no mark, no line break). */
const SPACES_ONLY = /^ +$/;

/** The run of name words from `i` on that the text writes with spaces alone between them. */
function nameRun(text: string, tokens: readonly Token[], i: number): number {
  let end = i;
  while (
    end + 1 < tokens.length && isNameWord(tokens[end + 1]!) &&
    SPACES_ONLY.test(text.slice(tokens[end]!.end, tokens[end + 1]!.at))
  ) end++;
  return end;
}

/**
 * The persons `text` names, in order: family words and other person words (with the name after
 * them: "Aunt Reena", "cousin Sam"), titled names ("Mr Chauhan") and capitalised names where a
 * subject or an owner stands (the line's first word, a word with "'s"; elsewhere a capitalised
 * word is as often a place: "at the Leicester Royal"); with the sex each word tells, or the first
 * pronoun after it before anyone else.
 */
export function personsNamed(text: string): NamedPerson[] {
  const tokens = tokensOf(text);
  const persons: Array<NamedPerson & { end: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const sexed = SEXED.get(token.folded);
    const personWord = sexed !== undefined || UNSEXED.has(token.folded) ||
      HONORIFICS.has(token.folded);
    // A capitalised word is a person's name where a line's subject or a possessor stands (its
    // first word, "Mo's got braces"); elsewhere it is as often a place or a thing ("at Park
    // View", "I run Winnipeg to Calgary").
    const name = isNameWord(token) && (i === 0 || token.possessive);
    if (!personWord && !name) continue;
    let last = i;
    // A person word takes the name after it only over spaces ("Aunt Reena"): a sentence or
    // clause mark between them ends the person ("Dad. Reena rang", "Dad, Reena and I").
    if (
      personWord && i + 1 < tokens.length && isNameWord(tokens[i + 1]!) &&
      SPACES_ONLY.test(text.slice(token.end, tokens[i + 1]!.at))
    ) {
      last = nameRun(text, tokens, i + 1);
    } else if (name) last = nameRun(text, tokens, i);
    const person = {
      name: text.slice(token.at, tokens[last]!.at + tokens[last]!.text.length),
      sex: sexed,
      at: token.at,
      end: last,
    };
    persons.push(person);
    i = last;
  }
  // A name's sex, where no word says it: the pronoun the line uses next, before anyone else.
  for (let p = 0; p < persons.length; p++) {
    const person = persons[p]!;
    if (person.sex !== undefined) continue;
    const until = persons[p + 1]?.at ?? text.length;
    for (let i = person.end + 1; i < tokens.length && tokens[i]!.at < until; i++) {
      const sex = PRONOUNS.get(tokens[i]!.folded);
      if (sex !== undefined) {
        person.sex = sex;
        break;
      }
    }
  }
  return persons.map(({ name, sex, at }) => sex === undefined ? { name, at } : { name, sex, at });
}

/**
 * The sex of `text`'s first third-person singular pronoun when no person is named before it
 * ("he takes bisoprolol", "his GP is Dr Ferris"); else none.
 */
export function openingPronoun(text: string): Sex | undefined {
  // Asked of each candidate of each search, and most open with no pronoun: a test first, which
  // builds no match or lower-cased word. It holds whenever the reading below finds a pronoun
  // (those are ASCII words, and only ASCII letters lower-case to ASCII letters).
  if (!OPENS_WITH_PRONOUN.test(text)) return undefined;
  const first = FIRST_WORD.exec(text);
  return first === null ? undefined : PRONOUNS.get(first[1]!.toLowerCase());
}

/** Possessive pronouns: the referent stands in for them with "'s". */
const POSSESSIVE_PRONOUNS: ReadonlySet<string> = new Set(["his", "her", "hers"]);

/**
 * `content` with its opening pronoun ({@linkcode openingPronoun}) replaced by `referent` ("he
 * takes bisoprolol" → "Dad takes bisoprolol", "his GP is" → "Dad's GP is"), read as the line
 * stands for it; `content` itself when it opens with none.
 */
export function withReferent(content: string, referent: string): string {
  const first = FIRST_WORD.exec(content);
  if (first === null || !PRONOUNS.has(first[1]!.toLowerCase())) return content;
  const start = first[0].length - first[1]!.length;
  const owner = POSSESSIVE_PRONOUNS.has(first[1]!.toLowerCase()) ? `${referent}'s` : referent;
  return content.slice(0, start) + owner + content.slice(first[0].length);
}

/** The memory written before one: its text, when, and its own referent if it has one. */
export interface MemoryBefore {
  content: string;
  created_at: string;
  referent?: string;
}

/**
 * The referent of `memory` (its text and creation time) given the persona's memory written just
 * before it (see the module's documentation), or none.
 */
export function referentOf(
  memory: { content: string; created_at: string },
  before: MemoryBefore | undefined,
): string | undefined {
  if (before === undefined) return undefined;
  // A kept chat exchange opens with its sender ("Theo said: my dad ..."), who is the one
  // talking, not the one talked about: it passes no referent on.
  if (exchangeSender(before.content) !== undefined) return undefined;
  const sex = openingPronoun(memory.content);
  if (sex === undefined) return undefined;
  const gap = Date.parse(memory.created_at) - Date.parse(before.created_at);
  if (!(gap >= 0 && gap <= REFERENT_WINDOW_MS)) return undefined;
  // "she ..." then "she ...": a line opening with the same pronoun is about the same person,
  // whoever else it names ("Her neighbour in Partick ..." is still hers).
  if (before.referent !== undefined && openingPronoun(before.content) === sex) {
    return before.referent;
  }
  const persons = personsNamed(before.content);
  if (persons.length === 0) return undefined;
  const first = persons[0]!;
  const chosen = first.sex === undefined || first.sex === sex
    ? first
    : persons.find((person) => person.sex === sex);
  if (chosen === undefined || chosen.name.length > REFERENT_MAX_CHARS) return undefined;
  return chosen.name;
}
