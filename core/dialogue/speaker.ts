/**
 * Who speaks next: whoever the last turn mentioned first; otherwise the most willing, by
 * extraversion, mood, energy and fairness. Nobody speaks twice in a row unless alone.
 *
 *   willingness = 0.35·E + 0.25·(mood + 1)/2 + 0.25·energy/100 − 0.15·fatigue/100
 *                 + 0.1·min(1, turns since they last spoke / participants)
 *
 * @module
 */
import { mentions } from "./utterance.ts";

/** A participant as the choice sees it. */
export interface Candidate {
  id: string;
  name: string;
  extraversion: number;
  mood: number;
  socialEnergy: number;
  fatigue: number;
  /** Turns since they last spoke (a large number if never). */
  turnsSinceSpoke: number;
}

/** The choice and why. */
export interface SpeakerChoice {
  speaker: Candidate;
  reason: "mentioned" | "most_willing" | "alone";
}

/** How willing a candidate is to speak. */
export function willingness(candidate: Candidate, participants: number): number {
  return 0.35 * candidate.extraversion + 0.25 * (candidate.mood + 1) / 2 +
    0.25 * candidate.socialEnergy / 100 - 0.15 * candidate.fatigue / 100 +
    0.1 * Math.min(1, candidate.turnsSinceSpoke / participants);
}

/** Chooses the next speaker; `lastTurn` is the previous turn, if any. */
export function chooseSpeaker(
  candidates: readonly Candidate[],
  lastTurn: { speakerId: string; content: string } | null,
): SpeakerChoice {
  const [only] = candidates;
  if (only && candidates.length === 1) return { speaker: only, reason: "alone" };
  const eligible = candidates.filter((candidate) => candidate.id !== lastTurn?.speakerId);
  if (lastTurn) {
    const [first] = mentions(lastTurn.content, eligible.map((candidate) => candidate.name));
    const mentioned = eligible.find((candidate) => candidate.name === first);
    if (mentioned) return { speaker: mentioned, reason: "mentioned" };
  }
  // With two or more candidates, at least one did not speak last: eligible is never empty.
  const best = eligible.reduce((best, candidate) =>
    willingness(candidate, candidates.length) > willingness(best, candidates.length)
      ? candidate
      : best
  );
  return { speaker: best, reason: "most_willing" };
}
