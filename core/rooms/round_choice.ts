/**
 * How a round chooses its next speaker: each member present as a candidate (`speakers.ts`) and
 * the round's continue score (`continue_score.ts`), from the snapshot of the members' state.
 *
 * @module
 */
import { type ContinueScore, continueScore } from "../dialogue/continue_score.ts";
import { overlap } from "../dialogue/utterance.ts";
import type { EmotionSnapshot } from "../emotions/mod.ts";
import type { Persona } from "../personas/mod.ts";
import type { Compatibility } from "../relationships/mod.ts";
import type { Room, RoomMessage } from "./repository.ts";
import { type RoomCandidate, talkativenessOf } from "./speakers.ts";
import type { RoomDeps } from "./types.ts";

/** The compatibility of every pair present (read once per reply of a round). */
export async function pairsOf(deps: RoomDeps, present: Persona[]): Promise<Compatibility[]> {
  const pairs: Compatibility[] = [];
  for (const [i, a] of present.entries()) {
    for (const b of present.slice(i + 1)) {
      pairs.push(await deps.relationships.compatibility(a.id, b.id));
    }
  }
  return pairs;
}

/** The score of going on with the round (the dialogue's rules, the room's cap). */
export function roundScore(
  deps: RoomDeps,
  input: {
    room: Room;
    present: Persona[];
    snapshots: Map<string, EmotionSnapshot>;
    transcript: RoomMessage[];
    turns: number;
    tokensUsed: number;
    pairs: Compatibility[];
  },
): ContinueScore {
  const { present, snapshots, transcript, pairs } = input;
  const last = transcript.at(-1);
  const repetition = last
    ? Math.max(0, ...transcript.slice(-5, -1).map((line) => overlap(line.content, last.content)))
    : 0;
  return continueScore({
    turnsSoFar: input.turns,
    minutesSoFar: 0,
    // The round's cap coincides with the room's max replies.
    maxTurns: input.room.max_replies + 1,
    maxMinutes: 60,
    topic: null,
    participants: present.map((p) => {
      const snapshot = snapshots.get(p.id);
      return {
        name: p.name,
        extraversion: p.personality_traits.extraversion,
        conscientiousness: p.personality_traits.conscientiousness,
        topicInterest: 50,
        socialEnergy: snapshot?.state.social_energy ?? 100,
        fatigue: snapshot?.state.interaction_fatigue ?? 0,
        canGoOn: snapshot?.canGoOn ?? true,
      };
    }),
    pairs: pairs.length
      ? pairs.map((pair) => ({ overall: pair.overall, history: pair.history }))
      : [{ overall: 0.5, history: 0 }],
    tokensUsed: input.tokensUsed,
    tokenBudget: deps.settings.roundTokenBudget,
    repetition,
  });
}

/** The members present as candidates to speak next. */
export function candidates(
  { present, snapshots, transcript }: {
    present: Persona[];
    snapshots: Map<string, EmotionSnapshot>;
    transcript: RoomMessage[];
  },
): RoomCandidate[] {
  return present.map((persona) => {
    const at = transcript.findLastIndex((line) => line.persona_id === persona.id);
    const snapshot = snapshots.get(persona.id);
    return {
      id: persona.id,
      name: persona.name,
      extraversion: persona.personality_traits.extraversion,
      talkativeness: talkativenessOf(persona.extensions),
      mood: snapshot?.state.mood ?? 0,
      socialEnergy: snapshot?.state.social_energy ?? 100,
      fatigue: snapshot?.state.interaction_fatigue ?? 0,
      turnsSinceSpoke: at < 0 ? 1000 : transcript.length - 1 - at,
    };
  });
}
