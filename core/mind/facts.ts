/**
 * Facts as the extraction step handles them (pure): cleaning what the model proposed, and the
 * key that says two facts are the same fact.
 *
 * @module
 */
import { clamp } from "../numbers.ts";

/** Most facts kept from one extraction. */
export const MAX_FACTS = 10;
/** Most characters one fact may have (longer ones are not standalone facts). */
export const MAX_FACT_CHARS = 300;

/** Whom a fact is about, as the model says. */
export type FactSubject = "speaker" | "self" | "other";

/** A fact as the model proposed it (the shape its JSON answer is checked against). */
export interface ProposedFact {
  content: string;
  about: FactSubject;
  /** 1 (mundane) to 10 (life-changing); anything else is clamped. */
  importance: number;
}

/** A fact ready to store. */
export interface CleanFact {
  content: string;
  about: FactSubject;
  /** 0.1..1. */
  importance: number;
  key: string;
}

/**
 * The identity of a fact: lower case, letters and digits only, single spaces. "Tam lives in
 * Lyon." and "tam lives in lyon" are the same fact.
 */
export function factKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Whether two texts state the same fact. */
export function sameFact(a: string, b: string): boolean {
  return factKey(a) === factKey(b);
}

/**
 * The facts worth storing from a model's proposal: trimmed to one line, non-empty, at most
 * {@linkcode MAX_FACT_CHARS} characters, each stated once, at most {@linkcode MAX_FACTS}.
 * Importance 1-10 becomes 0.1-1 (a missing or odd value counts as 5).
 */
export function cleanFacts(proposed: readonly ProposedFact[]): CleanFact[] {
  const seen = new Set<string>();
  const facts: CleanFact[] = [];
  for (const fact of proposed) {
    const content = fact.content.replace(/\s+/g, " ").trim();
    const key = factKey(content);
    if (key === "" || content.length > MAX_FACT_CHARS || seen.has(key)) continue;
    seen.add(key);
    const rating = Number.isFinite(fact.importance) ? Math.round(fact.importance) : 5;
    facts.push({ content, about: fact.about, importance: clamp(rating, 1, 10) / 10, key });
    if (facts.length === MAX_FACTS) break;
  }
  return facts;
}
