/**
 * The JSON-RPC method table (the core handlers and those of the enabled plugins) and the
 * dispatcher that serves it to every transport, its handlers given the services.
 *
 * @module
 */
import { handlers } from "../../handlers/_manifest.gen.ts";
import type { Services } from "../services.ts";
import { type EdgeServices, type HandlerContext, handlerContext } from "./define_handler.ts";
import type { Plugin } from "./plugin.ts";
import { Dispatcher } from "./rpc/dispatcher.ts";
import type { RpcObservation } from "./rpc/dispatcher_options.ts";
import { messageValueLimit } from "./rpc/json_depth.ts";
import { HandlerRegistry } from "./rpc/registry.ts";

/** Builds the method table: core handlers plus those of the enabled plugins. */
export function buildRegistry(plugins: readonly Plugin[]): HandlerRegistry<HandlerContext> {
  const registry = new HandlerRegistry<HandlerContext>(handlers);
  for (const plugin of plugins) {
    for (const handler of plugin.handlers ?? []) registry.add(handler);
  }
  return registry;
}

/** Options of {@linkcode createDispatcher}. */
export interface DispatcherParts {
  /** The edge's services (by default made for `services`). */
  edge?: EdgeServices;
  /** Told about every answered request (the metrics). */
  observe?: (observation: RpcObservation) => void;
}

/** The dispatcher of `registry` whose handlers get `services` (less storage and lifetime). */
export function createDispatcher(
  registry: HandlerRegistry<HandlerContext>,
  services: Services,
  parts: DispatcherParts = {},
): Dispatcher<HandlerContext> {
  return new Dispatcher({
    registry,
    context: handlerContext(services, parts.edge),
    log: services.log,
    lifetime: services.lifetime.signal,
    maxBatch: services.config.MAX_BATCH,
    maxReplyBytes: services.config.MAX_REPLY_BYTES,
    maxMessageValues: messageValueLimit(services.config.MAX_FRAME_BYTES),
    observe: parts.observe,
  });
}
