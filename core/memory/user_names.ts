/**
 * The names a persona's store knows as its users', and the facts whose subject is one of them.
 * After every chat turn the server keeps the exchange as `"<sender> said: <message>\n<persona>
 * replied: <reply>"` (`records.ts`, `exchangeInput`): its sender is the "I" of the store's chat
 * lines and of the questions asked in chat. A client that stores facts about its user in the third
 * person writes them with that name ("Theo takes sertraline 50mg", "Theo's running shoes are Brooks
 * Ghost"), and such a fact is the user's own as "I take sertraline" is: `voiceOf` reads it as
 * someone else's, and the voice factor (`voiceFactor`) would cost it against "what do I take".
 *
 * The users are read from the search's own candidates, as the names a speaker introduces are
 * (`speaker_names.ts`): the exchanges a store keeps name their sender at their opening, a rare
 * word BM25 weighs, so a question finds some of them; being read from what a search finds, they
 * are current after every store, update and delete, in every backend. When several users speak
 * to one persona and the search does not know who asks (`memory.search`), every sender among the
 * candidates is a user, as every introduced name is: which of them says a given "I" is not known.
 * When it does know (a chat's recall knows its sender: `asker`), that one alone is the "I": a fact
 * about another sender is someone else's.
 *
 * @module
 */
