/**
 * MCP prompts: each persona's system prompt, so that a client can role-play the persona with its
 * own model. Prompt names are slugs of the persona names (`aria`), unique and stable.
 *
 * @module
 */
import { buildSituation } from "../../chat/mod.ts";
import type { Persona } from "../../personas/mod.ts";
import type { HandlerContext } from "../define_handler.ts";
import { RpcCode, RpcError } from "../rpc/wire_errors.ts";

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
 * Prompt name → persona. Personas are unique by name ignoring case, but two names can still
 * share a slug ("Jo Ann", "jo-ann"): the older persona keeps it, the newer gets its id appended.
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

function describe(persona: Persona): string {
  const about = persona.description ? `: ${persona.description}` : "";
  return `Role-play ${persona.name}${about}`;
}

/** The prompt's one argument: MCP prompt arguments are optional strings. */
const SENDER_ARGUMENT = {
  name: "sender",
  description: "Who the persona is talking to (default: the user)",
  required: false,
};

/** `prompts/list`: one prompt per persona, sorted by name. */
export function listPrompts(ctx: HandlerContext): ListedPrompt[] {
  return [...promptNames(ctx.personas.list())]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, persona]) => ({
      name,
      title: `Role-play ${persona.name}`,
      description: describe(persona),
      arguments: [SENDER_ARGUMENT],
    }));
}

/**
 * `prompts/get`: the system prompt the chat engine gives the model for this persona
 * (identity, character, the session's scene, who it talks to), as one user message. Unknown
 * names are -32602.
 */
export function getPrompt(
  ctx: HandlerContext,
  name: string,
  args: Record<string, string> = {},
): PromptResult {
  const persona = promptNames(ctx.personas.list()).get(name);
  if (!persona) {
    throw new RpcError(RpcCode.InvalidParams, `Unknown prompt: ${name}`, {
      name,
      hint: "Call prompts/list to see the prompts",
    });
  }
  return {
    description: describe(persona),
    // MCP prompts have no system role: the instructions go first, as the user's message.
    messages: [{
      role: "user",
      content: {
        type: "text",
        text: buildSituation({
          persona,
          sender: args.sender?.trim() || "the user",
          visual: ctx.session.visualContext,
        }),
      },
    }],
  };
}
