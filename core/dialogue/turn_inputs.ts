/**
 * What a turn is decided from: the next speaker (from each participant's state) and the
 * continue score (from the conversation so far, states, compatibility and repetition).
 *
 * @module
 */
import type { Clock } from "../clock.ts";
import type { EmotionService, EmotionSnapshot } from "../emotions/mod.ts";
import type { Persona } from "../personas/mod.ts";
import {
  compatibilityScore,
  orderedPair,
  type Relationship,
  type RelationshipService,
} from "../relationships/mod.ts";
import { type ContinueScore, continueScore } from "./continue_score.ts";
import type { Dialogue, TranscriptLine } from "./repository.ts";
import { chooseSpeaker, type SpeakerChoice } from "./speaker.ts";
import { overlap } from "./utterance.ts";

/** Each participant's state, read once per turn, by persona id. */
export type Snapshots = Map<string, EmotionSnapshot>;

/** Reads every participant's state once (in one query). */
export function snapshotAll(emotions: EmotionService, people: Persona[]): Promise<Snapshots> {
  return emotions.snapshots(people);
}

/** The relationship of each pair of participants (none: never met), read once per turn. */
export type PairRelationships = Map<string, Relationship | undefined>;

function pairKey(a: string, b: string): string {
  return orderedPair(a, b).join(" ");
}

/**
 * Reads the relationship of every pair of `people` once: the turn's score and the speaker's
 * prompt both use them (read twice per pair before, with nothing written in between by this
 * turn).
 */
export async function readPairs(
  relationships: RelationshipService,
  people: readonly Persona[],
): Promise<PairRelationships> {
  const pairs: PairRelationships = new Map();
  for (const [i, a] of people.entries()) {
    for (const b of people.slice(i + 1)) {
      pairs.set(pairKey(a.id, b.id), await relationships.get(a.id, b.id));
    }
  }
  return pairs;
}

/** What `relationships.get` answers for pairs of participants, from the turn's reads. */
export function pairReader(
  pairs: PairRelationships,
): { get(a: string, b: string): Promise<Relationship | undefined> } {
  return { get: (a, b) => Promise.resolve(pairs.get(pairKey(a, b))) };
}

/** What a turn is decided from, read once at its start. */
export interface TurnSituation {
  dialogue: Dialogue;
  /** The participants still there. */
  people: Persona[];
  /** The turns so far, in order. */
  transcript: TranscriptLine[];
  snapshots: Snapshots;
  pairs: PairRelationships;
}

/** The participant who speaks next, and why. */
export function nextSpeaker(
  { snapshots, people, transcript }: Omit<TurnSituation, "dialogue" | "pairs">,
): { speaker: Persona; reason: SpeakerChoice["reason"] } {
  const turnsSinceSpoke = (id: string) => {
    for (let i = transcript.length - 1; i >= 0; i--) {
      if (transcript[i]?.speaker_id === id) return transcript.length - 1 - i;
    }
    return 1000;
  };
  const last = transcript.at(-1);
  const chosen = chooseSpeaker(
    people.map((p) => {
      const { state } = snapshots.get(p.id)!;
      return {
        id: p.id,
        name: p.name,
        extraversion: p.personality_traits.extraversion,
        mood: state.mood,
        socialEnergy: state.social_energy,
        fatigue: state.interaction_fatigue,
        turnsSinceSpoke: turnsSinceSpoke(p.id),
      };
    }),
    last ? { speakerId: last.speaker_id, content: last.content } : null,
  );
  return { speaker: people.find((p) => p.id === chosen.speaker.id)!, reason: chosen.reason };
}

/** The continue score of the coming turn. */
export function scoreTurn(
  deps: {
    clock: Clock;
    settings: { maxTurns: number; maxMinutes: number };
  },
  situation: TurnSituation,
): ContinueScore {
  const { clock, settings } = deps;
  const { dialogue, people, transcript, snapshots } = situation;
  const pairs = [];
  for (const [i, a] of people.entries()) {
    for (const b of people.slice(i + 1)) {
      // In the pair's order, as `RelationshipService.compatibility` takes them.
      const [first, second] = a.id < b.id ? [a, b] : [b, a];
      pairs.push(compatibilityScore(first, second, situation.pairs.get(pairKey(a.id, b.id))));
    }
  }
  const last = transcript.at(-1);
  const repetition = last
    ? Math.max(0, ...transcript.slice(-5, -1).map((turn) => overlap(turn.content, last.content)))
    : 0;
  return continueScore({
    turnsSoFar: transcript.length,
    minutesSoFar: (clock.now() - dialogue.started_at) / 60_000,
    maxTurns: settings.maxTurns,
    maxMinutes: settings.maxMinutes,
    topic: dialogue.topic,
    participants: people.map((p) => {
      const { state, canGoOn } = snapshots.get(p.id)!;
      return {
        name: p.name,
        extraversion: p.personality_traits.extraversion,
        conscientiousness: p.personality_traits.conscientiousness,
        topicInterest: dialogue.topic ? p.topic_preferences[dialogue.topic] ?? 50 : 50,
        socialEnergy: state.social_energy,
        fatigue: state.interaction_fatigue,
        canGoOn,
      };
    }),
    pairs: pairs.map((pair) => ({ overall: pair.overall, history: pair.history })),
    tokensUsed: dialogue.tokens_used,
    tokenBudget: dialogue.token_budget,
    repetition,
  });
}
