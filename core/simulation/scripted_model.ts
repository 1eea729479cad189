/**
 * The built-in scripted model: an {@linkcode LlmClient} that writes deterministic lines from the
 * seed, the speaker's persona, the topic, the response type and the conversation so far. It is
 * not a language model; the simulation labels it as scripted wherever it reports a model.
 *
 * Everything it needs is read from the turn's prompt as the dialogue engine builds it: the
 * speaker (`You are <name>.`), the topic, who is present, the speaker's mood and feelings about
 * the others, and the response type (from `maxTokens`, which the engine sets per type).
 * Tone: p(positive) = 0.25 + 0.35·A + 0.3·mood + 0.25·(interest − ½);
 * p(negative) = 0.05 + 0.25·N + 0.2·(1 − A) − 0.2·mood + 0.2·(½ − interest) (+0.25 when the
 * speaker dislikes someone present), both clamped, neutral otherwise.
 *
 * @module
 */
import { clamp } from "../numbers.ts";
import { MAX_TOKENS, type ResponseType } from "../dialogue/prompt.ts";
import { escapeRegExp } from "../dialogue/utterance.ts";
import { abortReason, LlmUnavailable } from "../errors.ts";
import type {
  ChatCall,
  ChatResult,
  EmbedOptions,
  JsonCall,
  JsonResult,
  LlmClient,
  ModelList,
} from "../llm/client.ts";
import { type Persona, TRAIT_NAMES } from "../personas/mod.ts";
import { hashText, SeededRandom } from "./random.ts";
import {
  CLOSING,
  detailsFor,
  FULL,
  KEEN,
  LUKEWARM,
  OPENERS,
  QUESTIONS,
  SHORT,
  type Tone,
} from "./scripted_lines.ts";

/** The model name the scripted model answers as. */
export const SCRIPTED_MODEL_NAME = "scripted";

/** The label reports and output use for the scripted model. */
export const SCRIPTED_LABEL = "scripted (built-in deterministic lines, not a language model)";

const MOODS: Record<string, number> = {
  cheerful: 0.6,
  good: 0.3,
  neutral: 0,
  low: -0.3,
  miserable: -0.6,
};

/** What the model reads from a turn's prompt. */
export interface TurnCue {
  speaker: Persona | undefined;
  topic: string | null;
  others: Persona[];
  responseType: ResponseType;
  mood: number;
  dislikesSomeone: boolean;
}

/** Names whose {@linkcode presentPattern} is kept before the memo starts over. */
export const PRESENT_PATTERNS_LIMIT = 1_000;
const presentPatterns = new Map<string, RegExp>();

/** How many names' patterns are kept now (at most {@linkcode PRESENT_PATTERNS_LIMIT}). */
export function presentPatternsKept(): number {
  return presentPatterns.size;
}

/** The pattern that finds `name` in a prompt's list of who is present, kept by name. */
export function presentPattern(name: string): RegExp {
  let pattern = presentPatterns.get(name);
  if (pattern === undefined) {
    if (presentPatterns.size >= PRESENT_PATTERNS_LIMIT) presentPatterns.clear();
    pattern = new RegExp(`(^|, | and )${escapeRegExp(name)}(,|$| and )`);
    presentPatterns.set(name, pattern);
  }
  return pattern;
}

