/**
 * What an MCP resource kind is (`resources.ts` keeps the table of them): the shapes
 * `resources/list`, `resources/templates/list` and `resources/read` answer with, and what the
 * kinds share (persona URIs, finding the persona a URI names, cache hints).
 *
 * @module
 */
import { PersonaNotFound } from "../../errors.ts";
import type { Persona } from "../../personas/mod.ts";
import type { PageOrder, SortValue } from "../../paging.ts";
import type { HandlerContext } from "../define_handler.ts";
import type { CacheHint } from "./cache.ts";

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

/** Each listed resource's place in its kind's order (not sent: the fields are the wire's). */
const PLACES = new WeakMap<Resource, SortValue>();

/** `resource`, remembered at `place` in its kind's listing order (see {@linkcode RESOURCE_ORDER}). */
export function placed(resource: Resource, place: SortValue): Resource {
  PLACES.set(resource, place);
  return resource;
}

/**
 * The order of `resources/list` for `mcpPage`: the kind (its place in the table of kinds), then
 * the resource's place among its kind (a persona's creation, name and id; a conversation's start,
 * newest first). A cursor carries the last resource's place, so the next page starts right after
 * it even when it and the resources around it were deleted meanwhile: nothing is skipped or
 * sent again (a position would shift under the deletions).
 */
export const RESOURCE_ORDER: PageOrder<Resource> = {
  keyOf: (resource) => resource.uri,
  sortOf: (resource) => PLACES.get(resource) ?? [resource.uri],
};

/**
 * The characters (code points) of a name a place holds: enough to order names created in one
 * millisecond, few enough that a cursor always carries the place (`CURSOR_MAX`): 64 `"` or `\`,
 * 4 bytes each in a cursor's place, once left it out, and a page after a deleted persona fell back
 * to a position that skips.
 */
const NAME_IN_PLACE = 16;

/**
 * A persona's place among its kind's resources: the order `personas.list` gives (oldest first,
 * then by name: its first {@linkcode NAME_IN_PLACE} characters), the id last to tell namesakes
 * created together apart.
 */
export function personaPlace(persona: Persona): SortValue {
  const name = persona.name.length <= NAME_IN_PLACE
    ? persona.name
    : [...persona.name].slice(0, NAME_IN_PLACE).join("");
  return [persona.created_at, name, persona.id];
}

/** `persona://{id}` for `persona`. */
export function personaUri(persona: Persona): string {
  return `persona://${persona.id}`;
}

/** The persona named by a URI's `idOrName` (percent-encoded), if there is one. */
export async function findPersona(
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

/** Profiles change seldom. */
export const PRIVATE_MINUTE: CacheHint = { ttlMs: 60_000, cacheScope: "private" };
/** Memories and transcripts grow with every exchange. */
export const PRIVATE_FRESH: CacheHint = { ttlMs: 5_000, cacheScope: "private" };
