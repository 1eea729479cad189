/**
 * Whether one resolved lorebook entry ({@linkcode Candidate}) fires on one scan: the decorators'
 * gates, its primary, additional, excluded and secondary keys looked for under the activation's
 * deadline, and (for group scoring) how many of its keys were found.
 *
 * @module
 */
import type { Candidate } from "./candidate.ts";
import { isPlainKey, keyMatches, keyRefusal, type ScanText } from "./match.ts";
import type { Deadline } from "./time_budget.ts";
import type { ActivationInput, FiredVia } from "./activation_types.ts";

/** Whether the decorators' greeting and character-message gates let `candidate` fire at all. */
export function passesGates(candidate: Candidate, input: ActivationInput): boolean {
  const { decorators } = candidate;
  const spoken = input.characterMessages;
  if (
    decorators.isGreeting !== undefined && input.greetingIndex !== undefined &&
    input.greetingIndex !== null && decorators.isGreeting !== input.greetingIndex
  ) return false;
  if (spoken !== undefined) {
    if (decorators.activateOnlyAfter !== undefined && spoken < decorators.activateOnlyAfter) {
      return false;
    }
    if (decorators.activateOnlyEvery !== undefined && spoken % decorators.activateOnlyEvery !== 0) {
      return false;
    }
  }
  return true;
}

/** A test of one key over the scan, the deadline checked first. */
type KeyTest = (key: string) => boolean;

/** The secondary keys found (every one is looked for), or null when the logic says no. */
function secondaryFound(candidate: Candidate, matches: KeyTest): number | null {
  if (candidate.secondary.length === 0) return 0;
  const hits = candidate.secondary.filter(matches).length;
  switch (candidate.logic) {
    case 1: // NOT ALL
      return hits < candidate.secondary.length ? hits : null;
    case 2: // NOT ANY
      return hits === 0 ? hits : null;
    case 3: // AND ALL
      return hits === candidate.secondary.length ? hits : null;
    default: // AND ANY
      return hits > 0 ? hits : null;
  }
}

/** How many of an entry's primary and secondary keys occur in a scan. */
export interface KeysFound {
  primary: number;
  secondary: number;
}

/** A candidate that fired on a scan, and how. */
export interface Hit {
  candidate: Candidate;
  via: FiredVia;
  key?: string;
  /** Its keys found (for group scoring), counted while they were looked for when asked. */
  found?: KeysFound;
}

/** Where and when `tryCandidate` looks. */
export interface CandidateScan {
  /** The text to scan, called only when a key must be looked for. */
  scan: () => ScanText;
  /** 0 for the chat scan, 1.. for recursion. */
  step: number;
  /** Checked before each key; throws `OutOfTime` once the activation's budget is spent. */
  deadline: Deadline;
  /** Told of each regex key looked for that can never match, and why. */
  onRefused?: (candidate: Candidate, key: string, reason: string) => void;
  /**
   * Count the group score too (the candidate is in a group with scoring): once it fires, its
   * other primary keys are looked for under the same deadline (attack32 H1: they were looked
   * for afterwards with none).
   */
  score?: boolean;
}

/** True when `candidate` fires only on a key looked for (not a constant, not by decorator). */
export function needsKeyScan(candidate: Candidate): boolean {
  const { decorators } = candidate;
  return !decorators.activate && !decorators.dontActivate && candidate.entry.constant !== true &&
    candidate.keys.length > 0;
}

/**
 * Whether `candidate` fires at recursion step `step`: constants and `@@activate` only on the
 * chat scan (step 0), with no key looked for (so they fire even past the time budget).
 */
export function tryCandidate(
  candidate: Candidate,
  { scan, step, deadline, onRefused, score }: CandidateScan,
): Hit | null {
  const { decorators } = candidate;
  if (decorators.activate) return step === 0 ? { candidate, via: "decorator" } : null;
  if (decorators.dontActivate) return null;
  if (candidate.entry.constant === true) return step === 0 ? { candidate, via: "constant" } : null;
  if (candidate.keys.length === 0) return null;
  const text = scan();
  /** The key with its macros replaced when it occurs in the scan, else null. */
  const look = (written: string): string | null => {
    deadline.check(isPlainKey(written.trim(), candidate.match));
    const key = candidate.substitute(written);
    if (keyMatches(text, key, candidate.match)) return key;
    const reason = onRefused && keyRefusal(key, candidate.match);
    if (reason) onRefused(candidate, key.trim(), reason);
    return null;
  };
  const matches: KeyTest = (written) => look(written) !== null;
  let key: string | null = null;
  let at = 0;
  for (; at < candidate.keys.length; at++) if ((key = look(candidate.keys[at]!)) !== null) break;
  if (key === null) return null;
  const extra = decorators.additionalKeys;
  if (extra && !extra.some(matches)) return null;
  const excluded = decorators.excludeKeys;
  if (excluded && excluded.some(matches)) return null;
  const secondary = secondaryFound(candidate, matches);
  if (secondary === null) return null;
  const hit: Hit = { candidate, via: step === 0 ? "key" : "recursion", key: key.trim() };
  if (!score) return hit;
  // The keys before the first match were not found; the rest are looked for (no refusal is
  // reported for them: the report stays as without scoring).
  let primary = 1;
  for (const written of candidate.keys.slice(at + 1)) {
    deadline.check(isPlainKey(written.trim(), candidate.match));
    if (keyMatches(text, candidate.substitute(written), candidate.match)) primary++;
  }
  hit.found = { primary, secondary };
  return hit;
}
