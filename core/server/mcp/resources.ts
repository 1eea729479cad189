/**
 * MCP resources: each persona's card (`persona://{id}`, its profile as JSON), its recent
 * memories (`persona://{id}/memories`), its chat transcript with users
 * (`persona://{id}/transcript`) and each persona-to-persona conversation's transcript
 * (`conversation://{id}`). Resource kinds are a table: a new kind is one more entry.
 *
 * @module
 */
import { AppError, PersonaNotFound } from "../../errors.ts";
import type { Persona } from "../../personas/mod.ts";
import type { HandlerContext } from "../define_handler.ts";
import { RpcCode, RpcError } from "../rpc/wire_errors.ts";
import { type CacheHint, cacheHint } from "./cache.ts";

/** A concrete resource, as `resources/list` shows it. */
export interface Resource {
  uri: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
  annotations?: { lastModified?: string };
}

/** A family of resources, as `resources/templates/list` shows it (RFC 6570 template). */
export interface ResourceTemplate {
  uriTemplate: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
}

/** The body of a read resource. */
export interface TextResourceContents {
  uri: string;
  mimeType: string;
  text: string;
}

/** One kind of resource: its template, its current members, and how to read one. */
export interface ResourceKind {
  /** The JSON-RPC method the kind reads through; without it the kind is not offered. */
  method?: string;
  template: ResourceTemplate;
  /** The URIs of this kind (whether or not the thing they name exists). */
  pattern: RegExp;
  /** How long a read stays fresh (MCP 2026-07-28 caching). */
  cache: CacheHint;
  list(ctx: HandlerContext): Promise<Resource[]>;
  /** The contents of `uri` (one of this kind's) if it exists; undefined otherwise. */
  read(ctx: HandlerContext, match: RegExpExecArray): Promise<TextResourceContents | undefined>;
}

/** The parts of `conversation.get_history`'s messages a transcript shows. */
interface HistoryMessage {
  sender: string;
  content: string;
  timestamp: string;
  persona_response: string;
}

/** The parts of `conversation.transcript`'s result a transcript shows. */
interface Transcript {
  participants: Array<{ id: string; name: string | null }>;
  topic: string | null;
  status: string;
  end_reason: string | null;
  turn_count: number;
  started_at: string;
  turns: Array<{ speaker_name: string; content: string }>;
}

/** How many recent memories `persona://{id}/memories` shows. */
export const RECENT_MEMORIES = 20;
/** How many recent exchanges `persona://{id}/transcript` shows. */
export const TRANSCRIPT_MESSAGES = 50;
/** How many recent persona-to-persona conversations `resources/list` names. */
export const LISTED_DIALOGUES = 20;

/** `persona://{id}` for `persona`. */
export function personaUri(persona: Persona): string {
  return `persona://${persona.id}`;
}

async function findPersona(
  ctx: HandlerContext,
  idOrName: string | undefined,
): Promise<Persona | undefined> {
  if (idOrName === undefined) return undefined;
  try {
    return await ctx.personas.resolve(decodeURIComponent(idOrName));
  } catch (error) {
    if (error instanceof PersonaNotFound || error instanceof URIError) return undefined;
    throw error;
  }
}

const PRIVATE_MINUTE: CacheHint = { ttlMs: 60_000, cacheScope: "private" };
/** Memories and transcripts grow with every exchange. */
const PRIVATE_FRESH: CacheHint = { ttlMs: 5_000, cacheScope: "private" };

