/**
 * A class word's members as the aspects of a query: "where do his siblings live" asks about a
 * brother and a sister, "Tell me about my kids" about a son and a daughter. Word alignment matches
 * every member in full ("siblings": "brother", "sister"; `meaning/kin_terms.ts`), so ranking alone
 * fills the top with the memories of the member told of most, or with memories saying the class
 * word itself ("Hanna and I went out without the kids"), while the other member's one memory ranks
 * sixth. Coverage (`coverage.ts`) then reads each member as an aspect: when none of the first hits
 * holds a member, the best-scored candidate that holds it moves up right after the first hit.
 *
 * A memory holds a member when it says one of the member's words ({@linkcode memberHeld}) as the
 * persona's relative, not someone else's: not as an owner itself ("My sister's husband") and not
 * after another possessive ("My wife's sister", "Akinyi's sister"), unless the query says that
 * same possessive ("Leo's parents": "Leo's mum") or the persona's own ("The user's sister").
 * Each word of a hyphened token counts: a half-brother is a brother, a stepmother a mother, a
 * mother-in-law no mother; a capitalised member word before a name or a word it qualifies is a
 * title or a brand ("Sister Mary", "my Brother printer"; review45's R4). Texted possessives and
 * pronouns are read as `kin_owners.ts` reads them (remembered per text; review46's R4): a word in
 * "s" before the member that the memories write as a name or that is capitalised ("leahs mum"),
 * a person who is no relative ("my friends mum", "my freinds mum"), and "his", "her", "their"
 * ("Leah and her mum") own it, unless the query says that owner ("where do his parents live").
 *
 * Only kinship classes, whose members are closed and few (sibling, parent, grandparent,
 * grandchild, child, spouse); "relatives" (every kinship word) and "family" are none.
 *
 * @module
 */
import type { Covered, MemberAspects } from "./coverage_moves.ts";
import { kinTerm } from "./meaning/kin_terms.ts";
import { asciiWords } from "./query_words.ts";
import { isContentWord, stem, words } from "./text.ts";
import { KIN_TITLES } from "./query_kin.ts";
import { type KinOwner, kinOwnerAt, kinOwners, kinOwnership } from "./kin_owners.ts";
import { writtenAsNames } from "./written_names.ts";

/** Class words (singulars, plurals) whose members are the aspects, and their members. */
const CLASS_MEMBERS: readonly [string, string, readonly string[]][] = [
  ["sibling", "siblings", ["brother", "sister"]],
  ["parent", "parents", ["mother", "father"]],
  ["grandparent", "grandparents", ["grandmother", "grandfather"]],
  ["grandchild", "grandchildren", ["grandson", "granddaughter"]],
  ["child kid", "children kids", ["son", "daughter"]],
  ["spouse", "spouses", ["husband", "wife"]],
];

/** Each member's stems ("mother": mother, mum, mom, ...), by the class word as written. */
const MEMBER_STEMS = new Map<string, readonly ReadonlySet<string>[]>();
/** The plural class words. */
const PLURALS = new Set<string>();
for (const [singulars, plurals, members] of CLASS_MEMBERS) {
  const meanings = members.map((member) => kinTerm(stem(member))!.same);
  for (const form of `${singulars} ${plurals}`.split(" ")) MEMBER_STEMS.set(form, meanings);
  for (const form of plurals.split(" ")) PLURALS.add(form);
}

/** Possessive pronouns that own a singular class word ("my spouse"). */
const OWNER_WORDS: ReadonlySet<string> = new Set(["my", "our", "your", "his", "her", "their"]);

/** The persona's own possessives, whatever the query says ("my", "the user's"). */
const OWN_POSSESSIVES: ReadonlySet<string> = new Set(["user", "users"]);
/** A possessive: "Hanna's", "James'", "Tomas’". */
const POSSESSIVE = /\p{L}(?:['’]s|s['’])\p{P}*$/u;

/** A search's candidate: its memory's text. */
type Candidate = { record: { content: string } };

/**
 * The member aspects of `text` when it asks about the members of one kinship class
 * ({@linkcode askedMembers}); else undefined. `candidates` (default: the ranked ones) tell which
 * words in "s" they write as names ("Went out with Leah": "leahs mum" is hers).
 */
export function memberAspects(
  text: string,
  candidates?: readonly Candidate[],
): MemberAspects | undefined {
  const members = askedMembers(text);
  if (members === undefined) return undefined;
  const owners = new Set(text.split(/\s+/).filter((token) => POSSESSIVE.test(token)).map(owner));
  // "leahs parents", "my friends parents", "his siblings": the owners the query asks about.
  for (const use of kinOwners(text)) {
    for (const said of [use.marked, use.bare, use.person, use.pronoun]) {
      if (said !== undefined) owners.add(said);
    }
  }
  for (const found of [...owners]) owners.add(stem(found));
  return {
    count: members.length,
    heldBy(ranked: readonly Covered[]) {
      const held: (readonly boolean[])[] = [];
      let names: ReadonlySet<string> | undefined;
      const written = () => names ??= namesWritten(members, candidates ?? ranked);
      return (at) =>
        held[at] ??= members.map((member) =>
          memberHeld(ranked[at]!.record.content, { member, owners, names: written })
        );
    },
  };
}

/**
 * The members' stems of the first class word of `text` that asks about members: a plural
 * ("siblings", "my kids"), or a singular someone owns ("my spouse", "his spouse's job"; not "as a
 * kid", a time of life), not counted ("How many children do I have?" wants the one memory of how
 * many, not each child).
 */
