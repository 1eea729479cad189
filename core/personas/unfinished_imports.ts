/**
 * Finding imports a crash cut off: at a start (this node's, or on SQLite all) and, on
 * PostgreSQL, in a sweep every {@linkcode IMPORT_SWEEP_MS} (stale marks on any node).
 *
 * @module
 */
import { type ImportLeases, isStale, readMark } from "./import_lease.ts";
import type { PersonaRepository } from "./repository.ts";
import type { Persona } from "./schema.ts";

/**
 * How old a mark of a version before the lease (never refreshed) must be before another node
 * takes its import for cut off (on PostgreSQL, where another node may still be writing it; see
 * `discardUnfinishedImports`). Leased marks: `IMPORT_LEASE_LIMIT_MS` after their last refresh.
 */
export const ABANDONED_IMPORT_MS = 60 * 60 * 1000;

/**
 * How often a PostgreSQL node looks for imports cut off on any node (`discardAbandonedImports`):
 * with a random `NODE_ID` a restarted node cannot tell its own crashed imports, and a start alone
 * would leave them (hidden, their names taken) until a node starts again.
 */
export const IMPORT_SWEEP_MS = 60 * 1000;

/** What {@linkcode discardCutOff} reads and calls. */
export interface CutOffScan {
  repository: PersonaRepository;
  leases: ImportLeases;
  /** The ids of the imports running in this process (never taken for cut off here). */
  importing: ReadonlySet<string>;
  /** Discards one import taken for cut off (its mark claimed). */
  discard: (persona: Persona) => Promise<void>;
}

/**
 * Discards the unfinished imports not running here that `ours(node)` takes or that are stale;
 * returns those discarded.
 */
export async function discardCutOff(
  scan: CutOffScan,
  ours: (node: string) => boolean,
): Promise<Persona[]> {
  const { repository, leases, importing } = scan;
  const now = await leases.now(); // The database's: nodes' clocks may disagree.
  const discarded: Persona[] = [];
  for (const { persona, mark } of await repository.unfinishedImports()) {
    if (importing.has(persona.id)) continue;
    const read = readMark(mark);
    // A time that cannot be read is not taken for old: another node may be importing now.
    const cutOff = ours(read.node) || isStale(read, now, ABANDONED_IMPORT_MS);
    // Claimed on the mark read (refreshed or claimed since: not ours to discard).
    if (!cutOff || !await repository.claimImport(persona.id, mark, leases.claim(now))) {
      continue;
    }
    await scan.discard(persona);
    discarded.push(persona);
  }
  return discarded;
}

/** What {@linkcode repeatSweep} runs, how often, and where it reports. */
export interface SweepOptions {
  /** One sweep: the personas it discarded. */
  sweep: () => Promise<Persona[]>;
  everyMs: number;
  report: { found: (persona: Persona) => void; failed: (error: unknown) => void };
}

/**
 * Runs `sweep` every `everyMs` (never two at once), each found passed to `report.found`, an
 * error to `report.failed`; returns the function that stops it (resolved once a sweep under way
 * is done).
 */
export function repeatSweep(options: SweepOptions): () => Promise<void> {
  const { sweep: once, everyMs, report } = options;
  let running: Promise<void> | undefined;
  const sweep = async () => {
    try {
      for (const persona of await once()) report.found(persona);
    } catch (error) {
      report.failed(error);
    } finally {
      running = undefined;
    }
  };
  const timer = setInterval(() => {
    running ??= sweep();
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
