/**
 * MCP resources: each persona's card (`persona://{id}`, its profile as JSON), its recent
 * memories (`persona://{id}/memories`), its chat transcript with users
 * (`persona://{id}/transcript`) and each persona-to-persona conversation's transcript
 * (`conversation://{id}`). Resource kinds are a table: a new kind is one more entry. The
 * transcripts are `transcript_resources.ts`'s; what a kind is, `resource_kind.ts`'s.
 *
 * @module
 */
import type { HandlerContext } from "../define_handler.ts";
import { RpcCode, RpcError } from "../rpc/wire_errors.ts";
import { markedExcerpt } from "../../storage/text_head.ts";
import { echoed } from "../../text_cut.ts";
import { cacheHint } from "./cache.ts";
import {
  findPersona,
  personaPlace,
  personaUri,
  placed,
  PRIVATE_FRESH,
  PRIVATE_MINUTE,
  type Resource,
  RESOURCE_ORDER,
  type ResourceKind,
  type ResourceTemplate,
  type TextResourceContents,
} from "./resource_kind.ts";
import { chatTranscripts, dialogueTranscripts } from "./transcript_resources.ts";

export {
  personaUri,
  type Resource,
  RESOURCE_ORDER,
  type ResourceKind,
  type ResourceTemplate,
  type TextResourceContents,
} from "./resource_kind.ts";
export { LISTED_DIALOGUES, TRANSCRIPT_MESSAGES } from "./transcript_resources.ts";

/** How many recent memories `persona://{id}/memories` shows. */
export const RECENT_MEMORIES = 20;

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
    return (await ctx.personas.list()).map((persona) =>
      placed({
        uri: personaUri(persona),
        name: persona.name,
        title: `${persona.name} (persona profile)`,
        // An excerpt: a card's description may be 100,000 characters (`markedExcerpt`).
        description: markedExcerpt(persona.description) || `The persona ${persona.name}`,
        mimeType: "application/json",
        annotations: { lastModified: persona.updated_at },
      }, personaPlace(persona))
    );
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
    return (await ctx.personas.list()).map((persona) =>
      placed({
        uri: `${personaUri(persona)}/memories`,
        name: `${persona.name}'s memories`,
        title: `${persona.name}'s recent memories`,
        description: `The ${RECENT_MEMORIES} most recent memories of ${persona.name}`,
        mimeType: "application/json",
      }, personaPlace(persona))
    );
  },
  async read(ctx, match) {
    const persona = await findPersona(ctx, match[1]);
    if (!persona) return undefined;
    const page = await ctx.call("memory.list", { persona_id: persona.id, limit: RECENT_MEMORIES });
    return { uri: match[0], mimeType: "application/json", text: JSON.stringify(page, null, 2) };
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

/**
 * `resources/list`: every concrete resource, each placed in {@linkcode RESOURCE_ORDER} (its
 * kind's place in {@linkcode RESOURCE_KINDS}, then its place among its kind).
 */
export async function listResources(ctx: HandlerContext): Promise<Resource[]> {
  const resources: Resource[] = [];
  for (const kind of availableKinds(ctx)) {
    const at = RESOURCE_KINDS.indexOf(kind);
    for (const resource of await kind.list(ctx)) {
      resources.push(placed(resource, [at, ...RESOURCE_ORDER.sortOf!(resource)]));
    }
  }
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
 * choice; the legacy -32002 would collide with this server's "Memory error"), quoted whole up to
 * 200 characters, else its head and "…" (`echoed`).
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
  // Quoted back short: a 2,048-character URI (a long id in it) need not come back whole.
  throw new RpcError(RpcCode.InvalidParams, `Resource not found: ${echoed(uri)}`, {
    uri: echoed(uri),
    hint: "Call resources/list to see the resources",
  });
}
