/**
 * Reading what an OpenAI-compatible server answers to a streaming request, besides the stream
 * itself: the one choice that is the answer (`index` 0: a server asked for one may still send
 * others), and a whole `chat.completion` JSON body from a server (a proxy, a gateway) that ignored
 * `stream: true`.
 *
 * @module
 */
import type { ServerInfo } from "./errors.ts";
import { streamBroken } from "./errors.ts";
import { count, type ReplyBudget } from "./limits.ts";
import { cutText } from "../text_cut.ts";

/** A choice as a chunk or a completion carries it (unchecked). */
interface AnyChoice {
  index?: unknown;
  finish_reason?: unknown;
}

/**
 * The choice that is the answer: the one with `index` 0 (or none, as a few servers send it);
 * undefined when the list holds only others (another choice's text is never the answer's).
 */
export function mainChoice<T extends AnyChoice>(choices: readonly (T | null)[] | undefined) {
  const first = choices?.[0];
  if (first === undefined || first === null || typeof first !== "object") return undefined;
  if (first.index === 0 || first.index === undefined) return first;
  return choices!.find((choice) =>
    typeof choice === "object" && choice !== null &&
    (choice.index === 0 || choice.index === undefined)
  ) ?? undefined;
}

/** Whether `response` is a whole JSON body (by its content type), not a stream of events. */
export function isWholeJson(response: Response): boolean {
  const type = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || type.endsWith("+json");
}

/** A whole completion's answer, read as a stream of one piece would be. */
export interface WholeReply {
  text: string;
  hitLimit: boolean;
  promptTokens: number;
  completionTokens: number;
  /** The body's `error`, when the server sent one with its 200. */
  error?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Reads a `chat.completion` body sent for a streaming request: `choices[index 0].message.content`
 * (never `reasoning_content`) and `usage`. Text past the reply's bound is cut there, as a stream's
 * would be. `stream_broken` naming what was wrong when the body is not a completion.
 */
export async function readWholeReply(
  response: Response,
  context: { server: ServerInfo; model: string; budget: ReplyBudget },
): Promise<WholeReply> {
  const broken = (what: string) =>
    streamBroken(context.server, {
      model: context.model,
      detail: `the server ignored stream: true and its JSON answer ${what}`,
    });
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch (error) {
    // The bounds on what is read (line, bytes) are the stream's and keep their own words.
    if (!(error instanceof SyntaxError)) throw error;
    throw broken("could not be read");
  }
  if (!isObject(body)) throw broken("is not an object");
  if (body.error !== undefined && body.error !== null) {
    return { text: "", hitLimit: false, promptTokens: 0, completionTokens: 0, error: body.error };
  }
  if (body.choices !== undefined && !Array.isArray(body.choices)) {
    throw broken("has a choices that is not a list");
  }
  const choice = mainChoice(body.choices as AnyChoice[] | undefined) as
    | (AnyChoice & { message?: unknown })
    | undefined;
  const message = choice?.message;
  const content = isObject(message) ? message.content : undefined;
  if (content !== undefined && content !== null && typeof content !== "string") {
    throw broken("has a message.content that is not a string");
  }
  const text = content ?? "";
  const kept = cutText(text, context.budget.maxChars);
  const usage = isObject(body.usage) ? body.usage : undefined;
  return {
    text: kept,
    hitLimit: choice?.finish_reason === "length" || kept.length < text.length,
    promptTokens: count(usage?.prompt_tokens),
    // Without usage: one piece, as a stream of one part would count it.
    completionTokens: usage?.completion_tokens === undefined
      ? (kept ? 1 : 0)
      : count(usage.completion_tokens),
  };
}