import { analysedTerms, isContentWord, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { voiceOf } from "./query.ts";
import type { Voice } from "./query.ts";

/** The most characters of a sender's name read: `exchangeInput` writes names, not messages. */
export const SENDER_LIMIT = 64;

/** An exchange's opening: its sender, on the first line, before " said: ". */
const OPENING = new RegExp(`^([^\\n:]{1,${SENDER_LIMIT}}?) said: `, "u");
/** An exchange's reply: a later line opening with a name and " replied: ". */
const REPLY = new RegExp(`\\n[^\\n:]{1,${SENDER_LIMIT}} replied: `, "u");
/** {@linkcode REPLY}, each one of a text. */
const REPLIES = new RegExp(REPLY.source, "gu");

/**
 * Where the last reply line of `text` opens (its line break), or -1: `exchangeInput` writes the
 * persona's reply last, so a "<name> replied: " line the sender quoted stands before it.
 */
export function lastReplyStart(text: string): number {
  let start = -1;
  for (const reply of text.matchAll(REPLIES)) start = reply.index;
  return start;
}

/**
 * The sender of `text` when it is a kept exchange (`"<sender> said: ...\n<persona> replied:
 * ..."`), as written; undefined otherwise (a remark that merely reports "Dev said: ..." has no
 * reply line).
 */
export function exchangeSender(text: string): string | undefined {
  // Most memories are no exchange: one plain search rules them out.
  if (!text.includes(" said: ")) return undefined;
  const opening = OPENING.exec(text);
  if (opening === null || !REPLY.test(text.slice(opening[0].length - 1))) return undefined;
  const sender = opening[1]!.trim();
  return sender === "" ? undefined : sender;
}

/**
 * The terms of the name of `sender` that can stand for it (`nameTerms`): its content words of
 * two letters or more ("Theo Lindqvist": "theo", "lindqvist"; not "I", "The").
 */
export function nameTerms(sender: string): string[] {
  return words(sender).filter((word) => word.length >= 2 && isContentWord(word))
    .flatMap((word) => analysedTerms(word));
}

/**
 * {@linkcode exchangeSender}'s name terms of `text` ({@linkcode nameTerms}), remembered: asked of
 * every candidate of every search, so worked out when a memory is written (`everyCandidate`).
 */
export const senderTerms: (text: string) => readonly string[] = rememberedByText((text) => {
  const sender = exchangeSender(text);
  return Object.freeze(sender === undefined ? [] : nameTerms(sender));
}, { everyCandidate: true });

/**
 * The name terms of the store's users for one search: the `asker`'s alone when the search knows
 * it, else those of every sender of an exchange among `contents` (see the module doc). `own`: the
 * persona's own name terms, never a user's (a persona that tells of itself by name).
 */
export function storeUsers(
  contents: Iterable<string>,
  options: { asker?: string; own?: ReadonlySet<string> } = {},
): ReadonlySet<string> {
  const users = new Set<string>();
  if (options.asker !== undefined) {
    for (const term of nameTerms(options.asker.slice(0, SENDER_LIMIT))) users.add(term);
  } else {
    for (const content of contents) for (const term of senderTerms(content)) users.add(term);
  }
  for (const term of options.own ?? []) users.delete(term);
  return users;
}

/**
 * What a sender's key starts with among a memory's kind keys (`kind_ties.ts`' `tiedKeys`): a
 * key is otherwise a word's stem, which holds no colon, so no kind is ever taken for a sender.
 */
export const SENDER_KEY = "said:";

/**
 * The keys of the sender of `content` when it is a kept exchange ({@linkcode exchangeSender}):
 * each of its {@linkcode nameTerms} after {@linkcode SENDER_KEY}, once; none otherwise. Kept with
 * a memory's kind keys by every backend, so that a search can ask whether a name is that of one
 * of the store's users (`store_users.ts`) without the exchange among its candidates.
 */
export function senderKeys(content: string): string[] {
  const sender = exchangeSender(content);
  if (sender === undefined) return [];
  return [...new Set(nameTerms(sender.slice(0, SENDER_LIMIT)))].map((term) => SENDER_KEY + term);
}

/** A text's first word as written, and what follows it ("Theo's", "Theo takes"). */
const FIRST_WORD = /^\s*(\p{L}[\p{L}\p{M}-]*)(['’]s\b)?/u;

/**
 * The name term `text` opens with, as {@linkcode opensWithUser} reads a user's there: its first
 * word, capitalised unless the text has no capitals, when it is one term; else undefined.
 * Remembered by text and worked out when a text is written (`everyCandidate`): asked of every
 * candidate of a search (`store_users.ts`).
 */
export const openingTerm: (text: string) => string | undefined = rememberedByText((text) => {
  const first = FIRST_WORD.exec(text);
  if (first === null) return undefined;
  const word = first[1]!;
  if (!/^\p{Lu}/u.test(word) && text !== text.toLowerCase()) return undefined;
  const terms = analysedTerms(word);
  return terms.length === 1 ? terms[0] : undefined;
}, { everyCandidate: true });

/**
 * Whether `text` opens with a user's name as its subject or owner (`users`: name terms): "Theo
 * takes sertraline 50mg", "Theo's running shoes are Brooks Ghost"; the name capitalised unless the
 * text has no capitals, and not an exchange ("Theo said: ..." is his speech, read as it is).
 */
export function opensWithUser(text: string, users: ReadonlySet<string>): boolean {
  if (users.size === 0) return false;
  const term = openingTerm(text);
  if (term === undefined || !users.has(term)) return false;
  return exchangeSender(text) === undefined;
}

/**
 * The voices `candidates` rank in when their subject is a user of the store
 * ({@linkcode opensWithUser}): the user's own ("self"), as the same fact told with "I" is; only
 * those in no one's voice by their words (`voiceOf` "other"). Added to `voices` (ids already
 * there keep theirs), by id.
 */
export function userVoices(
  candidates: readonly { record: { id?: string; content: string } }[],
  users: ReadonlySet<string>,
  voices: ReadonlyMap<string, Voice>,
): ReadonlyMap<string, Voice> {
  if (users.size === 0) return voices;
  let added: Map<string, Voice> | undefined;
  for (const { record } of candidates) {
    const { id, content } = record;
    if (id === undefined || voices.has(id) || !opensWithUser(content, users)) continue;
    if (voiceOf(content) !== "other") continue;
    (added ??= new Map(voices)).set(id, "self");
  }
  return added ?? voices;
}
