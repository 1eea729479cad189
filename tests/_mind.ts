/**
 * Test support for the mind: a scripted model for the fakes (it answers the background jobs'
 * JSON requests from a script the test writes, and chats like the default fake), helpers to
 * read those requests, and to wait until the job queue is idle.
 *
 * @module
 */
import { defaultReply, type FakeChatRequest } from "./fake_model_behavior.ts";

/** A fact as the script proposes it. */
export interface ScriptedFact {
  content: string;
  about?: "speaker" | "self" | "other";
  importance?: number;
}

/** What the scripted model answers to each kind of job request. */
export interface MindScript {
  /** Facts in what the persona witnessed (`transcript`: its lines). */
  facts?(transcript: string, request: FakeChatRequest): ScriptedFact[];
  /** Core-block updates proposed with the facts. */
  blockUpdates?(
    transcript: string,
  ): Array<{ label: string; action: "append" | "replace"; content: string }>;
  /** The numbers (1-based) of the `older` facts that `fact` replaces. */
  replaced?(fact: string, older: string[]): number[];
  /** Questions about the numbered statements. */
  questions?(statements: string[]): string[];
  /** Insights citing the numbers of `evidence`. */
  insights?(
    evidence: string[],
    questions: string[],
  ): Array<{ content: string; evidence: number[]; importance: number }>;
  /** A chat answer (not JSON); the default fake's by default. */
  chat?(request: FakeChatRequest): string;
}

/** Which job a JSON request is, from its schema's fields. */
export type JobRequestKind = "facts" | "supersession" | "questions" | "insights";

/** The JSON Schema a request asks for (Ollama's `format`, OpenAI's `response_format`). */
export function requestedSchema(request: FakeChatRequest): Record<string, unknown> | undefined {
  if (request.format && typeof request.format === "object") {
    return request.format as Record<string, unknown>;
  }
  const format = request.response_format as
    | { type: string; json_schema?: { schema: Record<string, unknown> } }
    | undefined;
  return format?.json_schema?.schema;
}

/** The job a request is for, or null for a chat. */
export function jobKind(request: FakeChatRequest): JobRequestKind | null {
  const properties = requestedSchema(request)?.properties as Record<string, unknown> | undefined;
  if (!properties) return null;
  if ("facts" in properties) return "facts";
  if ("replaced" in properties) return "supersession";
  if ("questions" in properties) return "questions";
  if ("insights" in properties) return "insights";
  return null;
}

/** The numbered lines (`1. text`) after `heading` in `text`. */
export function numberedAfter(text: string, heading: string): string[] {
  const start = text.indexOf(heading);
  if (start < 0) return [];
  return text.slice(start + heading.length).split("\n")
    .map((line) => /^\d+\. (.*)$/.exec(line)?.[1])
    .filter((line): line is string => line !== undefined);
}

function userText(request: FakeChatRequest): string {
  return request.messages.filter((message) => message.role === "user").map((m) => m.content)
    .join("\n");
}

/** A reply function for the fakes that answers job requests from `script`. */
export function mindReply(script: MindScript): (request: FakeChatRequest) => string {
  return (request) => {
    const text = userText(request);
    switch (jobKind(request)) {
      case "facts": {
        const transcript = text.slice(text.indexOf(":\n") + 2);
        const facts = (script.facts?.(transcript, request) ?? []).map((fact) => ({
          content: fact.content,
          about: fact.about ?? "speaker",
          importance: fact.importance ?? 5,
        }));
        return JSON.stringify({ facts, block_updates: script.blockUpdates?.(transcript) ?? [] });
      }
      case "supersession": {
        const fact = /^New fact: (.*)$/m.exec(text)?.[1] ?? "";
        return JSON.stringify({
          replaced: script.replaced?.(fact, numberedAfter(text, "Older facts:\n")) ?? [],
        });
      }
      case "questions":
        return JSON.stringify({
          questions: script.questions?.(numberedAfter(text, "Statements:\n")) ?? [],
        });
      case "insights": {
        const questions = text.split("\n").filter((line) => line.startsWith("- ")).map((line) =>
          line.slice(2)
        );
        return JSON.stringify({
          insights: script.insights?.(numberedAfter(text, "Statements:\n"), questions) ?? [],
        });
      }
      default:
        return (script.chat ?? defaultReply)(request);
    }
  };
}

/** The requests of one job kind among `requests`. */
export function jobRequests(
  requests: readonly FakeChatRequest[],
  kind: JobRequestKind,
): FakeChatRequest[] {
  return requests.filter((request) => jobKind(request) === kind);
}

/** The chat requests (no JSON schema) among `requests`. */
export function chatOnly(requests: readonly FakeChatRequest[]): FakeChatRequest[] {
  return requests.filter((request) => jobKind(request) === null);
}

/** Every text of a request (its messages), for "is this word anywhere in it" checks. */
export function requestText(request: FakeChatRequest): string {
  return request.messages.map((message) => message.content).join("\n");
}

/** Settings that turn the mind on for a test (testConfig turns it off by default). */
export const MIND_ON: Record<string, string> = {
  MEMORY_EXTRACTION: "true",
  MEMORY_REFLECTION: "true",
  MEMORY_EXTRACTION_DELAY_S: "0.05",
  JOBS_RETRY_BASE_S: "0.05",
  LLM_BACKGROUND_QUIET_MS: "0",
};

/** Resolves once `check` holds, polling every 10 ms; fails with `what` after `ms`. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  options: { what: string; ms?: number },
): Promise<void> {
  const end = Date.now() + (options.ms ?? 10_000);
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves when no job is queued or running (jobs of a later start time included). */
export async function jobsIdle(
  jobs: { figures(): Promise<{ queued: number; running: number }> },
  ms = 10_000,
): Promise<void> {
  await eventually(async () => {
    const counts = await jobs.figures();
    return counts.queued === 0 && counts.running === 0;
  }, { what: "the job queue to be idle", ms });
}
