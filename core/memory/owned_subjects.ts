/**
 * EXPERIMENT (recall64): a line told of no one whose subject the speaker owns elsewhere.
 *
 * @module
 */
import { type Voice, voiceOf } from "./query.ts";
import { terms, words } from "./text.ts";
import { subjectOf, toldOfNoOne } from "./impersonal_voice.ts";

const OWNERS: ReadonlyMap<string, Voice> = new Map([["my", "self"], ["our", "group"]]);

/** The speaker's things among `texts`: terms after "my"/"our" (narrow) or any term (broad). */
function ownedTerms(texts: readonly string[], broad: boolean): Map<string, Voice> {
  const owned = new Map<string, Voice>();
  const own = (term: string, voice: Voice) => {
    if (owned.get(term) !== "self") owned.set(term, voice);
  };
  for (const text of texts) {
    const voice = voiceOf(text);
    if (voice === "other") continue;
    if (broad) {
      for (const term of terms(text)) own(term, voice);
      continue;
    }
    const folded = words(text);
    for (let i = 0; i < folded.length; i++) {
      const owner = OWNERS.get(folded[i]!);
      if (owner === undefined) continue;
      for (const term of terms(folded.slice(i + 1, i + 3).join(" "))) own(term, owner);
    }
  }
  return owned;
}

/** Voices of lines told of no one whose subject head is a thing the speaker owns. */
export function ownedVoices(
  records: readonly { id?: string; content: string }[],
  broad: boolean,
): Map<string, Voice> {
  const voices = new Map<string, Voice>();
  const owned = ownedTerms(records.map((record) => record.content), broad);
  for (const record of records) {
    if (record.id === undefined || voiceOf(record.content) !== "other") continue;
    if (!toldOfNoOne(record.content)) continue;
    const subject = subjectOf(record.content);
    if (Deno.env.get("R64D") && !subject?.definite) continue;
    const head = subject?.head;
    const term = head === undefined ? undefined : terms(head)[0];
    const voice = term === undefined ? undefined : owned.get(term);
    if (voice !== undefined) voices.set(record.id, voice);
  }
  return voices;
}
