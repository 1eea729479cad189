/**
 * Subjects of the speaker's family: a memory told in no one's voice ("Kuba want to be
 * electrician", "Kasia's mother is living in Przemysl", "Zosia wants dog so much") whose first
 * word is a name the store ties to the speaker by a family word ("our son Kuba", "my wife is
 * Kasia", "my little sister Bisi") is a fact of the speaker's family, told as a speaker who drops
 * the possessive tells it. Ranking weighs it as a relative's (`ranking.ts` `MemoryVoice` "kin"):
 * it loses `GROUP_PERSPECTIVE` for a question in the speaker's or the group's voice, as a family
 * fact is near the speaker but not the speaker's own, not `PERSPECTIVE`. A name tied only as a
 * companion ("my colleague Florin", `user_voice.ts` `COMPANIONS`) or as someone else's relative
 * ("his wife Agata", "Florin's wife Ioana") ties nothing: a colleague's facts keep their loss.
 *
 * Before ranking, the subjects of the best candidates in no one's voice are looked up once each
 * in the store, by the name alone, and a name is the family's when a memory of the
 * speaker's ties it so. Bounded: {@linkcode KIN_SUBJECT_SOURCES} candidates read,
 * {@linkcode KIN_SUBJECT_NAMES} names looked up, {@linkcode KIN_SUBJECT_TIES} memories read each.
 *
 * @module
 */
import type { Candidate, CandidateQuery, MemoryBackend } from "./backend.ts";
import { KIN_WORDS } from "./query_kin.ts";
import { voiceOf } from "./query.ts";
import { termsOf } from "./terms_memo.ts";
import { COMPANIONS } from "./user_voice.ts";

/** How many of the best candidates in no one's voice are read for a subject. */
export const KIN_SUBJECT_SOURCES = 8;
/** The most subject names looked up per search. */
export const KIN_SUBJECT_NAMES = 3;
/** The most memories read per name for a family tie. */
export const KIN_SUBJECT_TIES = 24;

/** A word of letters (apostrophes and hyphens inside). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** A possessive ending: "Kasia's", "James’", "leahs" is not one (no mark). */
const POSSESSIVE_END = /(?:['’]s|['’])$/u;
/** The first word of a text and the word after it. */
const OPENING = /^\s*([\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*)(?:\s+([\p{L}]+))?/u;
/** The speaker's own, or the user's told of in the third person ("user's"). */
const OWN = new Set(["my", "our", "user's", "user’s"]);
/** Words that join a family word to its name ("my wife is Kasia", "my son, Kuba"). */
const LINKS = new Set(["is", "was", "called", "named"]);

/**
 * The analysed term of the word that opens `content` (its owner's, for a possessive: "Kasia's
 * mother ..." gives `kasia`), or undefined when that word is a stop word or a family word, or a
 * possessive of a companion ("Jasper's friend ...": the friend's fact, `COMPANIONS`).
 */
export function subjectTerm(content: string): string | undefined {
  const opening = content.match(OPENING);
  const first = opening?.[1];
  if (first === undefined) return undefined;
  const bare = first.replace(POSSESSIVE_END, "");
  // "Jasper's friend is allergic to dogs" tells of the friend: a companion is no family.
  if (bare !== first && COMPANIONS.has(opening![2]?.toLowerCase() ?? "")) return undefined;
  if (KIN_WORDS.has(bare.toLowerCase())) return undefined;
  return termsOf(bare)[0];
}

/**
 * The terms of the names `content` ties to its speaker by a family word: a word right after
 * "my", "our" or "user's", at most one word more (an adjective: "my little sister") and a
 * {@linkcode KIN_WORDS} word, and then (or after "is", "called", a comma) a name — capitalised,
 * unless the text capitalises nothing (a writer of lowercase: "my son rui"), not a stop word or a
 * family word. "my brother's wife Agata" ties no one (the family word is owned by the brother).
 */
export function kinTies(content: string): string[] {
  const words = [...content.matchAll(WORD)].map((m) => m[0]);
  const lowercase = !/\p{Lu}/u.test(content);
  const ties: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!OWN.has(words[i]!.toLowerCase())) continue;
    for (const at of [i + 1, i + 2]) {
      const kin = words[at]?.toLowerCase();
      if (kin === undefined || !KIN_WORDS.has(kin)) continue;
      let next = at + 1;
      if (LINKS.has(words[next]?.toLowerCase() ?? "")) next++;
      const name = words[next];
      if (name === undefined || KIN_WORDS.has(name.toLowerCase())) break;
      if (!lowercase && !/^\p{Lu}/u.test(name)) break;
      const term = termsOf(name)[0];
      if (term !== undefined && !ties.includes(term)) ties.push(term);
      break;
    }
  }
  return ties;
}

/**
 * The subject names of `pool`'s best candidates in no one's voice ({@linkcode subjectTerm}) that
 * the persona's store ties to the speaker by a family word ({@linkcode kinTies}): the memories
 * that open with one of them are in the group's voice for this search.
 */
export async function kinSubjects(
  pool: readonly Candidate[],
  query: CandidateQuery,
  backend: Pick<MemoryBackend, "candidates">,
): Promise<Set<string>> {
  const names: string[] = [];
  let read = 0;
  const best = [...pool].sort((a, b) => b.lexical - a.lexical || b.similarity - a.similarity);
  for (const candidate of best) {
    if (read >= KIN_SUBJECT_SOURCES || names.length >= KIN_SUBJECT_NAMES) break;
    if (candidate.record.persona_id !== query.personaId) continue;
    if (voiceOf(candidate.record.content) !== "other") continue;
    read++;
    const name = subjectTerm(candidate.record.content);
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  const tied = new Set<string>();
  for (const name of names) {
    const found = await backend.candidates({
      ...query,
      othersVisibility: [],
      terms: [name],
      priors: [1],
      limit: KIN_SUBJECT_TIES,
      lexicalOnly: true,
    });
    if (found.some((c) => c.lexical > 0 && kinTies(c.record.content).includes(name))) {
      tied.add(name);
    }
  }
  return tied;
}
