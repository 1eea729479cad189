/**
 * What a search's question asks of its candidates, read once from the query and the candidates
 * gathered for it (`search_candidates.ts`), before word alignment (`candidate_alignment.ts`) and
 * ranking (`rank.ts`) judge them by it: the answer types its words ask for, the names it asks
 * about (not the persona's own: whom it is addressed to), whose relatives, whether it asks
 * broadly about one subject (`broad_subject.ts`, `broad_deeds.ts`) or for several facts
 * (`several_facts.ts`), and the voice it asks in.
 *
 * @module
 */
import type { Persona, PersonaService } from "../personas/mod.ts";
import { type BroadSubject, broadSubject } from "./broad_subject.ts";
import { broadDeeds } from "./broad_deeds.ts";
import { bareNameSubject } from "./bare_names.ts";
import { kinOwnership, ownKinAsked } from "./kin_owners.ts";
import { type AskedType, type TypeMembers, typeMembers } from "./meaning/answer_types.ts";
import { readsAsPlural } from "./meaning/class_centroid.ts";
import { askedMembers } from "./member_owners.ts";
import { queryModifiers } from "./noun_modifiers.ts";
import { bareOpeningNames } from "./bare_opening_names.ts";
import { writtenQueryNames } from "./opening_names.ts";
import { ownerNameTerms, personaNameTerms } from "./owner_names.ts";
import { queryVoice, type Voice } from "./query.ts";
import { asksOwn } from "./query_kin.ts";
import { type OwnedRelation, ownedRelations } from "./relation_owners.ts";
import type { Gathered, RunQuery } from "./search_candidates.ts";
import { asksSeveral } from "./several_facts.ts";
import { compoundParts } from "./compound_question.ts";
import { speakerNames, speakerVoice, unspoken } from "./speaker_names.ts";
import { userVoices } from "./user_names.ts";
import { knownUsers } from "./store_users.ts";
import { askedSpeakerThings } from "./speaker_things.ts";
import { partnerLines, speakerPartner } from "./in_law_bridges.ts";
import type { MemoryBackend } from "./backend.ts";
import type { TextFactorQuery } from "./text_factor_query.ts";
import { writtenAsNames } from "./written_names.ts";
import { pooledPhrase } from "./bare_phrases.ts";
import { currentContents } from "./search_pool.ts";

/** What alignment, the text factors and ranking ask of each candidate for one question. */
export interface SearchAsked extends TextFactorQuery {
  /** Whether memories that tell a wish or a plan lose some: the question asks about none. */
  intents: boolean;
  /** Whether the question asks about the persona itself (`asksOwn`). */
  own: boolean;
  /** The names it asks about (terms), the persona's own left out. */
  names: readonly string[];
  /** The relations it gives a name (`ownedRelations`). */
  relations: readonly OwnedRelation[];
  /** Its names a first-person memory introduces as its speaker's (`speakerNames`). */
  speakers: readonly string[];
}

/** A search's question, as {@linkcode searchQuestion} reads it. */
export interface SearchQuestion {
  /** The answer types its words ask for (`answer_types.ts`: "job", "pets") and their members. */
  types: { asked: readonly AskedType[]; members: TypeMembers } | undefined;
  /** The subject it asks about broadly (`broadSubject`, `broadDeeds`), if it does. */
  broad: BroadSubject | undefined;
  /** Whether it asks for several facts by its shape (`asksSeveral`), not being broad. */
  several: boolean;
  /** The voice it asks in: its broad subject's, if any; none when the query is not voiced. */
  voice: Voice | undefined;
  /** What each candidate is asked. */
  asked: SearchAsked;
}

/**
 * Reads `read.query`'s question for `persona`, from what `read.gathered` holds of it; `personas`
 * give the owner names of other personas' candidates when the question names someone, `backend`
 * which names are the store's users (`store_users.ts`).
 */
