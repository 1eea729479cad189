/**
 * The user of a memory layer, told of in the third person: a store that extracts facts about
 * its user (mem0, Letta, Zep) writes "User is allergic to penicillin", "The user's sister Anna
 * moved to Graz", "User's name is Daniel; friends call him Danny" where a chat's own lines say
 * "I" and "my". Such a memory is the speaker's own as a first-person one is (`voiceOf` "self"),
 * "the user's sister" is a relative as "my sister" is (`tellsOfRelative`), and the names it gives
 * the user are the speaker's (`speaker_names.ts`). One persona may hold both voices.
 *
 * A memory that also speaks in the first person ("The user asked me ...", "The user told me
 * their boss ...") is in someone else's voice — the assistant's, telling of the user — and stays
 * as it is. "a Linux user", "every user" name no one.
 *
 * @module
 */
import { rememberedByText } from "./text_memo.ts";

/** "User" written with a capital, or "the user" in any case: the user as a person. */
const USER = /(?<![\p{L}\p{N}])(?:User|[Tt]he\s+user)(?![\p{L}\p{N}])/u;
/** "user" naming a kind of thing, not a person: "the user manual", "User Guide", "user interface". */
const USER_THING =
  /(?<![\p{L}\p{N}])(?:the\s+)?user\s+(?:manuals?|guides?|interfaces?|accounts?|experience|research|testing|stor(?:y|ies)|base|feedback|agents?|id|ids|data|input|settings|profiles?|permissions|docs|documentation|journeys?|groups?)(?![\p{L}\p{N}])/giu;
/** Words of the first person singular: their speaker is not the user told of. */
const FIRST_PERSON = /(?<![\p{L}\p{N}'’])(?:I|me|my|mine|myself)(?![\p{L}\p{N}'’])/iu;

/**
 * Whether `text` tells of the user in the third person ({@linkcode USER}) and says no word of
 * the first person (see the module doc).
 */
export function speaksOfUser(text: string): boolean {
  // Most memories hold no "user" at all: one plain search rules them out.
  if (!text.includes("ser")) return false;
  return USER.test(text.replace(USER_THING, "")) && !FIRST_PERSON.test(text);
}

/**
 * The user's companions, folded: a memory that opens with one of them ("The user's colleague
 * Dennis works in the legal office") is about that person, as one about a relative is.
 */
export const COMPANIONS: ReadonlySet<string> = new Set(
  ("friend friends bestie colleague colleagues coworker coworkers neighbour neighbours neighbor " +
    "neighbors flatmate flatmates roommate roommates housemate housemates classmate classmates " +
    "boss manager partner boyfriend girlfriend fiance fiancee ex").split(" "),
);

/** Words by which a memory says the user takes part in what it tells of someone else. */
const USER_PART: ReadonlySet<string> = new Set(["user", "he", "she", "they", "him", "them"]);

/**
 * Whether `folded` (a text's folded words) opens with the user's relative or companion
 * ("the user's sister", "User's older brother Kevin", "The user's colleague Dennis"): a word of
 * `kin` or a companion right after "user's" or one word later, and the user takes no part after it (not
 * "User's wife Akinyi and he ..."). The counterpart of "My wife ..." (`tellsOfRelative`).
 */
export function opensWithUserRelative(
  folded: readonly string[],
  kin: ReadonlySet<string>,
): boolean {
  const people = (word: string | undefined) =>
    word !== undefined && (kin.has(word) || COMPANIONS.has(word));
  const at = folded[0] === "the" ? 1 : 0;
  // The folded words of "User's" are "user" and "s" (or "user's", by the analyser).
  if (folded[at] !== "user" && folded[at] !== "user's") return false;
  let next = at + 1;
  if (folded[next] === "s") next++;
  else if (folded[at] === "user") return false;
  const kinAt = people(folded[next]) ? next : people(folded[next + 1]) ? next + 1 : -1;
  if (kinAt < 0) return false;
  for (let i = kinAt + 1; i < folded.length; i++) if (USER_PART.has(folded[i]!)) return false;
  return true;
}

/**
 * A name the user is given in the third person: "User's name is Daniel Otieno Ouma", "friends
 * call him Danny", "the user goes by Mo", "User is known as KB". The first capitalised word
 * after it, and those right after it ("Daniel Otieno Ouma").
 */
