/**
 * The shape of a JSON-RPC handler: one method, one zod schema for its params, one function.
 *
 * @module
 */
import type { z } from "zod";
import type { Services } from "../services.ts";
import type { Session } from "../sessions/session.ts";
import type { JsonRpcId } from "./rpc/envelope.ts";

/** Options of {@linkcode HandlerContext.call}. */
export interface NestedCallOptions {
  /** Receives the nested handler's notifications instead of the caller (to translate them). */
  notify?: (method: string, params: Record<string, unknown>) => void;
}

/** What a handler gets besides its params: the services, the session and request plumbing. */
export interface HandlerContext extends Services {
  /** The caller's session (one per WebSocket connection). */
  session: Session;
  /** The JSON-RPC id; undefined for notifications and direct REST calls. */
  requestId: JsonRpcId | undefined;
  /** Aborted when the client cancels the request or disconnects. */
  signal: AbortSignal;
  /** `params._meta` as sent by the client (MCP progress tokens live here). */
  meta: Record<string, unknown> | undefined;
  /** Sends a notification to this caller now (a no-op where the transport cannot). */
  notify(method: string, params: Record<string, unknown>): void;
  /** Every method this server serves (read it; MCP's tool listing is built from it). */
  registry: MethodTable;
  /**
   * Runs another method in this session, as part of this request: same id, same signal (a
   * cancel stops both), params validated by that method's schema. Throws as that method does.
   */
  call(method: string, params: unknown, options?: NestedCallOptions): Promise<object>;
}

/** The methods a server serves, read-only: the method table as handlers see it. */
export interface MethodTable {
  /** The handler of `method`, if any. */
  get(method: string): Handler | undefined;
  /** Every registered method name, sorted. */
  methods(): string[];
  /** Every handler, sorted by method. */
  list(): Handler[];
}

/** A handler as written in a `handlers/` file. */
export interface HandlerDefinition<P extends z.ZodType, R extends object> {
  /** The JSON-RPC method name; its file path mirrors it (`persona.create` → `persona/create.ts`). */
  method: string;
  /** One sentence for the docs and for tool listings. */
  description: string;
  /** Params schema; an object schema (`z.strictObject`) so unknown fields are refused. */
  params: P;
  /** Validated params in, a JSON object out. */
  handle(params: z.output<P>, ctx: HandlerContext): R | Promise<R>;
}

/** A registered handler with its types erased. */
export interface Handler {
  readonly method: string;
  readonly description: string;
  readonly params: z.ZodType;
  handle(params: unknown, ctx: HandlerContext): object | Promise<object>;
}

/** Declares a handler; `export default defineHandler({...})` in a `handlers/` file. */
export function defineHandler<P extends z.ZodType, R extends object>(
  definition: HandlerDefinition<P, R>,
): Handler {
  return definition as unknown as Handler;
}
