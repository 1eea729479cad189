/**
 * MCP prompts: "speak as" each persona, so that a client can play the persona with its own
 * model. A prompt is the system prompt the persona's own chats use: its character, the scene,
 * how it feels, how it stands with whom it talks to and the memories the message recalls. Prompt
 * names are slugs of the persona names (`aria`), unique and stable.
 *
 * @module
 */
import type { PageOrder } from "../../paging.ts";
import type { Persona } from "../../personas/mod.ts";
import type { HandlerContext } from "../define_handler.ts";
import { RpcCode, RpcError } from "../rpc/wire_errors.ts";
import { markedExcerpt } from "../../storage/text_head.ts";

/** A prompt as `prompts/list` shows it. */
export interface ListedPrompt {
  name: string;
  title: string;
  description: string;
  arguments: Array<{ name: string; description: string; required: boolean }>;
}

/** The result of `prompts/get`. */
export interface PromptResult {
  description: string;
  messages: Array<{ role: "user"; content: { type: "text"; text: string } }>;
}

function slug(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 48);
}

/**
 * Prompt name → persona. Persona names are unique by the name rule (`core/personas/name_key.ts`:
 * case, compatibility forms and look-alikes), but two names can still share a slug ("Jo Ann",
 * "jo-ann", "José" and "Jose"): the older persona keeps it, the newer gets its id appended.
 */
export function promptNames(personas: readonly Persona[]): Map<string, Persona> {
  const byAge = [...personas].sort((a, b) =>
    a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id)
  );
  const names = new Map<string, Persona>();
  for (const persona of byAge) {
    const base = slug(persona.name) || "persona";
    names.set(names.has(base) ? `${base}_${persona.id.slice(0, 8)}` : base, persona);
  }
  return names;
}

/**
 * What a prompt says it is; `listed`: with the description's excerpt (a card's description may be
 * 100,000 characters, and a page of 100 prompts must fit a reply: MCP clients cannot ask for less).
 */
function describe(persona: Persona, listed = false): string {
  const description = listed ? markedExcerpt(persona.description) : persona.description;
  return `Speak as ${persona.name}${description ? `: ${description}` : ""}`;
}

/** The prompts' arguments: MCP prompt arguments are optional strings. */
const ARGUMENTS = [
  {
    name: "sender",
    description: "Who the persona is talking to (default: the user); a persona's name brings in " +
      "their relationship",
    required: false,
  },
  {
    name: "message",
    description: "What the persona is about to answer: the memories it recalls join the prompt",
    required: false,
  },
];

/**
 * `prompts/list`: one prompt per persona, sorted by name (by UTF-16 code units: the order
 * {@linkcode PROMPT_ORDER} pages by).
 */
export async function listPrompts(ctx: HandlerContext): Promise<ListedPrompt[]> {
  return [...promptNames(await ctx.personas.list())]
    .sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
    .map(([name, persona]) => {
      const prompt = {
        name,
        title: `Speak as ${persona.name}`,
        description: describe(persona, true),
        arguments: ARGUMENTS,
      };
      PERSONA_OF.set(prompt, { id: persona.id, createdAt: persona.created_at });
      return prompt;
    });
}

/** The persona each listed prompt speaks as (not sent: the prompt's fields are the wire's). */
const PERSONA_OF = new WeakMap<ListedPrompt, { id: string; createdAt: string }>();

/**
 * The order of {@linkcode listPrompts} for `mcpPage`: a cursor carries the last prompt's persona
 * and its place (name, then the persona's age), so the next page starts after it even when it
 * and the prompts around it are gone. By persona, not by name (review24 F5): when the oldest of
 * two personas sharing a slug is deleted, the newer takes its bare name, and would otherwise be
 * taken for the prompt the cursor named and skipped; its place is after it (it is younger).
 */
export const PROMPT_ORDER: PageOrder<ListedPrompt> = {
  keyOf: (prompt) => PERSONA_OF.get(prompt)?.id ?? prompt.name,
  sortOf: (prompt) => {
    const persona = PERSONA_OF.get(prompt);
    return persona ? [prompt.name, persona.createdAt, persona.id] : [prompt.name];
  },
};

/**
 * `prompts/get`: the system prompt the chat engine gives the model for this persona
 * (identity, character, the session's scene, its feelings, who it talks to and how it stands with
 * them, the memories `message` recalls), as one user message. Unknown names are -32602.
 */
export async function getPrompt(
  ctx: HandlerContext,
  name: string,
  args: Record<string, string> = {},
): Promise<PromptResult> {
  const persona = promptNames(await ctx.personas.list()).get(name);
  if (!persona) {
    throw new RpcError(RpcCode.InvalidParams, `Unknown prompt: ${name}`, {
      name,
      hint: "Call prompts/list to see the prompts",
    });
  }
  const text = await ctx.chat.situation({
    persona,
    sender: args.sender?.trim() || "the user",
    content: args.message?.trim() ?? "",
    visual: ctx.session.visualContext,
    signal: ctx.signal,
  });
  return {
    description: describe(persona),
    // MCP prompts have no system role: the instructions go first, as the user's message.
    messages: [{ role: "user", content: { type: "text", text } }],
  };
}