const USER_NAMING =
  /(?<![\p{L}\p{N}])(?:name\s+is|name['’]s|call(?:s|ed)?\s+(?:him|her|them)|goes\s+by|known\s+as)\s+(\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*)/gu;

/** Words between an owner and "name" that keep the name the owner's ("User's full name"). */
const NAME_WORD = String.raw`(?:(?:full|real|first|given|legal|last|middle|birth|preferred)\s+)?`;
/** The text before a naming ends with the user's "name is": "User's name is", "the user's full name is". */
const USER_NAME = new RegExp(String.raw`\buser(?:['’]s|\s+s)\s+${NAME_WORD}$`, "iu");
/** Or with a pronoun's: "his name is" (the user's only if no one else was told of before it). */
const PRONOUN_NAME = new RegExp(String.raw`\b(?:his|her|their)\s+${NAME_WORD}$`, "iu");
/** The user right before "goes by" / "is known as": "User goes by", "The user is also known as". */
const USER_GOES = /\buser\s+(?:(?:is|was|also|usually|often|mostly|now|professionally)\s+)*$/iu;
/** A pronoun right before "goes by" / "is known as": "she goes by". */
const PRONOUN_GOES = /\b(?:he|she|they)\s+(?:(?:is|are|was|also|usually|often|mostly|now)\s+)*$/iu;
/** A word that opens a clause of callers when no mark does: "User and friends call him ...". */
const CLAUSE_WORD = /\b(?:and|but|so)\b/iu;

/**
 * `before` (the text before a "call him") without the callers' clause ("; friends and family"):
 * cut at its last `;`, `,`, `.` or `:`, or when it has none at its first "and", "but" or "so".
 * The regex this replaces, `(?:[;,.:]|\b(?:and|but|so)\b)[^;,.:]*$`, cut there too but was tried
 * from every "and" and ran to the next mark each time: quadratic on a run of "so " before one
 * comma (attack31 G1).
 */
export function withoutCallers(before: string): string {
  for (let at = before.length - 1; at >= 0; at--) {
    const char = before.charCodeAt(at);
    // ";" "," "." ":"
    if (char === 59 || char === 44 || char === 46 || char === 58) return before.slice(0, at);
  }
  const opener = CLAUSE_WORD.exec(before);
  return opener === null ? before : before.slice(0, opener.index);
}

/**
 * The most namings of one text {@linkcode userNamings} reads: a real memory gives its user one to
 * three names, and each naming reads all the text before it, so a text of hundreds of "call him
 * A" cost hundreds of passes over it (attack31 G1).
 */
export const NAMINGS_READ = 8;
/**
 * Someone or something else told of, whom a later "him", "her" or "his name" may mean: "User has
 * a son", "User's dog", "her brother" (not "User's name", "his full name").
 */
const OTHER_OWNED = new RegExp(
  String
    .raw`\b(?:user['’]s|user\s+s|his|her|their)\s+(?!${NAME_WORD}name\b)[\p{L}]|\b(?:has|have|had|with)\s+(?:a|an|one|two|three)\b`,
  "iu",
);

/** Whether the naming `match` of `text` names the user: its owner is the user, not a pet or kin. */
function namesUser(text: string, match: RegExpMatchArray): boolean {
  const before = text.slice(0, match.index);
  const said = match[0];
  // A pronoun means the user only when no one else was told of before it ("User has a son; his").
  const pronounOfUser = (owner: string) => !OTHER_OWNED.test(owner);
  if (/^name/i.test(said)) {
    return USER_NAME.test(before) ||
      (PRONOUN_NAME.test(before) && pronounOfUser(before.replace(PRONOUN_NAME, "")));
  }
  if (/^call/i.test(said)) return pronounOfUser(withoutCallers(before));
  return USER_GOES.test(before) ||
    (PRONOUN_GOES.test(before) && pronounOfUser(before.replace(PRONOUN_GOES, "")));
}

/**
 * The names (as written) `text` gives the user, when it tells of the user
 * ({@linkcode speaksOfUser}) and opens with the user as its subject ("User's name is ...",
 * "The user ..."): not "Kofi prefers to be called KB", "Her name is Neema"; and only a naming
 * whose owner is the user ({@linkcode namesUser}): not "User's dog's name is Biscuit", "The
 * user's startup is known as Lumen Labs", "User has a son; his name is Leo". Of the first
 * {@linkcode NAMINGS_READ} namings.
 */
export function userNamings(text: string): string[] {
  if (!speaksOfUser(text) || !/^\s*(?:the\s+)?user\b/iu.test(text)) return [];
  const names: string[] = [];
  let read = 0;
  for (const match of text.matchAll(USER_NAMING)) {
    if (namesUser(text, match)) names.push(match[1]!);
    if (++read === NAMINGS_READ) break;
  }
  return names;
}

/** A text opening with the user as its subject: "User ...", "The user ...", "User's ...". */
const OPENS_WITH_USER = /^\s*(?:[Tt]he\s+user|User)(?![\p{L}\p{N}])/u;

/** The user reporting talk: "User asked ...", "the user said ...", "User wants to know ...". */
const USER_TALK =
  /(?<![\p{L}\p{N}])user\s+(?:asked|asks|said|says|mentioned|wondered|wants\s+to\s+know|wanted\s+to\s+know|told|talked|chatted|joked)(?![\p{L}\p{N}])/iu;

/**
 * Whether `text` states a fact of the user in the third person ({@linkcode speaksOfUser}), opening
 * with the user as its subject ("User drives ...", not "Mzee Obura died, so the user ..."), not
 * what the user asked or said ("User asked about the KNBTS blood drive"): a request names what
 * a fact names without telling what became of it, so it is no update of it.
 */
export function statesUserFact(text: string): boolean {
  // Asked of every compared candidate in every search: most say no "user" at all.
  return text.includes("ser") && userFact(text);
}

/** {@linkcode statesUserFact}'s full reading, remembered by text. */
const userFact = rememberedByText((text): boolean =>
  OPENS_WITH_USER.test(text) && speaksOfUser(text) && !USER_TALK.test(text)
);