export function askedMembers(text: string): readonly ReadonlySet<string>[] | undefined {
  // Most queries hold no class word, and then nothing more is read.
  const folded = asciiWords(text) ?? words(text);
  if (!folded.some((word) => MEMBER_STEMS.has(word))) return undefined;
  const raw = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < raw.length; i++) {
    const word = words(raw[i]!)[0] ?? "";
    const members = MEMBER_STEMS.get(word);
    if (members === undefined) continue;
    const before = i > 0 ? raw[i - 1]! : "";
    if (PLURALS.has(word)) {
      if (words(before)[0] === "many") continue;
    } else if (!OWNER_WORDS.has(words(before)[0] ?? "") && !POSSESSIVE.test(before)) continue;
    return members;
  }
  return undefined;
}

/**
 * The names the `ranked` memories write of the words in "s" before a member's word ("Leah" for
 * "leahs mum"), and the persons they write as a relative's possessor ("Leah's dad"): as
 * `search.ts` reads them for a question about the speaker's own relative.
 */
function namesWritten(
  members: readonly ReadonlySet<string>[],
  ranked: readonly Candidate[],
): ReadonlySet<string> {
  const asked = new Set(members.flatMap((member) => [...member]));
  const { bare, marked } = kinOwnership(asked, ranked.map((item) => item.record.content));
  return new Set([...marked, ...writtenAsNames(bare, ranked)]);
}

/** Who a member's word is asked of: the query's owners, and the names the memories write. */
interface MemberQuery {
  member: ReadonlySet<string>;
  /** The owners the query says itself (folded and stemmed, without "'s"; "his", "her", "their"). */
  owners: ReadonlySet<string>;
  /** The names the memories write ({@linkcode namesWritten}), read when first needed. */
  names?: () => ReadonlySet<string>;
}

/** Whether `content` says one of a `member`'s stems as the persona's relative (see the module doc). */
export function memberHeld(content: string, query: MemberQuery): boolean {
  const spans = [...content.matchAll(/\S+/g)];
  const raw = spans.map((span) => span[0]);
  for (let i = 0; i < raw.length; i++) {
    if (!holdsMember(raw, i, query.member) || POSSESSIVE.test(raw[i]!)) continue;
    // The owner may stand one word before the member ("my wife's older sister").
    const owned = [i - 1, i - 2].filter((at) => at >= 0 && POSSESSIVE.test(raw[at]!));
    if (!owned.every((at) => ownersMatch(owner(raw[at]!), query.owners))) continue;
    const start = spans[i]!.index;
    const use = kinOwnerAt(content, { start, end: start + raw[i]!.length }, query.member);
    if (use === undefined || !someoneElses(use, query)) return true;
  }
  return false;
}

/**
 * Whether the member's word `use` is someone else's relative (`kin_owners.ts`'s reading) that
 * the query does not ask about: a person who is no relative ("my friends mum"), "his", "her" or
 * "their", or a word in "s" that is capitalised or a name the memories write ("leahs mum").
 */
function someoneElses(use: KinOwner, query: MemberQuery): boolean {
  const { owners } = query;
  const said = use.person ?? use.marked ?? use.bare;
  if (said !== undefined && owners.has(said)) return false;
  if (use.person !== undefined) return true;
  if (use.pronoun !== undefined) return !owners.has(use.pronoun);
  if (use.bare === undefined) return false;
  return use.capitalised || (query.names?.().has(use.bare) ?? false);
}

/** "half", "step": a half-brother, a stepmother are members; "-in-law" ones are not. */
const KIN_PREFIX = /^(?:half|step)-?/;

/**
 * Whether the token `raw[at]` says a member: any word of a hyphened token ("half-brother"), not an
 * in-law ("mother-in-law"), with "half"/"step" written before it or not ("stepmother"), and not a
 * title or a brand ({@linkcode titleOrBrand}).
 */
function holdsMember(raw: readonly string[], at: number, member: ReadonlySet<string>): boolean {
  const parts = words(raw[at]!);
  if (parts.length === 0) return false;
  const found = parts.findIndex((word) => member.has(stem(word.replace(KIN_PREFIX, ""))));
  if (found < 0) return false;
  if (parts[found + 1] === "in" && parts[found + 2] === "law") return false;
  return !titleOrBrand(raw, at);
}

/** A sentence's end in the token before: a capital after it opens a sentence. */
const SENTENCE_END = /[.!?]["”’)]*$/u;

/**
 * Whether the member word `raw[at]` is a title or a brand ("Sister Mary", "Father Brown", "my
 * Brother printer"): written with a capital, before a capitalised name, or inside a sentence
 * before a word it qualifies. A speaker's own names for a relative ("Mum", "Dad",
 * `KIN_TITLES`) are no titles, and "my brother Felix" in lower case is the persona's brother.
 */
function titleOrBrand(raw: readonly string[], at: number): boolean {
  const token = raw[at]!;
  if (!/^\p{Lu}/u.test(token) || KIN_TITLES.has(words(token)[0] ?? "")) return false;
  const next = raw[at + 1];
  if (next === undefined || /\p{P}$/u.test(token)) return false;
  if (/^\p{Lu}/u.test(next)) return true;
  const opens = at === 0 || SENTENCE_END.test(raw[at - 1]!);
  const word = words(next)[0];
  return !opens && word !== undefined && isContentWord(word);
}

/** A possessive's owner, folded, without its "'s". */
function owner(token: string): string {
  return words(token.replace(/['’]s?\p{P}*$/u, ""))[0] ?? "";
}

function ownersMatch(found: string, owners: ReadonlySet<string>): boolean {
  return OWN_POSSESSIVES.has(found) || owners.has(found);
}
