/**
 * What the memory service (`service.ts`) is made of, wired from its deps (`service_deps.ts`):
 * the reads by meaning and the listing, the writer and who hears of its stores, the chats'
 * write-behind queue, pruning and the decay schedule, the background loads and the remaking of
 * stale vectors. This is the one place that decides what they share: one writer for the service
 * and the chat's stores, and one queue whose barrier the listing's reads pass too. The service
 * is their public face.
 *
 * @module
 */
import type { ExchangeRecord } from "../chat/memory_port.ts";
import type { ChatStoreParts } from "./chat_stores.ts";
import { DecayRunner } from "./decay_runner.ts";
import { StoreListeners } from "./events.ts";
import { MemoryListing } from "./memory_listing.ts";
import { MemoryReads } from "./memory_reads.ts";
import { MemoryWriter } from "./memory_writer.ts";
import { purgePersona } from "./persona_purge.ts";
import { Pruner } from "./pruner.ts";
import { Searcher } from "./search.ts";
import type { MemoryServiceDeps } from "./service_deps.ts";
import { VectorRemaker } from "./vector_remaker.ts";
import { Warmer } from "./warmer.ts";
import { WriteBehind } from "./write_behind.ts";

/** The memory service's collaborators. */
export interface ServiceParts {
  /** Searches, recall and similar memories (`memory_reads.ts`). */
  reads: MemoryReads;
  /** Pages, counts and statistics (`memory_listing.ts`). */
  listing: MemoryListing;
  /** Who is told of every store (the mind queues its jobs this way). */
  listeners: StoreListeners;
  /** Stores, corrections, deletions, sources and reindex (`memory_writer.ts`). */
  writer: MemoryWriter;
  /** What the chat engine's stores use (`chat_stores.ts`). */
  chat: ChatStoreParts;
  /** Chats' exchanges, stored after their replies (`write_behind.ts`). */
  behind: WriteBehind;
  /** Pruning: prune, recommendations, statistics. */
  pruning: Pruner;
  /** Decay: force, schedule, statistics; it purges deleted personas' memories too. */
  decay: DecayRunner;
  /** The warm-up and the read ahead (`warmer.ts`). */
  warmer: Warmer;
  /** Remakes queued stale local vectors in the background (`vector_remaker.ts`). */
  remaker: VectorRemaker;
}

/**
 * Wires the parts over `deps`; nothing runs yet. `storeQueued` stores the exchanges the queue
 * holds: the service passes its own `rememberExchanges`, so that what stands in for that method
 * (a benchmark's probe) stores these too.
 */
export function serviceParts(
  deps: MemoryServiceDeps,
  storeQueued: (exchanges: readonly ExchangeRecord[]) => Promise<unknown>,
): ServiceParts {
  const listeners = new StoreListeners(deps.log);
  const writer = new MemoryWriter({ ...deps, listeners });
  const behind = new WriteBehind({
    store: storeQueued,
    log: deps.log,
    later: deps.later,
    sharedStore: deps.sharedStore,
    personas: deps.personas,
  });
  const pruning = new Pruner(deps);
  return {
    reads: new MemoryReads({
      searcher: new Searcher(deps),
      embedder: deps.embedder,
      telemetry: deps.telemetry,
      backendName: deps.backend.name,
    }),
    listing: new MemoryListing({ ...deps, embedderId: deps.embedder.id, behind }),
    listeners,
    writer,
    chat: { personas: deps.personas, writer },
    behind,
    pruning,
    decay: new DecayRunner({ ...deps, pruner: pruning, purge: (id) => purgePersona(deps, id) }),
    warmer: new Warmer(deps),
    remaker: new VectorRemaker(deps),
  };
}