/** Personas' cards: the profile as JSON. */
const personaCards: ResourceKind = {
  template: {
    uriTemplate: "persona://{id}",
    name: "persona",
    title: "Persona card",
    description: "A persona's card: its profile (identity, Big Five traits, backstory, goals, " +
      "speaking style) as JSON; {id} is its id (its name works too)",
    mimeType: "application/json",
  },
  pattern: /^persona:\/\/([^/?#]+)$/,
  cache: PRIVATE_MINUTE,
  async list(ctx) {
    return (await ctx.personas.list()).map((persona) => ({
      uri: personaUri(persona),
      name: persona.name,
      title: `${persona.name} (persona profile)`,
      description: persona.description || `The persona ${persona.name}`,
      mimeType: "application/json",
      annotations: { lastModified: persona.updated_at },
    }));
  },
  async read(ctx, match) {
    const persona = await findPersona(ctx, match[1]);
    if (!persona) return undefined;
    const text = JSON.stringify(persona, null, 2);
    return { uri: match[0], mimeType: "application/json", text };
  },
};

/** Each persona's most recent memories, newest first, through `memory.list`. */
const recentMemories: ResourceKind = {
  method: "memory.list",
  template: {
    uriTemplate: "persona://{id}/memories",
    name: "persona-memories",
    title: "Persona's recent memories",
    description: `A persona's ${RECENT_MEMORIES} most recent long-term memories, newest first, ` +
      "as JSON ({memories, total}); search them with the memory_search tool",
    mimeType: "application/json",
  },
  pattern: /^persona:\/\/([^/?#]+)\/memories$/,
  cache: PRIVATE_FRESH,
  async list(ctx) {
    return (await ctx.personas.list()).map((persona) => ({
      uri: `${personaUri(persona)}/memories`,
      name: `${persona.name}'s memories`,
      title: `${persona.name}'s recent memories`,
      description: `The ${RECENT_MEMORIES} most recent memories of ${persona.name}`,
      mimeType: "application/json",
    }));
  },
  async read(ctx, match) {
    const persona = await findPersona(ctx, match[1]);
    if (!persona) return undefined;
    const page = await ctx.call("memory.list", { persona_id: persona.id, limit: RECENT_MEMORIES });
    return { uri: match[0], mimeType: "application/json", text: JSON.stringify(page, null, 2) };
  },
};

/** Each persona's chat with users, as a readable transcript, through `conversation.get_history`. */
const chatTranscripts: ResourceKind = {
  method: "conversation.get_history",
  template: {
    uriTemplate: "persona://{id}/transcript",
    name: "persona-transcript",
    title: "Chat transcript",
    description: `A persona's last ${TRANSCRIPT_MESSAGES} exchanges with users, oldest first, as ` +
      "Markdown (who said what, and when)",
    mimeType: "text/markdown",
  },
  pattern: /^persona:\/\/([^/?#]+)\/transcript$/,
  cache: PRIVATE_FRESH,
  async list(ctx) {
    return (await ctx.personas.list()).map((persona) => ({
      uri: `${personaUri(persona)}/transcript`,
      name: `${persona.name}'s transcript`,
      title: `Chat with ${persona.name}`,
      description: `The last ${TRANSCRIPT_MESSAGES} exchanges with ${persona.name}`,
      mimeType: "text/markdown",
    }));
  },
  async read(ctx, match) {
    const persona = await findPersona(ctx, match[1]);
    if (!persona) return undefined;
    const page = await ctx.call("conversation.get_history", {
      persona_id: persona.id,
      limit: TRANSCRIPT_MESSAGES,
    }) as { messages: HistoryMessage[] };
    const lines = [`# Chat with ${persona.name}`, ""];
    if (page.messages.length === 0) lines.push("_No messages yet._");
    for (const message of [...page.messages].reverse()) {
      lines.push(`**${message.sender}** (${message.timestamp}): ${message.content}`, "");
      lines.push(`**${persona.name}**: ${message.persona_response}`, "");
    }
    return { uri: match[0], mimeType: "text/markdown", text: lines.join("\n").trimEnd() + "\n" };
  },
};

/** Persona-to-persona conversations, as readable transcripts, through `conversation.transcript`. */
const dialogueTranscripts: ResourceKind = {
  method: "conversation.transcript",
  template: {
    uriTemplate: "conversation://{id}",
    name: "conversation",
    title: "Persona-to-persona transcript",
    description: "A conversation between personas: who took part, its topic and status, and " +
      "every turn in order, as Markdown",
    mimeType: "text/markdown",
  },
  pattern: /^conversation:\/\/([^/?#]+)$/,
  cache: PRIVATE_FRESH,
  async list(ctx) {
    return (await ctx.dialogues.list({ limit: LISTED_DIALOGUES })).map((view) => {
      const names = view.participants.map((p) => p.name ?? p.id).join(", ");
      return {
        uri: `conversation://${view.conversation_id}`,
        name: `${names}${view.topic ? ` on ${view.topic}` : ""}`,
        title: `Conversation of ${names}`,
        description: `${view.status} conversation, ${view.turn_count} turns, started ` +
          view.started_at,
        mimeType: "text/markdown",
      };
    });
  },
  async read(ctx, match) {
    let transcript: Transcript;
    try {
      transcript = await ctx.call("conversation.transcript", {
        conversation_id: decodeURIComponent(match[1]!),
      }) as Transcript;
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return undefined;
      if (error instanceof URIError) return undefined;
      throw error;
    }
    const names = transcript.participants.map((p) => p.name ?? p.id).join(", ");
    const lines = [
      `# ${names}${transcript.topic ? `: ${transcript.topic}` : ""}`,
      "",
      `_${transcript.status}${transcript.end_reason ? ` (${transcript.end_reason})` : ""}, ` +
      `${transcript.turn_count} turns, started ${transcript.started_at}_`,
      "",
    ];
    for (const turn of transcript.turns) {
      lines.push(`**${turn.speaker_name}**: ${turn.content}`, "");
    }
    return { uri: match[0], mimeType: "text/markdown", text: lines.join("\n").trimEnd() + "\n" };
  },
};

/** Every resource kind, in listing order. */
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  personaCards,
  recentMemories,
  chatTranscripts,
  dialogueTranscripts,
];

/** The kinds this server can serve (a kind whose method is missing is not offered). */
function availableKinds(ctx: HandlerContext): ResourceKind[] {
  return RESOURCE_KINDS.filter((kind) => !kind.method || ctx.registry.get(kind.method));
}

/** `resources/list`: every concrete resource. */
export async function listResources(ctx: HandlerContext): Promise<Resource[]> {
  const resources: Resource[] = [];
  for (const kind of availableKinds(ctx)) resources.push(...await kind.list(ctx));
  return resources;
}

/** `resources/templates/list`: one template per kind. */
export function listResourceTemplates(ctx: HandlerContext): ResourceTemplate[] {
  return availableKinds(ctx).map((kind) => kind.template);
}

/** True when `uri` is of a kind this server serves (whether or not it exists now). */
export function knowsUri(ctx: HandlerContext, uri: string): boolean {
  return availableKinds(ctx).some((kind) => kind.pattern.test(uri));
}

/**
 * `resources/read`. An unknown URI is -32602 with `data.uri` (the SDK's and the 2026 revision's
 * choice; the legacy -32002 would collide with this server's "Memory error").
 */
export async function readResource(
  ctx: HandlerContext,
  uri: string,
): Promise<{ contents: TextResourceContents[] }> {
  for (const kind of availableKinds(ctx)) {
    const match = kind.pattern.exec(uri);
    const contents = match ? await kind.read(ctx, match) : undefined;
    if (contents) return { contents: [contents], ...cacheHint(ctx, kind.cache) };
  }
  throw new RpcError(RpcCode.InvalidParams, `Resource not found: ${uri}`, {
    uri,
    hint: "Call resources/list to see the resources",
  });
}
