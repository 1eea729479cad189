/**
 * MCP resources: each persona's profile as `persona://{id}` and its recent memories as
 * `persona://{id}/memories` (JSON). Resource kinds are a table: a new kind is one more entry.
 *
 * @module
 */
import { PersonaNotFound } from "../../errors.ts";
import type { Persona } from "../../personas/mod.ts";
import type { HandlerContext } from "../define_handler.ts";
import { RpcCode, RpcError } from "../rpc/wire_errors.ts";

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
  list(ctx: HandlerContext): Resource[];
  /** The contents of `uri` if it belongs to this kind and exists; undefined otherwise. */
  read(ctx: HandlerContext, uri: string): Promise<TextResourceContents | undefined>;
}

const PERSONA_URI = /^persona:\/\/([^/?#]+)$/;
const MEMORIES_URI = /^persona:\/\/([^/?#]+)\/memories$/;

/** How many recent memories `persona://{id}/memories` shows. */
export const RECENT_MEMORIES = 20;

/** `persona://{id}` for `persona`. */
export function personaUri(persona: Persona): string {
  return `persona://${persona.id}`;
}

function findPersona(ctx: HandlerContext, idOrName: string): Persona | undefined {
  try {
    return ctx.personas.resolve(decodeURIComponent(idOrName));
  } catch (error) {
    if (error instanceof PersonaNotFound || error instanceof URIError) return undefined;
    throw error;
  }
}

/** Personas as JSON profiles. */
const personaProfiles: ResourceKind = {
  template: {
    uriTemplate: "persona://{id}",
    name: "persona",
    title: "Persona profile",
    description: "A persona's profile (identity, Big Five traits, backstory, goals) as JSON; " +
      "{id} is its id (its name works too)",
    mimeType: "application/json",
  },
  list(ctx) {
    return ctx.personas.list().map((persona) => ({
      uri: personaUri(persona),
      name: persona.name,
      title: `${persona.name} (persona profile)`,
      description: persona.description || `The persona ${persona.name}`,
      mimeType: "application/json",
      annotations: { lastModified: persona.updated_at },
    }));
  },
  read(ctx, uri) {
    const id = PERSONA_URI.exec(uri)?.[1];
    const persona = id === undefined ? undefined : findPersona(ctx, id);
    if (!persona) return Promise.resolve(undefined);
    return Promise.resolve({
      uri,
      mimeType: "application/json",
      text: JSON.stringify(persona, null, 2),
    });
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
  list(ctx) {
    return ctx.personas.list().map((persona) => ({
      uri: `${personaUri(persona)}/memories`,
      name: `${persona.name}'s memories`,
      title: `${persona.name}'s recent memories`,
      description: `The ${RECENT_MEMORIES} most recent memories of ${persona.name}`,
      mimeType: "application/json",
    }));
  },
  async read(ctx, uri) {
    const id = MEMORIES_URI.exec(uri)?.[1];
    const persona = id === undefined ? undefined : findPersona(ctx, id);
    if (!persona) return undefined;
    const page = await ctx.call("memory.list", { persona_id: persona.id, limit: RECENT_MEMORIES });
    return { uri, mimeType: "application/json", text: JSON.stringify(page, null, 2) };
  },
};

/** Every resource kind, in listing order. */
export const RESOURCE_KINDS: readonly ResourceKind[] = [personaProfiles, recentMemories];

/** The kinds this server can serve (a kind whose method is missing is not offered). */
function availableKinds(ctx: HandlerContext): ResourceKind[] {
  return RESOURCE_KINDS.filter((kind) => !kind.method || ctx.registry.get(kind.method));
}

/** `resources/list`: every concrete resource. */
export function listResources(ctx: HandlerContext): Resource[] {
  return availableKinds(ctx).flatMap((kind) => kind.list(ctx));
}

/** `resources/templates/list`: one template per kind. */
export function listResourceTemplates(ctx: HandlerContext): ResourceTemplate[] {
  return availableKinds(ctx).map((kind) => kind.template);
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
    const contents = await kind.read(ctx, uri);
    if (contents) return { contents: [contents] };
  }
  throw new RpcError(RpcCode.InvalidParams, `Resource not found: ${uri}`, {
    uri,
    hint: "Call resources/list to see the resources",
  });
}
