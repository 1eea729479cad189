/**
 * The deterministic importance scorer (no LLM): how much a memory is worth keeping, 0..1.
 *
 * importance = clamp01(0.10 + 0.30·E + 0.30·S + 0.20·P + 0.10·G)
 *
 * - E, emotion: the strongest emotional word, or emphasis (several "!", shouting in capitals).
 * - S, significance: the strongest significant-event word (emergency, married, secret, promise).
 * - P, persona interest: the persona's own `topic_preferences` (0-100 → 0..1) for the topics the
 *   text mentions, the highest one; 0.5 when it mentions none, so a favourite topic raises the
 *   score and a disliked one lowers it.
 * - G, engagement: questions and length.
 *
 * @module
 */
import { clamp01, roundTo } from "../numbers.ts";
import { analysedTerms, analysedWords, isAscii, stem, terms } from "./text.ts";

/** Highest matching score wins; keys are stems (see `text.ts`) so word forms match. */
function lexicon(entries: Array<[number, string]>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [score, list] of entries) {
    for (const word of list.split(" ")) {
      map.set(stem(word), Math.max(score, map.get(stem(word)) ?? 0));
    }
  }
  return map;
}

const EMOTION = lexicon([
  [0.95, "furious terrified devastated heartbroken ecstatic enraged"],
  [0.9, "love hate adore despise grief grieving panic panicked"],
  [0.85, "thrilled overjoyed scared afraid frightened desperate"],
  [0.7, "angry excited anxious proud ashamed jealous lonely"],
  [0.65, "surprised embarrassed shocked upset"],
  [0.6, "happy sad worried disappointed glad sorry"],
  [0.5, "interested hopeful nervous"],
  [0.4, "content curious confused amused calm"],
  [0.2, "tired bored fine okay nice"],
]);

const SIGNIFICANCE = lexicon([
  [0.95, "emergency urgent crisis death died dying killed murder attack attacked fire help"],
  [0.9, "born birth married wedding divorced pregnant funeral accident injured hospital"],
  [0.85, "secret confession betrayal betrayed revelation discovered"],
  [0.75, "promise swear vow commitment decision decided important critical serious"],
  [0.65, "fight argument conflict quarrel lost won victory defeat"],
  [0.55, "plan goal dream job moving moved birthday anniversary first"],
  [0.45, "remember forget forgot recall remind"],
]);

/** What the scorer looks at besides the text. */
export interface ImportanceContext {
  /** The persona's interests: topic → 0-100 (from `persona.topic_preferences`). */
  topicPreferences?: Record<string, number>;
}

/** The score and the factors it came from (each 0..1), for tests and explanations. */
export interface ImportanceBreakdown {
  importance: number;
  emotion: number;
  significance: number;
  interest: number;
  engagement: number;
}

function strongest(stems: readonly string[], table: Map<string, number>): number {
  let best = 0;
  for (const item of stems) best = Math.max(best, table.get(item) ?? 0);
  return best;
}

/**
 * The letters of `text` and how many of them are capitals (change when lower-cased). Plain ASCII
 * text (most) is counted in place, its letters being A-Z and a-z: the same counts as the
 * Unicode way below without a string per letter (an exchange memory has a few hundred).
 */
function letterCase(text: string): { letters: number; upper: number } {
  if (isAscii(text)) {
    let letters = 0;
    let upper = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 65 && code <= 90) {
        letters++;
        upper++;
      } else if (code >= 97 && code <= 122) letters++;
    }
    return { letters, upper };
  }
  const letters = text.match(/\p{L}/gu) ?? [];
  return {
    letters: letters.length,
    upper: letters.filter((char) => char !== char.toLowerCase()).length,
  };
}

