/**
 * Who answers in a room after the user speaks: the rules of persona-to-persona turns, applied to
 * one round (the replies to one user message).
 *
 * - Anyone the user named answers first, in the order named; then anyone named in the last
 *   reply. Nobody speaks twice in a row, unless alone (and alone, once per round). A member left
 *   alone mid-round (the others left) who has not answered yet still answers by these rules.
 * - `everyone` mode: every member present answers once, the named first, then the most willing.
 * - `natural` mode: when nobody was named, the most willing member answers. After that, another
 *   reply comes only while the room's continue score (the persona-to-persona score over the
 *   members present, this round's replies counting as turns) plus a talkativeness bonus,
 *   `score + 20 · (talkativeness − 0.5)`, reaches the high mark (CONTINUE_HIGH) and no hard cap
 *   applies; members who have not spoken this round go first.
 * - No round has more than `maxReplies` replies.
 *
 * Willingness is the persona-to-persona formula with extraversion averaged with the card's
 * talkativeness (SillyTavern's per-character group-chat setting; 0.5 when unset).
 *
 * @module
 */
import type { ContinueScore } from "../dialogue/continue_score.ts";
import { type Candidate, willingness } from "../dialogue/speaker.ts";
import { mentions } from "../dialogue/utterance.ts";

/** A member present, as the choice sees it. */
export interface RoomCandidate extends Candidate {
  /** 0..1; the card's `extensions.talkativeness`, 0.5 when unset. */
  talkativeness: number;
}

/** How a room answers the user. */
export type ReplyMode = "natural" | "everyone";

/** The round so far: the user's message and the replies to it. */
export interface Round {
  userMessage: string;
  replies: ReadonlyArray<{ speakerId: string; content: string }>;
}

/** The rules of a round. */
export interface RoundRules {
  mode: ReplyMode;
  maxReplies: number;
  /** CONTINUE_HIGH: the score a further, unprompted reply needs. */
  highScore: number;
}

/** Why a member speaks next. */
export type RoomSpeakerReason = "mentioned" | "most_willing" | "everyone" | "continues" | "alone";

/** The next speaker and why (with the score that let an unprompted reply through). */
export interface RoomSpeakerChoice {
  speaker: RoomCandidate;
  reason: RoomSpeakerReason;
  score?: ContinueScore;
}

/** Willingness in a room: extraversion averaged with talkativeness. */
export function roomWillingness(candidate: RoomCandidate, members: number): number {
  return willingness(
    { ...candidate, extraversion: (candidate.extraversion + candidate.talkativeness) / 2 },
    members,
  );
}

function mostWilling(
  pool: readonly RoomCandidate[],
  { members, spoke }: { members: number; spoke: ReadonlySet<string> },
): RoomCandidate | undefined {
  let best: RoomCandidate | undefined;
  for (const candidate of pool) {
    if (best === undefined) {
      best = candidate;
      continue;
    }
    const fresher = Number(spoke.has(best.id)) - Number(spoke.has(candidate.id));
    if (
      fresher > 0 ||
      (fresher === 0 && roomWillingness(candidate, members) > roomWillingness(best, members))
    ) best = candidate;
  }
  return best;
}

function named(text: string, pool: readonly RoomCandidate[]): RoomCandidate[] {
  return mentions(text, pool.map((candidate) => candidate.name))
    .map((name) => pool.find((candidate) => candidate.name === name))
    .filter((candidate): candidate is RoomCandidate => candidate !== undefined);
}

/**
 * The next speaker of the round, or null when the round is over. `score(turns)` is the room's
 * continue score with `turns` replies so far (asked only when an unprompted reply is weighed).
 */
export function nextInRound(
  candidates: readonly RoomCandidate[],
  round: Round,
  options: { rules: RoundRules; score: (turns: number) => ContinueScore },
): RoomSpeakerChoice | null {
  const { rules } = options;
  const done = round.replies.length;
  if (done >= rules.maxReplies || candidates.length === 0) return null;
  const last = round.replies.at(-1);
  const spoke = new Set(round.replies.map((reply) => reply.speakerId));
  const [only] = candidates;
  if (candidates.length === 1 && only) {
    if (done === 0) return { speaker: only, reason: "alone" };
    // Alone after the others spoke and left: one who has not answered yet goes by the rules below.
    if (spoke.has(only.id)) return null;
  }
  const eligible = candidates.filter((candidate) => candidate.id !== last?.speakerId);
  const fromUser = named(round.userMessage, eligible).find((c) => !spoke.has(c.id));
  if (fromUser) return { speaker: fromUser, reason: "mentioned" };
  const fromLast = last ? named(last.content, eligible)[0] : undefined;
  if (fromLast) return { speaker: fromLast, reason: "mentioned" };
  if (rules.mode === "everyone") {
    const next = mostWilling(eligible.filter((c) => !spoke.has(c.id)), {
      members: candidates.length,
      spoke,
    });
    return next ? { speaker: next, reason: "everyone" } : null;
  }
  const best = mostWilling(eligible, { members: candidates.length, spoke });
  if (!best) return null;
  if (done === 0) return { speaker: best, reason: "most_willing" };
  const score = options.score(done);
  const pull = score.score + 20 * (best.talkativeness - 0.5);
  return score.cap === null && pull >= rules.highScore
    ? { speaker: best, reason: "continues", score }
    : null;
}

/** A card's talkativeness (SillyTavern stores it as text) in 0..1; 0.5 when unset or invalid. */
export function talkativenessOf(extensions: Record<string, unknown>): number {
  const raw = extensions.talkativeness;
  const value = typeof raw === "string" ? Number(raw) : raw;
  return typeof value === "number" && Number.isFinite(value)
    ? Math.min(1, Math.max(0, value))
    : 0.5;
}
