/**
 * Big Five scores for a character that arrives without them (a card): the model reads the
 * card's description and personality and rates the five traits, asked for structured output
 * (`chatJson`, the schema sent to the server). The values are still read defensively (numbers
 * or numeric text; 0..1, a score past 1 read as percent); anything unusable counts as no answer,
 * and the caller falls back to neutral scores.
 *
 * @module
 */
import { z } from "zod";
import type { ChatMessage, LlmClient } from "../llm/client.ts";
import { clamp01, roundTo } from "../numbers.ts";
import type { Logger } from "../log.ts";
import {
  completeTraits,
  type PersonalityTraits,
  TRAIT_NAMES,
  type TraitsSource,
} from "../personas/mod.ts";

/** Characters of card text the model reads. */
export const INFERENCE_TEXT_CHARS = 6000;

const INSTRUCTIONS =
  "You rate fictional characters on the Big Five personality traits. Read the character and " +
  "answer with one JSON object only, no other text, each value a number from 0.0 (very low) " +
  'to 1.0 (very high): {"openness": 0.0, "conscientiousness": 0.0, "extraversion": 0.0, ' +
  '"agreeableness": 0.0, "neuroticism": 0.0}';

/** The messages asking the model to rate `name` from `text`. */
export function inferenceMessages(name: string, text: string): ChatMessage[] {
  return [
    { role: "system", content: INSTRUCTIONS },
    { role: "user", content: `Character: ${name}\n\n${text.slice(0, INFERENCE_TEXT_CHARS)}` },
  ];
}

function firstJsonObject(text: string): Record<string, unknown> | null {
  for (let start = text.indexOf("{"); start >= 0; start = text.indexOf("{", start + 1)) {
    for (let end = text.indexOf("}", start); end >= 0; end = text.indexOf("}", end + 1)) {
      try {
        const value = JSON.parse(text.slice(start, end + 1));
        if (value !== null && typeof value === "object" && !Array.isArray(value)) return value;
      } catch {
        // Not yet a whole object: try a later closing brace.
      }
    }
  }
  return null;
}

/** Scores from a model's answer text (its first JSON object), or null when unusable. */
export function parseTraits(answer: string): PersonalityTraits | null {
  const object = firstJsonObject(answer);
  return object ? traitsFrom(object) : null;
}

/** Scores from the model's JSON object, or null when it holds fewer than three usable traits. */
export function traitsFrom(object: Record<string, unknown>): PersonalityTraits | null {
  const lower = Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key.trim().toLowerCase(), value]),
  );
  const raw = TRAIT_NAMES.map((name) => {
    const value = typeof lower[name] === "string" ? Number(lower[name]) : lower[name];
    return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
  });
  const found = raw.filter((value): value is number => value !== null);
  if (found.length < 3) return null;
  // Past 1 a score is read as percent (models mix scales now and then).
  const [openness, conscientiousness, extraversion, agreeableness, neuroticism] = raw.map((value) =>
    value === null ? 0.5 : roundTo(clamp01(value > 1 ? value / 100 : value), 2)
  );
  return {
    openness: openness ?? 0.5,
    conscientiousness: conscientiousness ?? 0.5,
    extraversion: extraversion ?? 0.5,
    agreeableness: agreeableness ?? 0.5,
    neuroticism: neuroticism ?? 0.5,
  };
}

const score = z.union([z.number(), z.string()]).optional();
/** The answer asked for: the five scores (lenient: they are checked and scaled after). */
const RATING = z.looseObject({
  openness: score,
  conscientiousness: score,
  extraversion: score,
  agreeableness: score,
  neuroticism: score,
});

/** What inference reads and how long it may take. */
export interface InferenceInput {
  model: string;
  name: string;
  /** The card's description, personality and scenario. */
  text: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The model's Big Five for a character, or null when it is out of reach or answers badly. */
export async function inferBigFive(
  llm: LlmClient,
  input: InferenceInput,
): Promise<PersonalityTraits | null> {
  const deadline = AbortSignal.timeout(input.timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, deadline]) : deadline;
  try {
    const answer = await llm.chatJson({
      model: input.model,
      messages: inferenceMessages(input.name, input.text),
      schema: RATING,
      schemaName: "big_five",
      temperature: 0,
      maxTokens: 200,
      signal,
    });
    return traitsFrom(answer.value);
  } catch (error) {
    // The caller's own cancellation is not "no model": pass it on.
    if (input.signal?.aborted) throw error;
    return null;
  }
}

/**
 * The Big Five of an imported character without its own: the model's (`"inferred"`), else
 * neutral scores (`"neutral"`, logged) when no model answers usably within the settings' time.
 */
export async function ratedTraits(
  deps: { llm: LlmClient; log: Logger; settings: { defaultModel: string; inferTimeoutMs: number } },
  input: { name: string; text: string; signal?: AbortSignal },
): Promise<{ traits: PersonalityTraits; source: TraitsSource }> {
  const inferred = await inferBigFive(deps.llm, {
    model: deps.settings.defaultModel,
    name: input.name,
    text: input.text,
    timeoutMs: deps.settings.inferTimeoutMs,
    signal: input.signal,
  });
  if (inferred) return { traits: inferred, source: "inferred" };
  deps.log.info("No model to rate the imported character; Big Five set neutral", {
    name: input.name,
  });
  return { traits: completeTraits({}), source: "neutral" };
}
