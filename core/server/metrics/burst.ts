/**
 * The metrics of the collections after a burst of WebSocket upgrades
 * (core/server/transport/burst_collect.ts): each stops the whole process, so an operator sees how
 * often and for how long in all.
 *
 * @module
 */
import { Counter, type Registry } from "prom-client";

/**
 * Registers `<prefix>burst_collections_total` and `<prefix>burst_collection_seconds_total` in
 * `registry`; returns what counts one collection of `seconds`.
 */
export function registerBurstCollections(
  registry: Registry,
  prefix: string,
): (seconds: number) => void {
  const collections = new Counter({
    name: `${prefix}burst_collections_total`,
    help: "Full garbage collections run after a burst of WebSocket upgrades",
    registers: [registry],
  });
  const seconds = new Counter({
    name: `${prefix}burst_collection_seconds_total`,
    help: "Time the process stood still in those collections",
    registers: [registry],
  });
  return (paused) => {
    collections.inc();
    seconds.inc(paused);
  };
}
