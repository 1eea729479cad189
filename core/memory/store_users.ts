/**
 * The store's users as the store itself knows them (issue 9, session 44; review43c finding 1).
 * `storeUsers` reads them from the senders of the exchanges among a search's candidates, so a
 * fact written about a user in the third person ("Theo's dog is called Biscuit") was the
 * speaker's own only when some exchange of Theo's happened to reach the pool; in a store where
 * none did, Theo was "someone else" and his dog's line lost to an ownerless one under "what is my
 * dog called?". Every backend keeps each exchange's sender with the memory's kind keys
 * (`senderKeys`, `kind_ties.ts`), by the same writes, updates and deletes; a search asks which of
 * the names its reading turns on are senders of the store ({@linkcode knownUsers}).
 *
 * Only those names are asked, not the store's every sender: PostgreSQL answers one key with one
 * probe of its index of keys per persona, and listing every sender would read every exchange.
 * The names asked are those the readers of users look up: the question's names (a question naming
 * a user asks about the speaker), the owners of the candidates' possessives when the question asks
 * the speaker's own thing (`othersOwnThingFactor`), and the name each candidate opens with
 * (`opensWithUser`). While a backend does not know its ties yet (undefined: a persona's index
 * loaded from stored term ids, or rows written before the keys), the candidates' senders serve,
 * as before.
 *
 * The store is asked only when a reader of users will use the answer (review44b L1: one more
 * statement per search on PostgreSQL, one more exclusive section on SQLite): the question names
 * someone (`speakers`), asks the speaker's own things (`ownThingsFactor`, `speakerPartner`) or is
 * in the speaker's or the household's voice (`userVoices`: a line opening with a user ranks in
 * the user's voice, which `voiceFactor` weighs only for such a question).
 *
 * @module
 */
import type { CandidateQuery, MemoryBackend } from "./backend.ts";
import { possessions } from "./possessed_topics.ts";
import { terms } from "./text.ts";
import { openingTerm, SENDER_KEY, storeUsers } from "./user_names.ts";

/**
 * The most names one search asks the store about: the question's first, then its candidates' in
 * their order. Bounds the keys one read carries (one index probe each on PostgreSQL) however many
 * names a pool of long lines holds.
 */
export const MAX_ASKED_USERS = 64;

/** What {@linkcode knownUsers} reads of a search. */
export interface UsersAsked {
  /** The question's names (terms). */
  names: readonly string[];
  /** The persona's own candidates' contents. */
  contents: readonly string[];
  /** Whether the question asks the speaker's own things ("my"/"our": `askedSpeakerThings`). */
  ownThings: boolean;
  /**
   * Whether the question is in the speaker's or the household's voice (`queryVoice` "self" or
   * "group"): a line opening with a user then ranks in the user's voice (`userVoices`).
   */
  speakerVoice: boolean;
  /** Who asks, when the search knows it: then that one alone is the user (`storeUsers`). */
  asker?: string;
  /** The persona's own name terms, never a user's. */
  own?: ReadonlySet<string>;
}

/**
 * The name terms among `asked` that may be a user's, each once, the question's first, at most
 * {@linkcode MAX_ASKED_USERS}: what {@linkcode knownUsers} asks the store.
 */
export function namesToAsk(
  asked: Pick<UsersAsked, "names" | "contents" | "ownThings" | "own">,
): string[] {
  const found = new Set<string>();
  const add = (term: string | undefined) => {
    if (term !== undefined && found.size < MAX_ASKED_USERS && !asked.own?.has(term)) {
      found.add(term);
    }
  };
  for (const name of asked.names) add(name);
  for (const content of asked.contents) {
    if (found.size >= MAX_ASKED_USERS) break;
    add(openingTerm(content));
    if (!asked.ownThings) continue;
    for (const { owner } of possessions(content)) for (const term of terms(owner)) add(term);
  }
  return [...found];
}

/**
 * The store's users for one search (name terms): the asker's alone when the search knows it
 * (`storeUsers`); else the senders among `asked.contents` and, when a reader of users will use
 * them (a name asked, an own thing, the speaker's voice), of the names the search turns on
 * ({@linkcode namesToAsk}), those a kept exchange of the persona's names as its sender
 * (`backend.tiedKinds` with `SENDER_KEY` keys; nothing more when the backend does not know).
 */
export async function knownUsers(
  asked: UsersAsked,
  store: { backend: Pick<MemoryBackend, "tiedKinds">; candidateQuery: CandidateQuery },
): Promise<ReadonlySet<string>> {
  const users = storeUsers(asked.contents, asked);
  if (asked.asker !== undefined || store.backend.tiedKinds === undefined) return users;
  // No reader of users would use what the store adds (see the module's documentation).
  if (asked.names.length === 0 && !asked.ownThings && !asked.speakerVoice) return users;
  const names = namesToAsk(asked).filter((name) => !users.has(name));
  if (names.length === 0) return users;
  const senders = await store.backend.tiedKinds(
    store.candidateQuery,
    names.map((name) => SENDER_KEY + name),
  );
  if (senders === undefined || senders.size === 0) return users;
  return new Set([...users, ...[...senders].map((key) => key.slice(SENDER_KEY.length))]);
}
