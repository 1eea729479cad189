/**
 * The generic shape of a JSON-RPC handler and the request scope the dispatcher gives it. The
 * handler context `C` is the server's choice (`core/server/define_handler.ts` binds it to the
 * services); nothing here knows which services exist.
 *
 * @module
 */
import type { z } from "zod";
import type { ErrorCode } from "../../errors.ts";
import type { RequestId, Session } from "../../sessions/session.ts";

/**
 * One JSON-RPC method: its name, one zod schema for its params and one function. `P` and `R`
 * keep the params schema and the result type, so a caller holding the handler is typed end to
 * end; `Handler<C>` alone is the erased form a registry holds.
 */
export interface Handler<C, P extends z.ZodType = z.ZodType, R = unknown> {
  /** The JSON-RPC method name; its file path mirrors it (`persona.create` → `persona/create.ts`). */
  readonly method: string;
  /** One sentence for the docs and for tool listings. */
  readonly description: string;
  /** Params schema; an object schema (`z.strictObject`) so unknown fields are refused. */
  readonly params: P;
  /**
   * The result's shape and meaning, for the generated method reference (`handlers/README.md`).
   * Optional for handlers built in tests; every served method has one (a test fails without).
   */
  readonly result?: string;
  /** Domain errors it raises besides invalid params; the reference shows their wire codes. */
  readonly errors?: readonly ErrorCode[];
  /**
   * A top-level param holding another method's params (`tools/call`'s `arguments`): the string
   * rule (`string_rules.ts`) leaves it to that method's own validation.
   */
  readonly nestedParams?: string;
  /**
   * What to do instead when the result is over MAX_REPLY_BYTES: added to the -32005 error's
   * message and `data.hint` (a method whose result cannot be paged names its other way).
   */
  readonly tooLarge?: string;
  /**
   * The method a call of this one runs in its stead (`tools/call`: the named tool's method), if
   * any: that method's {@linkcode tooLarge} hint is the one a too-large reply gets.
   */
  runs?(params: unknown): string | undefined;
  /**
   * True when an answer this method makes at once (its handler awaits nothing) is a kept value
   * found in constant time (`ping`, an unchanged persona's `persona.get`): the request metrics
   * count such an answer to a JSON-RPC message at 0 s without reading the clock (its two reads
   * were a tenth of the request's own path, for a duration of microseconds, far below the first
   * bucket), and time an answer it must wait for from the moment its handler returned. REST
   * calls (`Dispatcher.call`) are timed as any other. Its request is tracked in its session (for
   * cancellation) only once the handler returns a promise (`HandlerInvoker`).
   */
  readonly instant?: boolean;
  /** Validated params in, a JSON object out. */
  handle(params: z.output<P>, ctx: C): R | Promise<R>;
}

/** The methods a server serves, read-only: the registry as handlers see it. */
export interface MethodTable<C> {
  /** The handler of `method`, if any. */
  get(method: string): Handler<C> | undefined;
  /** Every registered method name, sorted. */
  methods(): string[];
  /** Every handler, sorted by method. */
  list(): Handler<C>[];
}

/** One step of a long request, sent as MCP's `notifications/progress`. */
export interface ProgressUpdate {
  /** Grows with every update (items done, chunks sent). */
  progress: number;
  /** The final value of `progress`, when known. */
  total?: number;
  /** A human-readable line about this step. */
  message?: string;
}

/** Options of a nested call ({@linkcode RequestScope.call}). */
export interface NestedCallOptions {
  /** Receives the nested handler's notifications instead of the caller (to translate them). */
  notify?: (method: string, params: Record<string, unknown>) => void;
  /** Cancels the nested call instead of the request's signal (work that outlives its request). */
  signal?: AbortSignal;
  /**
   * The bytes the nested call's result may take ({@linkcode RequestScope.replyBytes}) when the
   * caller sends it in a larger reply (an MCP tool result carries it twice); by default the
   * caller's own.
   */
  replyBytes?: number;
}

/**
 * What every handler context carries besides the services: the caller's session and the
 * request's plumbing. The dispatcher builds it; the server's context factory adds the services.
 */
export interface RequestScope<C> {
  /** The caller's session (one per connection). */
  session: Session;
  /** The JSON-RPC id; undefined for notifications and direct REST calls. */
  requestId: RequestId | undefined;
  /** Aborted when the client cancels the request, disconnects, or the server stops. */
  signal: AbortSignal;
  /** `params._meta` as sent by the client (MCP progress tokens live here). */
  meta: Record<string, unknown> | undefined;
  /**
   * The bytes this call's result may take in its reply, when less than the server's reply budget
   * (MAX_REPLY_BYTES): a list pages by it. Undefined for a request; an MCP tool call sets it
   * for the method it runs, whose result it sends twice.
   */
  replyBytes: number | undefined;
  /** Sends a notification to this caller now (a no-op where the transport cannot). */
  notify(method: string, params: Record<string, unknown>): void;
  /** Sends `notifications/progress` when the caller sent a progress token; nothing otherwise. */
  progress(update: ProgressUpdate): void;
  /** Every method this server serves (MCP's tool listing is built from it). */
  registry: MethodTable<C>;
  /**
   * Runs another handler in this session, as part of this request: same id, same signal (a
   * cancel stops both), params validated by its schema. Resolves to its typed result; throws as
   * it does.
   */
  call<P extends z.ZodType, R>(
    handler: Handler<C, P, R>,
    params: z.input<P>,
    options?: NestedCallOptions,
  ): Promise<R>;
  /** The same for a method known only by name (-32601 when unknown); its result is `unknown`. */
  call(method: string, params: unknown, options?: NestedCallOptions): Promise<unknown>;
}
