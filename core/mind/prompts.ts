/**
 * What the background jobs ask the model, and the JSON shapes its answers must have: facts from
 * an exchange (with proposed core-block updates), which older facts a new one replaces, and the
 * two steps of a reflection (questions, then insights citing their evidence). Schemas use no
 * length or range keywords, which some servers' strict modes refuse; limits are applied after.
 *
 * @module
 */
import { z } from "zod";
import type { ChatMessage } from "../llm/client.ts";
import type { Persona } from "../personas/mod.ts";
import type { Block } from "./blocks/schema.ts";

/** Facts from an exchange, and proposed updates of core blocks (an empty list when none). */
export const ExtractionSchema = z.strictObject({
  facts: z.array(z.strictObject({
    content: z.string(),
    about: z.enum(["speaker", "self", "other"]),
    importance: z.number(),
  })),
  block_updates: z.array(z.strictObject({
    label: z.string(),
    action: z.enum(["append", "replace"]),
    content: z.string(),
  })),
});

/** Which of the numbered older facts the new one replaces. */
export const SupersessionSchema = z.strictObject({ replaced: z.array(z.number()) });

/** Questions worth reflecting on. */
export const QuestionsSchema = z.strictObject({ questions: z.array(z.string()) });

/** Insights, each citing the numbered statements it rests on. */
export const InsightsSchema = z.strictObject({
  insights: z.array(z.strictObject({
    content: z.string(),
    evidence: z.array(z.number()),
    importance: z.number(),
  })),
});

function numbered(lines: readonly string[]): string {
  return lines.map((line, i) => `${i + 1}. ${line.replaceAll("\n", " ")}`).join("\n");
}

/** The messages asking for the facts in `transcript` (the persona's own memories of it). */
export function extractionMessages(input: {
  persona: Persona;
  sender: string | null;
  transcript: readonly string[];
  blocks: readonly Block[];
}): ChatMessage[] {
  const { persona, sender, blocks } = input;
  const speaker = sender ?? "the others";
  const system = [
    `You keep the long-term memory of ${persona.name}, a character. Read what ${persona.name} ` +
    "witnessed below and list the durable facts worth remembering: who people are, what they " +
    "have, like or want, where they live or go, what happened, plans, relationships.",
    "Each fact is one short standalone sentence that names its subject (never he, she, I or " +
    `you), for example "Tam lives in Lyon." Lines starting with "I" are ${persona.name}'s own ` +
    "words. Skip greetings, small talk, questions and anything uncertain; return no facts " +
    "when there are none.",
    `"about" is "speaker" for facts about ${speaker}, "self" for facts about ${persona.name}, ` +
    `"other" for anyone else. "importance" rates it from 1 (mundane) to 10 (life-changing).`,
  ];
  if (blocks.length > 0) {
    system.push(
      `${persona.name}'s core memory blocks hold what it must always keep in mind. Propose ` +
        'block_updates only for lasting news that belongs in one of them: "append" adds a line, ' +
        '"replace" rewrites a whole user: block (the others only take "append"); stay within ' +
        "each limit. Blocks:\n" +
        blocks.map((block) =>
          `[${block.label}] (at most ${block.char_limit} characters): ${block.content || "(empty)"}`
        ).join("\n"),
    );
  } else {
    system.push("Return block_updates as an empty list.");
  }
  system.push('Answer with JSON only: {"facts": [...], "block_updates": [...]}.');
  return [
    { role: "system", content: system.join("\n\n") },
    { role: "user", content: `What ${persona.name} witnessed:\n${input.transcript.join("\n")}` },
  ];
}

/** The messages asking which of `older` facts `fact` replaces. */
export function supersessionMessages(
  persona: Persona,
  input: { fact: string; older: readonly string[] },
): ChatMessage[] {
  return [{
    role: "system",
    content: `You keep ${persona.name}'s memory of facts up to date. A new fact has been ` +
      "learned. Which of the numbered older facts does it make outdated, so that both can no " +
      "longer be true (a move, a change of job, a new favourite)? A fact that only adds detail " +
      'or is about something else replaces nothing. Answer with JSON only: {"replaced": ' +
      "[numbers]}, an empty list when it replaces none.",
  }, {
    role: "user",
    content: `New fact: ${input.fact}\n\nOlder facts:\n${numbered(input.older)}`,
  }];
}

/** The messages asking for the salient questions about `statements`. */
export function questionMessages(persona: Persona, statements: readonly string[]): ChatMessage[] {
  return [{
    role: "system",
    content: `You are ${persona.name}'s reflective mind. Given only the statements below, what ` +
      "are the 3 most salient high-level questions one can answer about the people and " +
      'subjects in them? Answer with JSON only: {"questions": ["...", "...", "..."]}.',
  }, { role: "user", content: `Statements:\n${numbered(statements)}` }];
}

/** The messages asking for insights drawn from the numbered `evidence`. */
export function insightMessages(
  persona: Persona,
  input: { questions: readonly string[]; evidence: readonly string[] },
): ChatMessage[] {
  return [{
    role: "system",
    content: `You are ${persona.name}'s reflective mind. From the numbered statements, what ` +
      "5 high-level insights can you infer that answer the questions? Each insight is one " +
      `sentence in ${persona.name}'s own view, cites the numbers of the statements it rests ` +
      'on in "evidence", and rates its importance from 1 to 10. Answer with JSON only: ' +
      '{"insights": [{"content": "...", "evidence": [1, 3], "importance": 6}]}.',
  }, {
    role: "user",
    content: `Questions:\n${input.questions.map((q) => `- ${q}`).join("\n")}\n\n` +
      `Statements:\n${numbered(input.evidence)}`,
  }];
}
