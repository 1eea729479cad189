/**
 * Which memories the pairing of facts and their unlinked updates (`unlinked_updates.ts`) compares,
 * by voice: the persona's own and the group's ({@linkcode UPDATE_VOICES}), a chat remark in the
 * speaker's own voice or a memory layer's fact of the user (`comparedVoice`), and no one's with a
 * number in digits when a change reaches a new value of what it measured
 * ({@linkcode MEASURING_VOICES}).
 *
 * @module
 */
import { type Voice, voiceOf } from "./query.ts";
import { rememberedByText } from "./text_memo.ts";
import { statesUserFact } from "./user_voice.ts";
import { speakersRemark } from "./chat_voice.ts";
import { holdsNumber } from "./text_digits.ts";

/**
 * The voices whose memories are compared as facts and their updates: the persona's own and the
 * group's, in any pairing ("I rent a one-bedroom apartment above a bakery in Ghent", then "Last
 * month we bought a terraced house ... and moved in"; "We keep four chickens", then "A fox got
 * the last of our hens, so there are no more chickens"). Not no one's: a remark in no one's voice
 * is about someone or something else, and two about one person share that name and a good part
 * of their meaning whatever they tell ("Mila just turned five ...", "Mila learned to swim ...
 * now": alike 0.67 in meaning; "My best friend Dev is a wedding photographer in Brussels", "The
 * train to Brussels was cancelled, so Dev came by bus").
 */
export const UPDATE_VOICES: ReadonlySet<Voice> = new Set(["self", "group"]);

/**
 * Whether a memory in `voice` saying `content` is compared as a fact or an update: in
 * {@linkcode UPDATE_VOICES}, or in no one's by its words of person but the speaker's own remark
 * in chat (`speakersRemark`: "learning the hardanger fiddle!!", "Mandy coaches us now").
 */
export function comparedVoice(voice: Voice, content?: string): boolean {
  return UPDATE_VOICES.has(voice) ||
    (voice === "other" && content !== undefined && speakersOwn(content));
}

/**
 * Whether a text in no one's voice is the speaker's own remark in chat (`speakersRemark`) or a
 * memory layer's fact of the user ("User drives a Mazda": `statesUserFact`), remembered by text:
 * one lookup where each of those is one (a chat's stored exchanges, "user said: ...", all say
 * "user", so both were read), asked of every compared candidate twice a search, by the words'
 * weighing (`subject_candidates.ts`) and by the pairing (`update_contenders.ts`) (perf82).
 */
export const speakersOwn: (text: string) => boolean = rememberedByText(
  (text) => speakersRemark(text) || statesUserFact(text),
  { everyCandidate: true },
);

/**
 * Whether a memory saying `text` is compared as a fact (`comparedVoice` of its `voiceOf`),
 * remembered by text: asked of every candidate of every search (the found facts' lookup, whether
 * any two may pair), one lookup here instead of one per memo it reads (the voice's,
 * `speakersRemark`'s) when no one's voice is the pool's usual one (perf36, perf47).
 */
export const inComparedVoice: (text: string) => boolean = rememberedByText(
  (text) => comparedVoice(voiceOf(text), text),
  { everyCandidate: true },
);

/**
 * The voices of memories compared as facts and updates only when a change brings the newer one to
 * a new value of a unit the older one measured (`reachesNewValue`, and
 * `MEASURED_SUBJECT` in meaning, `update_bounds.ts`), on either side: no one's ("Our rent is 900
 * euros a month", then "The landlord raised the rent to 1,050 euros starting this month"; "She
 * takes sertraline, 50 mg every morning", then "Her GP doubled the sertraline to 100 mg a day";
 * not "The neighbours pay 1,200 euros a month for a bigger flat"). A remark about someone else
 * that names what a fact named and tells of a change is often no update of it (the train to
 * Brussels cancelled, a friend in Brussels: {@linkcode UPDATE_VOICES}); a new value reached of
 * what the fact measured is. The newer side in it: set 4 stored without links 0.800 / 0.616 →
 * 0.807 / 0.622 (half a 0.742 / 0.555 → 0.758 / 0.568; half b 0.675 → 0.674 MRR: the new rent
 * now stands where the old one stood, just above it, one place above another answer); the older
 * side too: set 6 stored without links 0.853 / 0.728 → 0.853 / 0.732 (half a 0.730 → 0.738,
 * newer first 0.30 → 0.40; half b unchanged). Sets 1, 2, 3 and 5 and every set linked unchanged.
 */
export const MEASURING_VOICES: ReadonlySet<Voice> = new Set(["other"]);

/**
 * Whether a memory in `voice` saying `content` may be compared as a fact or its update though
 * not in {@linkcode UPDATE_VOICES}: in {@linkcode MEASURING_VOICES}, with a number (`holdsNumber`).
 */
export function measuringVoice(voice: Voice, content: string): boolean {
  return MEASURING_VOICES.has(voice) && holdsNumber(content);
}
