/**
 * A question for the speaker's in-laws reaches the memories of their partner's relatives (issue 9,
 * session 42): "who are my in-laws" finds "Jonah's mum Pauline lives in Hull" when another memory
 * says "Jonah (Theo's partner) is a physio" and Theo is the store's user (`in_laws.ts` reads both
 * the question and the tie; `owned_family.ts` the relatives).
 *
 * Two lexical-only lookups, and only for a question that asks for its speaker's in-laws: the
 * {@linkcode PARTNER_SOURCES} memories that hold a partner role's word, for the tie; then the
 * partner's family as a question for "<partner>'s family" reads it (`relativeBridges`,
 * `family_bridges.ts`), each relative's name a bridge for the question's "in-laws". The speaker's
 * own tie ("my wife is Colleen") is the speaker's partner; a tie owned by a name is the speaker's
 * only when that name is a user's (`storeUsers`: the asker's, or the senders of the exchanges
 * among the search's candidates and the lookup's), so "Dev's girlfriend Mirela" never makes
 * Mirela's family the speaker's in-laws. A current memory's tie comes before a replaced one's.
 *
 * @module
 */
import type { Candidate, CandidateQuery, MemoryBackend } from "./backend.ts";
import { relativeBridges } from "./family_bridges.ts";
import { asksOwnInLaws, partnerTies } from "./in_laws.ts";
import { queryTerms } from "./lexical_index.ts";
import type { RelationBridge } from "./relation_expansion.ts";
import { PARTNER_ROLES } from "./relation_names.ts";
import { lastReplyStart, storeUsers } from "./user_names.ts";

/** How many memories holding a partner role's word are read for the speaker's partner. */
export const PARTNER_SOURCES = 24;

/**
 * The partner roles' analysed terms and those of the verbs of becoming partners ("Maja and I got
 * married", `partnerTies`), each once: the first lookup's terms.
 */
const PARTNER_TERMS: readonly string[] = Object.freeze([
  ...new Set(
    [...PARTNER_ROLES, "married", "engaged", "together"].flatMap((role) => queryTerms(role)),
  ),
]);

/** The query as `inLawBridges` reads it, with the search's candidates so far. */
export interface InLawQuestion {
  text: string;
  own: readonly string[];
  candidateQuery: CandidateQuery;
  /** The search's candidates: the exchanges among them name the store's users. */
  pool: readonly Candidate[];
  /** Who asks, when the search knows it (`RunQuery.asker`). */
  asker?: string;
  /** Names already bridged: not bridged again. */
  taken?: ReadonlySet<string>;
}

/**
 * The names the persona's memories give the relatives of the speaker's partner, each a bridge
 * for the question's "in-laws"; none when `asked.text` asks for no in-laws of its speaker or the
 * store ties the speaker to no partner.
 */
export async function inLawBridges(
  asked: InLawQuestion,
  backend: Pick<MemoryBackend, "candidates">,
): Promise<RelationBridge[]> {
  const said = asksOwnInLaws(asked.text);
  if (said === undefined) return [];
  const term = asked.own.find((one) => one === queryTerms(said)[0]);
  if (term === undefined) return [];
  const { candidateQuery } = asked;
  const current = await partnerLines(candidateQuery, backend);
  const mine = [...asked.pool, ...current].filter(({ record }) =>
    record.persona_id === candidateQuery.personaId
  );
  const users = storeUsers(mine.map(({ record }) => record.content), { asker: asked.asker });
  const partner = speakerPartner(current.map(({ record }) => record.content), users);
  if (partner === undefined) return [];
  const relatives = await relativeBridges({
    owner: partner,
    term,
    candidateQuery,
    // Neither the partner nor a user is the speaker's in-law ("Jonah's partner Theo").
    taken: new Set([...asked.own, ...asked.taken ?? [], ...users, partner]),
  }, backend);
  // A line says someone is an in-law where it ties them to the partner ("Jonah's mum Pauline" is
  // "my mother-in-law Pauline"); "Pauline's 70th is in August" says nothing of who she is. Such a
  // line is the speaker's own news, as "my mother-in-law lives in Hull" would be (`namedVoices`).
  return relatives.map((bridge) => ({ ...bridge, voice: "self", relativeOf: partner }));
}

/**
 * The {@linkcode PARTNER_SOURCES} memories of `candidateQuery`'s persona that hold a partner
 * role's word, read lexically: where the store ties the speaker's partner, current ones first.
 */
export async function partnerLines(
  candidateQuery: CandidateQuery,
  backend: Pick<MemoryBackend, "candidates">,
): Promise<Candidate[]> {
  const sources = (await backend.candidates({
    ...candidateQuery,
    terms: PARTNER_TERMS,
    priors: PARTNER_TERMS.map(() => 1),
    limit: PARTNER_SOURCES,
    lexicalOnly: true,
  })).filter(({ record, lexical }) =>
    lexical > 0 && record.persona_id === candidateQuery.personaId
  );
  // A current memory's tie first: a replaced one's stands only when no current one ties anyone
  // ("my girlfriend is now Sara" replaced "... Ana"; news of Jonah's job leaves him the partner).
  // The newest first within each: one has one partner at a time, and a later tie tells the one
  // now ("Maja and I got married" after a line about "my wife Ana"; review44b L3).
  const newestFirst = (a: Candidate, b: Candidate) =>
    b.record.created_at.localeCompare(a.record.created_at);
  return [
    ...sources.filter(({ record }) => record.superseded_by === null).sort(newestFirst),
    ...sources.filter(({ record }) => record.superseded_by !== null).sort(newestFirst),
  ];
}

/**
 * The speaker's partner's name term among the ties `contents` state (`partnerTies`): the first
 * the speaker owns ("my wife Colleen", "Maja and I got married"), else the first a user owns
 * ("Jonah (Theo's partner)"); {@linkcode partnerLines} gives the newest lines first.
 */
export function speakerPartner(
  contents: readonly string[],
  users: ReadonlySet<string>,
): string | undefined {
  const ties = contents.flatMap((content) => {
    // An exchange's reply is the persona's voice: its "my wife" is not the speaker's.
    const reply = lastReplyStart(content);
    return partnerTies(reply < 0 ? content : content.slice(0, reply));
  });
  const own = ties.find((tie) => tie.owner === undefined && !users.has(tie.name));
  if (own !== undefined) return own.name;
  return ties.find((tie) => tie.owner !== undefined && users.has(tie.owner))?.name;
}