/** Reads the cue of a turn from its messages; `roster` holds every persona that may speak. */
export function readCue(call: ChatCall, roster: readonly Persona[]): TurnCue {
  const system = call.messages[0]?.role === "system" ? call.messages[0].content : "";
  const byLength = [...roster].sort((a, b) => b.name.length - a.name.length);
  const speaker = byLength.find((p) => system.startsWith(`You are ${p.name}.`));
  const topic = /^- The topic is (.+)\.$/m.exec(system)?.[1] ?? null;
  const present = /^- Present: (.+)\.$/m.exec(system)?.[1] ?? "";
  const others = roster.filter((p) => p !== speaker && presentPattern(p.name).test(present));
  const budget = call.maxTokens;
  const responseType = (Object.keys(MAX_TOKENS) as ResponseType[])
    .find((type) => MAX_TOKENS[type] === budget) ?? "full";
  const mood = MOODS[/^- Mood: (\w+)/m.exec(system)?.[1] ?? "neutral"] ?? 0;
  return {
    speaker,
    topic,
    others,
    responseType,
    mood,
    dislikesSomeone: /you (dislike them|can't stand them)/.test(system),
  };
}

/** The tone of the next line for `cue`, chosen with `random`. */
export function chooseTone(cue: TurnCue, random: SeededRandom): Tone {
  const traits = cue.speaker?.personality_traits;
  const a = traits?.agreeableness ?? 0.5;
  const n = traits?.neuroticism ?? 0.5;
  const interest = (cue.topic ? cue.speaker?.topic_preferences[cue.topic] ?? 50 : 50) / 100;
  const positive = clamp(0.25 + 0.35 * a + 0.3 * cue.mood + 0.25 * (interest - 0.5), 0.05, 0.9);
  const negative = clamp(
    0.05 + 0.25 * n + 0.2 * (1 - a) - 0.2 * cue.mood + 0.2 * (0.5 - interest) +
      (cue.dislikesSomeone ? 0.25 : 0),
    0.02,
    0.6,
  );
  const roll = random.next() * Math.max(1, positive + negative);
  return roll < positive ? "positive" : roll < positive + negative ? "negative" : "neutral";
}

function markedTrait(persona: Persona | undefined): keyof typeof OPENERS {
  if (!persona) return "agreeableness";
  return TRAIT_NAMES.reduce((best, name) =>
    Math.abs(persona.personality_traits[name] - 0.5) >
        Math.abs(persona.personality_traits[best] - 0.5)
      ? name
      : best
  );
}

/** Writes the line for `cue`; `random` must be seeded by the turn. */
export function scriptedLine(cue: TurnCue, random: SeededRandom): string {
  const tone = chooseTone(cue, random);
  const topic = cue.topic ? cue.topic.replaceAll("_", " ") : "all this";
  const fill = (template: string) =>
    template.replaceAll("{topic}", topic)
      .replaceAll("{detail}", random.pick(detailsFor(cue.topic)))
      .replaceAll("{other}", cue.others.length ? random.pick(cue.others).name : "friend");
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  if (cue.responseType === "closing") return fill(random.pick(CLOSING[tone]));
  if (cue.responseType === "short") return capitalise(fill(random.pick(SHORT[tone])));
  const parts = [random.pick(OPENERS[markedTrait(cue.speaker)]), fill(random.pick(FULL[tone]))];
  const interest = cue.topic ? cue.speaker?.topic_preferences[cue.topic] ?? 50 : 50;
  if (interest >= 70) parts.push(fill(random.pick(KEEN)));
  else if (interest <= 35) parts.push(fill(random.pick(LUKEWARM)));
  const extraversion = cue.speaker?.personality_traits.extraversion ?? 0.5;
  if (cue.others.length && random.next() < 0.2 + 0.3 * extraversion) {
    parts.push(fill(random.pick(QUESTIONS)));
  }
  // An opener that ends without a full stop runs on into the sentence, lower-cased unless it
  // starts with "I" or a name.
  const runOn = (part: string) =>
    /^[A-Z][a-z]/.test(part) && !cue.others.some((o) => part.startsWith(o.name))
      ? part.charAt(0).toLowerCase() + part.slice(1)
      : part;
  return parts.reduce((text, part) =>
    /[,:]$/.test(text) ? `${text} ${runOn(part)}` : `${text} ${capitalise(part)}`
  );
}

function countTokens(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** The scripted model as an {@linkcode LlmClient}. */
export class ScriptedModel implements LlmClient {
  readonly provider = "scripted";
  readonly host = "scripted://built-in";
  readonly #seed: number;
  readonly #roster: () => readonly Persona[];

  /** `roster` lists the personas that may speak (read on every call, so new ones count). */
  constructor(options: { seed: number; roster: () => readonly Persona[] }) {
    this.#seed = options.seed;
    this.#roster = options.roster;
  }

  /** Writes the next line; the same prompt and seed always give the same line. */
  chat(call: ChatCall): Promise<ChatResult> {
    if (call.signal?.aborted) return Promise.reject(abortReason(call.signal));
    const cue = readCue(call, this.#roster());
    const history = call.messages.slice(1).map((m) => `${m.role}:${m.content}`).join("\n");
    const random = new SeededRandom(
      hashText(
        `${this.#seed}|${cue.speaker?.name}|${cue.topic}|${cue.responseType}|${history}|${call.messages.length}`,
      ),
    );
    const text = scriptedLine(cue, random);
    call.onToken?.(text);
    let promptTokens: number | undefined;
    return Promise.resolve({
      text,
      model: SCRIPTED_MODEL_NAME,
      // Counted when read: a dialogue turn never reads it, and counting the whole prompt of
      // every turn was two fifths of this model's time.
      get promptTokens() {
        return promptTokens ??= call.messages.reduce((sum, m) => sum + countTokens(m.content), 0);
      },
      completionTokens: countTokens(text),
      firstTokenMs: 0,
    });
  }

  /** Writes lines, not JSON: a structured call is an honest error. */
  chatJson<T>(_call: JsonCall<T>): Promise<JsonResult<T>> {
    return Promise.reject(
      new LlmUnavailable("The scripted model cannot answer with JSON", {
        reason: "unsupported",
        provider: "scripted",
        hint: "Run the simulation with a model server for jobs that need structured answers",
      }),
    );
  }

  /** Deterministic bag-of-words vectors (64 dimensions), so memory search still works. */
  embed(_model: string, inputs: string[], options: EmbedOptions = {}): Promise<number[][]> {
    if (options.signal?.aborted) return Promise.reject(abortReason(options.signal));
    return Promise.resolve(inputs.map((text) => {
      const vector = new Array<number>(64).fill(0);
      for (const word of text.toLowerCase().match(/[a-z0-9']+/g) ?? []) {
        vector[hashText(word) % 64]! += 1;
      }
      const norm = Math.hypot(...vector) || 1;
      return vector.map((value) => value / norm);
    }));
  }

  /** Lists the one scripted model. */
  listModels(): Promise<ModelList> {
    return Promise.resolve({
      reachable: true,
      models: [{ name: SCRIPTED_MODEL_NAME, size: null, modified_at: null }],
    });
  }

  /** The scripted model never queues. */
  load(): { running: number; waiting: number } {
    return { running: 0, waiting: 0 };
  }
}
