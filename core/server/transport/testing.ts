/**
 * Test support for the connection loop's tests: a handler context of its own (the loop never
 * needs the server's services), methods that end only when cancelled or when the test lets them,
 * and connections and WebSocket endpoints over them with a manual clock.
 *
 * @module
 */
import { z } from "zod";
import { ManualClock } from "../../clock.ts";
import { SessionRegistry } from "../../sessions/mod.ts";
import { testLogger } from "../../../tests/_helpers.ts";
import { Dispatcher } from "../rpc/dispatcher.ts";
import type { Handler, RequestScope } from "../rpc/handler.ts";
import { HandlerRegistry } from "../rpc/registry.ts";
import { Connection } from "./connection.ts";
import type { ConnectionDeps, ConnectionOptions } from "./connection_options.ts";
import { createWebSocketEndpoint, type WebSocketOptions } from "./ws.ts";

/** The context test handlers run with: the request scope alone. */
export type LoopContext = RequestScope<LoopContext>;

/** `test.wait`: never answers; rejects with its signal's reason once cancelled. */
export const waitForCancel: Handler<LoopContext, z.ZodObject<Record<string, never>>, never> = {
  method: "test.wait",
  description: "Ends only when cancelled",
  params: z.strictObject({}),
  handle: (_params, ctx) =>
    new Promise<never>((_resolve, reject) =>
      ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason))
    ),
};

/** A JSON-RPC 2.0 request object (not yet serialised) with `params` (`{}` when left out). */
export function rpcRequest(id: number | string, method: string, params: unknown = {}) {
  return { jsonrpc: "2.0", id, method, params };
}

/**
 * A `test.hold` method and the list that ends its requests: each request still running puts a
 * function there that ends it; call them oldest first.
 */
export function heldRequests() {
  const holding: Array<() => void> = [];
  const hold: Handler<LoopContext, z.ZodObject<Record<string, never>>, object> = {
    method: "test.hold",
    description: "Ends when the test lets it",
    params: z.strictObject({}),
    handle: () => new Promise((resolve) => holding.push(() => resolve({}))),
  };
  return { hold, holding };
}

/**
 * A `test.noted` method that tells `onRun` each `n` it runs with and answers `{ n }`: which
 * requests ran, and in what order.
 */
export function notedRequests(
  onRun: (n: number) => void,
): Handler<LoopContext, z.ZodObject<{ n: z.ZodNumber }>, { n: number }> {
  return {
    method: "test.noted",
    description: "Notes that it ran",
    params: z.strictObject({ n: z.number() }),
    handle: (params) => {
      onRun(params.n);
      return { n: params.n };
    },
  };
}

/** What a connection needs, over a manual clock and a dispatcher of `handlers` alone. */
function loopDeps(handlers: Iterable<Handler<LoopContext>>, options: ConnectionOptions) {
  const clock = new ManualClock();
  const lifetime = new AbortController();
  const deps: ConnectionDeps = {
    dispatcher: new Dispatcher<LoopContext>({
      registry: new HandlerRegistry<LoopContext>(handlers),
      context: (scope) => scope,
      log: testLogger(),
      lifetime: lifetime.signal,
    }),
    sessions: new SessionRegistry(() => clock.now()),
    clock,
    log: testLogger(),
    options,
  };
  return { deps, clock, lifetime };
}

/**
 * A WebSocket-kind connection running `handlers` with `maxInflight` requests in flight at most
 * (the other limits far above what a test sends), and every message it sends, parsed, in `sent`.
 */
export function openLoopConnection(
  setup: { handlers: Iterable<Handler<LoopContext>>; maxInflight: number },
) {
  const { deps } = loopDeps(setup.handlers, {
    maxMessageBytes: 100_000,
    maxBatch: 10,
    maxInflight: setup.maxInflight,
    maxQueuedBytes: 100_000,
    rate: { perSecond: 0, burst: 1 },
  });
  const sent: Array<Record<string, unknown>> = [];
  const connection = Connection.open(deps, {
    kind: "websocket",
    outbound: (text) => void sent.push(JSON.parse(text)),
  });
  return { connection, sent };
}

/**
 * A WebSocket endpoint of `maxConnections` places on 127.0.0.1 (a free port) running `handlers`
 * over a manual clock, its session registry, its URL, and `stop`, which closes its sockets, ends
 * the requests still running and shuts the listener down.
 */
export function serveLoopEndpoint(
  setup: {
    handlers?: Iterable<Handler<LoopContext>>;
    maxConnections: number;
    collector?: WebSocketOptions["collector"];
  },
) {
  const { deps, clock, lifetime } = loopDeps(setup.handlers ?? [], {
    maxMessageBytes: 65_536,
    maxBatch: 10,
    maxInflight: 4,
    maxQueuedBytes: 1_000_000,
    rate: { perSecond: 0, burst: 1 },
  });
  const endpoint = createWebSocketEndpoint(deps, {
    maxConnections: setup.maxConnections,
    ...(setup.collector ? { collector: setup.collector } : {}),
  });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => endpoint.upgrade(request),
  );
  const url = `ws://127.0.0.1:${server.addr.port}/mcp`;
  const stop = async () => {
    endpoint.closeAll();
    lifetime.abort();
    await server.shutdown();
  };
  return { clock, endpoint, sessions: deps.sessions, url, stop };
}