export async function searchQuestion(
  persona: Persona,
  read: { query: RunQuery; gathered: Gathered },
  deps: { personas: PersonaService; backend: Pick<MemoryBackend, "tiedKinds" | "candidates"> },
): Promise<SearchQuestion> {
  const { query, gathered: { words, analysed, allowed, namedVoices } } = read;
  // The answer types its words ask for (`answer_types.ts`: "job", "surgery", "pets").
  const types = analysed.types.length === 0
    ? undefined
    : { asked: analysed.types, members: await typeMembers() };
  // The persona's own name or nickname ("Marie, do you still ...?") is whom a message is
  // addressed to. Another persona's memories hold its names ("I love jazz" of Kira's).
  const ownName = new Set(personaNameTerms(persona));
  const isPlace = (word: string) => words.isPlace(word);
  const names = [
    ...analysed.names,
    ...writtenQueryNames(
      { text: query.text, placeWordNames: analysed.placeWordNames },
      allowed,
      isPlace,
    ),
  ]
    .filter((name, i, all) => !ownName.has(name) && all.indexOf(name) === i);
  // A name asked alone that the store writes only where a sentence opens ("Kav" for "Kav was
  // my bridesmaid"): a name all the same (`bareOpeningNames`).
  names.push(
    ...bareOpeningNames({ text: query.text, names }, allowed, isPlace)
      .filter((name) => !ownName.has(name)),
  );
  const ownerNames = names.length > 0 && allowed.some((c) => c.record.persona_id !== persona.id)
    ? ownerNameTerms(await deps.personas.list())
    : undefined;
  const relations = names.length > 0 ? ownedRelations(query.text) : [];
  // A question about "my nan": memories of "Leah's nan", "leahs nan" lose some (`kin_owners.ts`).
  const asksOwnKin = ownKinAsked(query.text);
  const owners = asksOwnKin.size === 0
    ? undefined
    : kinOwnership(asksOwnKin, allowed.map((c) => c.record.content));
  const ownKin = owners?.others ? asksOwnKin : undefined;
  const kinNames = ownKin && new Set([
    ...names,
    ...owners!.marked,
    ...writtenAsNames(owners!.bare, allowed),
  ]);
  // A question about one subject broadly ("what do I know about Colleen") reads more hits,
  // each by what it tells beyond the question's words (`broad_subject.ts`); its voice is its
  // subject's: the "I" of "do I know" asks nothing of the speaker.
  // So does one for all its subject does ("what do I do with Moira", `broad_deeds.ts`).
  // So does a name asked alone ("Kav", `bare_names.ts`).
  const broad = broadSubject(query.text) ?? broadDeeds(query.text) ??
    bareNameSubject(query.text, names);
  // A question for several facts by its shape ("what pets do we have", "all the car notes")
  // is ordered as a broad one is, from coverage's pool (`several_facts.ts`).
  // A compound question is not (`compound_question.ts`): each of its parts is read by its own shape.
  const several = !broad && compoundParts(query.text).length === 0 &&
    asksSeveral(query.text, (word) => readsAsPlural(word, (one) => words.has(one)));
  const voice = query.voiced === false
    ? undefined
    : broad
    ? queryVoice(broad.text)
    : analysed.voice;
  // A query that calls the speaker by name ("Where does Danny live?") or "the user" asks about
  // it as "I" does.
  // The store's users (`user_names.ts`): a question naming one asks about the speaker too
  // ("what does Theo take" finds "I take ..."), and a fact opening with one is in the user's
  // voice ("Theo takes sertraline" answers "what do I take").
  // Read from the store's kept exchanges too (`store_users.ts`), not only those in the pool.
  const mine = allowed.filter((candidate) => candidate.record.persona_id === persona.id);
  const { candidateQuery } = read.gathered;
  const ownThings = askedSpeakerThings(query.text);
  const users = await knownUsers({
    names,
    contents: mine.map((candidate) => candidate.record.content),
    ownThings: ownThings.mine.length + ownThings.ours.length > 0,
    speakerVoice: voice === "self" || voice === "group",
    asker: query.asker,
    own: ownName,
  }, { backend: deps.backend, candidateQuery });
  // An "our" thing may be the partner's, whom the store ties (`speaker_things.ts`).
  const partner = ownThings.ours.length === 0 ? undefined : speakerPartner(
    (await partnerLines(candidateQuery, deps.backend)).map(({ record }) => record.content),
    users,
  );
  const speakers = [
    ...new Set([...speakerNames(allowed, names), ...names.filter((name) => users.has(name))]),
  ];
  const own = asksOwn(
    query.text,
    speakerVoice(query.text, voice, speakers),
    unspoken(names, speakers),
  );
  const asked: SearchAsked = {
    intents: !analysed.asksIntent,
    own,
    current: analysed.asksCurrent,
    names,
    ownerNames,
    relations,
    speakers,
    modifiers: queryModifiers(query.text, analysed.terms),
    // A bare phrase parts lines only where some current candidate holds it (`bare_phrases.ts`): a
    // superseded line is history, cut from what is recalled, so it names nothing the store
    // speaks of now (review44c F1: it lowered every current line).
    phrase: pooledPhrase(query.text, currentContents(allowed)),
    ownKin,
    kinNames,
    members: own
      ? askedMembers(types, { text: query.text, isPerson: (word) => words.isPerson(word) })
      : undefined,
    namedVoices: userVoices(mine, users, namedVoices),
    users,
    partner,
  };
  return { types, broad, several, voice, asked };
}
