/**
 * Memories that name a thing another one awaits (`met_prospects.ts`): "The interview went well
 * and the agency offered me the position" after "Next Friday I have a job interview at a design
 * agency". Such a memory may tell the awaited thing met with no other sign of an update and in no
 * one's voice, so the pairing of facts and their unlinked updates compares it
 * (`update_contenders.ts`), weighs its words (`subject_candidates.ts`) and does not skip the pairing
 * (`mayPairAsUpdates`). It is compared for that alone: in no one's voice, it is the newer one of
 * a pair only with a memory whose awaited thing it names ({@linkcode namesAwaited}), and the
 * older one of none, as a remark in no one's voice is compared with no other (`UPDATE_VOICES`:
 * "her outback finally died on the way to the interview" is no end of "I drive a rusty old
 * subaru outback", review49b M2). Few memories await anything: the others' terms are read only
 * then.
 *
 * @module
 */
import { awaitedHeadsOfText } from "./awaited_heads.ts";
import { termSetOfText } from "./update_facts.ts";

/** Whether `other`'s terms hold the head of a thing `awaiting` awaits (`awaitedHeads`). */
export function namesAwaited(awaiting: string, other: string): boolean {
  const heads = awaitedHeadsOfText(awaiting);
  if (heads.length === 0) return false;
  const terms = termSetOfText(other);
  return heads.some((head) => terms.has(head));
}

/** How {@linkcode namingAwaited} reads an item. */
export interface AwaitedReading<T> {
  /** The item's text. */
  text: (item: T) => string;
  /** Whose memory it is: only one persona's memories are a fact and its update. */
  persona: (item: T) => string;
}

/**
 * The `others` whose terms hold the head of a thing one of `awaiting` of their persona awaits
 * (`awaitedHeads`), not only their own. The awaited heads are gathered once, by persona and
 * head, and each other's terms looked up in them: a store of many lines awaiting something
 * ("tomorrow I have ...") costs a lookup per term, not one per awaiting memory and head (review49b
 * L1); another persona's memory meets nothing awaited here (a cross-persona search).
 */
export function namingAwaited<T>(
  others: readonly T[],
  awaiting: readonly T[],
  read: AwaitedReading<T>,
): T[] {
  const ownersByPersona = new Map<string, Map<string, T[]>>();
  for (const item of awaiting) {
    const heads = awaitedHeadsOfText(read.text(item));
    if (heads.length === 0) continue;
    const persona = read.persona(item);
    let owners = ownersByPersona.get(persona);
    if (owners === undefined) ownersByPersona.set(persona, owners = new Map());
    for (const head of heads) {
      const held = owners.get(head);
      if (held === undefined) owners.set(head, [item]);
      else if (!held.includes(item)) held.push(item);
    }
  }
  if (ownersByPersona.size === 0) return [];
  return others.filter((other) => {
    const owners = ownersByPersona.get(read.persona(other));
    if (owners === undefined) return false;
    for (const term of termSetOfText(read.text(other))) {
      const held = owners.get(term);
      // Its own head names nothing another awaits.
      if (held !== undefined && (held.length > 1 || held[0] !== other)) return true;
    }
    return false;
  });
}
