/**
 * The speaker's own thing against a named person's (issue 9, session 43). A question that asks
 * about the speaker's own thing ("what's my phone plan", "where's my passport") is not answered
 * by a line where that thing is only another person's ("Mum's phone is the big-button one"),
 * though it shares the thing's word. "our" asks so too, but takes in the other half of "our":
 * "our car" may be told as "Maja's car" when the store ties Maja as the speaker's partner, and
 * then her line keeps its score (`ownThingsFactor`); "our wedding" told as "Yetunde's wedding"
 * (a friend's) does not.
 * "my"/"our" and "Yetunde's" are possessive determiners, a closed class filling one slot before
 * a noun: one mention of a thing cannot be both the speaker's and a named person's. So a memory
 * in which the asked thing follows only other people's possessives (`possessed_topics.ts`) and
 * never "my"/"our" loses `KIN_OTHERS`, the judgement `othersThingFactor` already makes for a
 * question that names the owner.
 *
 * Narrower than session 42's reader (recall91, dropped): the thing is read in the question only
 * where it is plainly a noun phrase, not a relative ("what does my son take" asks about the son,
 * who `kin_owners.ts` reads), and a line that says the thing is the speaker's own anywhere keeps
 * its score.
 *
 * @module
 */
import { KIN_OTHERS } from "./kin_owners.ts";
import { POSSESSED_WORDS, possessions } from "./possessed_topics.ts";
import { TIE_WORDS } from "./relation_ties.ts";
import { STOPWORDS, terms, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/** Possessive determiners of the speaker. */
const OWN: ReadonlySet<string> = new Set(["my", "our"]);
/**
 * The possessive determiner of the speaker alone. "our" takes in others too (a partner: "our
 * car" may be told as "Maja's car"), so a question's "our" thing spares the partner's too
 * (review43c; `ownThingsFactor`).
 */
const MINE: ReadonlySet<string> = new Set(["my"]);
/** A word with an apostrophe part ("Mum's", "parents'"). */
const TOKEN = /[\p{L}\p{N}]+(?:['’]\p{L}*)?/gu;
/** A possessive's ending: the thing after it is its owner's, not the speaker's. */
const POSSESSIVE = /['’]s?$/u;

/**
 * The speaker's own things of `text`, each as the terms of up to `POSSESSED_WORDS` words after
 * "my" or "our", written with nothing but spaces between them and ending before a function word
 * or a possessive. None when the first word is a relation ("my son take", "our dad's house": the
 * relative's, read elsewhere). Remembered by text.
 */
export const speakerThings: (text: string) => readonly (readonly string[])[] = rememberedByText(
  (text) => thingsAfter(text, OWN),
);

/**
 * The things a question asks as the speaker's alone: {@linkcode speakerThings} after "my" only,
 * not "our" (see `MINE`). Asked once per search, so not remembered.
 */
export function askedOwnThings(question: string): readonly (readonly string[])[] {
  return thingsAfter(question, MINE);
}

/** The possessive determiner of the speaker with others: their household's too. */
const OURS: ReadonlySet<string> = new Set(["our"]);

/** The things a question asks as the speaker's: after "my" (`mine`) and after "our" (`ours`). */
export interface AskedOwnThings {
  mine: readonly (readonly string[])[];
  ours: readonly (readonly string[])[];
}

/** The things `question` asks as the speaker's alone and as the speaker's household's. */
export function askedSpeakerThings(question: string): AskedOwnThings {
  return { mine: askedOwnThings(question), ours: thingsAfter(question, OURS) };
}

/**
 * The factor `content` gets for a question's own things `asked` (session 44, review43c finding
 * 2): {@linkcode othersOwnThingFactor} of its "my" things with the store's `users`, and of its
 * "our" things with the users and the speaker's `partner` (a name term, the store's tie:
 * `in_law_bridges.ts`' `speakerPartner`). "our car" may be told as the partner's ("Maja's car"),
 * the other half of "our"; a friend's ("Yetunde's wedding") is still another's.
 */
export function ownThingsFactor(
  asked: AskedOwnThings,
  content: string,
  people: { users?: ReadonlySet<string>; partner?: string },
): number {
  const users = people.users ?? new Set<string>();
  const mine = othersOwnThingFactor(asked.mine, content, users);
  if (mine < 1 || asked.ours.length === 0) return mine;
  const household = people.partner === undefined ? users : new Set([...users, people.partner]);
  return othersOwnThingFactor(asked.ours, content, household);
}

/** The things of `text` after one of the possessive determiners `owners` (see `speakerThings`). */
function thingsAfter(text: string, owners: ReadonlySet<string>): readonly (readonly string[])[] {
  const tokens = [...text.matchAll(TOKEN)];
  const found: string[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!owners.has(tokens[i]![0].toLowerCase())) continue;
    const after: string[] = [];
    let end = tokens[i]!.index + tokens[i]![0].length;
    for (let j = i + 1; j < tokens.length && after.length < POSSESSED_WORDS; j++) {
      const token = tokens[j]!;
      if (!/^[^\S\r\n]+$/u.test(text.slice(end, token.index))) break;
      const folded = words(token[0]);
      if (folded.every((word) => STOPWORDS.has(word))) break;
      if (POSSESSIVE.test(token[0])) {
        after.length = 0;
        break;
      }
      after.push(token[0]);
      end = token.index + token[0].length;
    }
    if (after.length === 0 || TIE_WORDS.has(after[0]!.toLowerCase())) continue;
    const owned = terms(after.join(" "));
    if (owned.length > 0) found.push(owned);
  }
  return found;
}

/** The owner "user", as a note written about the speaker names them ("User's passport"). */
const USER = "user";

/**
 * The factor `content` gets for a question asking the speaker's own things `asked`
 * ({@linkcode speakerThings} of the question): 1 − `KIN_OTHERS` when a term of one follows
 * another person's possessive in the content (`possessions`: "Yetunde's wedding") and no term of
 * it follows "my"/"our" there; else 1. The speaker is no other person: a note may call them by
 * name or "User" ("Theo's phone is a Pixel 7", "User's passport expires"), so the possessive of
 * `users` (the store's users' name terms, `storeUsers`) or of "User" is the speaker's own.
 */
export function othersOwnThingFactor(
  asked: readonly (readonly string[])[],
  content: string,
  users: ReadonlySet<string> = new Set(),
): number {
  if (asked.length === 0) return 1;
  const held = possessions(content);
  const speakers = held.filter(({ owner }) =>
    owner === USER || terms(owner).some((term) => users.has(term))
  );
  const others = new Set(held.filter((one) => !speakers.includes(one)).flatMap((one) => one.terms));
  if (others.size === 0) return 1;
  const own = new Set([...speakerThings(content).flat(), ...speakers.flatMap((one) => one.terms)]);
  for (const thing of asked) {
    if (thing.some((term) => others.has(term)) && !thing.some((term) => own.has(term))) {
      return 1 - KIN_OTHERS;
    }
  }
  return 1;
}