function emphasis(text: string): number {
  const bangs = (text.match(/!/g) ?? []).length;
  const { letters, upper } = letterCase(text);
  const shouting = letters >= 4 ? upper / letters : 0;
  const fromBangs = bangs >= 3 ? 0.8 : bangs === 2 ? 0.6 : bangs === 1 ? 0.4 : 0;
  const fromCaps = shouting > 0.5 ? 0.8 : shouting > 0.3 ? 0.7 : 0;
  // A single shouted word ("EMERGENCY") in normal text counts too.
  const shoutedWord = /\b\p{Lu}{4,}\b/u.test(text) ? 0.6 : 0;
  return Math.max(fromBangs, fromCaps, shoutedWord);
}

/** Topics whose terms {@linkcode topicTerms} remembers before it starts over. */
const TOPIC_MEMO_LIMIT = 1_000;
const topicMemo = new Map<string, readonly string[]>();

/** The terms of a persona's topic, remembered: every scored text reads every topic's. */
function topicTerms(topic: string): readonly string[] {
  let known = topicMemo.get(topic);
  if (known === undefined) {
    if (topicMemo.size >= TOPIC_MEMO_LIMIT) topicMemo.clear();
    topicMemo.set(topic, known = terms(topic));
  }
  return known;
}

/** Interest of the persona in what the text mentions; 0.5 when it mentions none of its topics. */
function interest(factors: TextFactors, preferences: Record<string, number>): number {
  let best: number | undefined;
  for (const [topic, level] of Object.entries(preferences)) {
    const present = factors.present ??= new Set(factors.stems);
    const topicStems = topicTerms(topic);
    if (topicStems.length > 0 && topicStems.every((item) => present.has(item))) {
      best = Math.max(best ?? 0, level / 100);
    }
  }
  return best ?? 0.5;
}

function engagement(text: string, wordCount: number): number {
  const questions = Math.min((text.match(/\?/g) ?? []).length * 0.2, 0.4);
  const length = wordCount >= 50 ? 0.4 : wordCount >= 20 ? 0.3 : wordCount >= 10 ? 0.15 : 0;
  const asks = /\b(why|how|explain|tell me|what do you think)\b/i.test(text) ? 0.2 : 0;
  return Math.min(questions + length + asks, 1);
}

/** The factors of a text that do not depend on the persona, and its terms. */
interface TextFactors {
  text: string;
  stems: readonly string[];
  /** `stems` as a set, made when a persona with topics first asks. */
  present?: ReadonlySet<string>;
  emotion: number;
  significance: number;
  engagement: number;
}

/**
 * How many texts' persona-independent factors are kept, latest first: a dialogue turn's text
 * is scored once for each persona present (`turnInputs`), and only its interest differs.
 */
export const RECENT_FACTORS = 4;
const recentFactors: TextFactors[] = [];

function textFactors(text: string): TextFactors {
  for (const recent of recentFactors) if (recent.text === text) return recent;
  // Read once for the terms and the word count, and shared with the memory's other analyses.
  const stems = analysedTerms(text);
  const factors: TextFactors = {
    text,
    stems,
    emotion: Math.max(strongest(stems, EMOTION), emphasis(text)),
    significance: strongest(stems, SIGNIFICANCE),
    engagement: engagement(text, analysedWords(text).length),
  };
  if (recentFactors.length >= RECENT_FACTORS) recentFactors.shift();
  recentFactors.push(factors);
  return factors;
}

/** Scores `text` with its factors; always within 0..1, rounded to 3 decimals. */
export function scoreImportanceDetailed(
  text: string,
  context: ImportanceContext = {},
): ImportanceBreakdown {
  const factors = textFactors(text);
  const { emotion, significance, engagement: engaged } = factors;
  const topicInterest = interest(factors, context.topicPreferences ?? {});
  const raw = 0.1 + 0.3 * emotion + 0.3 * significance + 0.2 * topicInterest + 0.1 * engaged;
  return {
    importance: roundTo(clamp01(raw), 3),
    emotion,
    significance,
    interest: topicInterest,
    engagement: engaged,
  };
}

/** The importance of `text` for a persona with `context`, 0..1. */
export function scoreImportance(text: string, context: ImportanceContext = {}): number {
  return scoreImportanceDetailed(text, context).importance;
}
