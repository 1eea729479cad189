/**
 * Import marks with a lease. An import marks its persona row `importing` ("<node> <time>
 * leased"); while its writes run the importing node rewrites the time every
 * {@linkcode IMPORT_LEASE_REFRESH_MS}, and a mark whose time is older than
 * {@linkcode IMPORT_LEASE_LIMIT_MS} (several refreshes missed: the node crashed or lost the
 * database) is taken for cut off by any node's sweep. A crashed node's half-import so frees its
 * name within minutes, while an import running for hours is never swept. Marks of versions
 * before the lease ("<node> <time>", never refreshed) keep the old rule:
 * `ABANDONED_IMPORT_MS` (an hour) after their start.
 *
 * Every lease time is the database's ({@linkcode databaseTime}), written and judged alike: nodes
 * whose own clocks disagree (no NTP, a VM resumed from suspend) never cut off each other's live
 * imports. A sweep claims a stale mark before it deletes anything ({@linkcode claimedMark}, a
 * compare-and-swap on the mark it read): an import refreshed meanwhile keeps its persona, and a
 * claimed import's node can neither refresh nor finish it (its import fails, nothing of it shows).
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import type { Database } from "../storage/database.ts";

/** How often a running import rewrites its mark's time. */
export const IMPORT_LEASE_REFRESH_MS = 20_000;

/** How old a leased mark's time must be before any node takes its import for cut off. */
export const IMPORT_LEASE_LIMIT_MS = 2 * 60_000;

/** The last word of a leased mark (a mark of an older version ends with its time). */
const LEASED = "leased";
/** The last word of a mark a sweep claimed: its import is being discarded. */
const CLAIMED = "discarding";

/** SQL condition: the row's mark is not one a sweep claimed (its import may still write it). */
export const NOT_CLAIMED = `importing NOT LIKE '% ${CLAIMED}'`;

/** A mark as {@linkcode readMark} reads it. */
export interface ImportMark {
  /** The importing (or, claimed, the discarding) node's name (`NODE_ID`). */
  node: string;
  /** When the import started, or (leased) when its node last refreshed the mark; NaN: unreadable. */
  at: number;
  /** True for a mark its node refreshes while the import runs (or a claim: judged alike). */
  leased: boolean;
  /** True for a mark a sweep claimed (`"<node> <time> discarding"`). */
  claimed: boolean;
}

/** The leased mark of `node`'s import at `now` (the database's time). */
export function leasedMark(node: string, now: number): string {
  return `${node} ${isoTime(now)} ${LEASED}`;
}

/**
 * The mark a sweep of `node` writes over a stale one at `now` before it discards the import: a
 * sweep cut off in turn leaves it stale after {@linkcode IMPORT_LEASE_LIMIT_MS}, for another.
 */
export function claimedMark(node: string, now: number): string {
  return `${node} ${isoTime(now)} ${CLAIMED}`;
}

/**
 * Reads a mark: `"<node> <ISO time> leased"` (or `discarding`), or an older version's
 * `"<node> <ISO time>"`. The time is the last word but the lease's: a node name may have spaces.
 */
export function readMark(mark: string): ImportMark {
  const leased = mark.endsWith(` ${LEASED}`);
  const claimed = mark.endsWith(` ${CLAIMED}`);
  const rest = leased || claimed ? mark.slice(0, mark.lastIndexOf(" ")) : mark;
  const space = rest.lastIndexOf(" ");
  if (space < 0) return { node: rest, at: Number.NaN, leased: leased || claimed, claimed };
  return {
    node: rest.slice(0, space),
    at: Date.parse(rest.slice(space + 1)),
    leased: leased || claimed,
    claimed,
  };
}

/**
 * True when the import of `mark` is cut off at `now` (the database's time): a leased mark not
 * refreshed for {@linkcode IMPORT_LEASE_LIMIT_MS}, an older mark started `oldMarkLimitMs` ago. A
 * time that cannot be read is never old (another node may be importing).
 */
export function isStale(mark: ImportMark, now: number, oldMarkLimitMs: number): boolean {
  return now - mark.at > (mark.leased ? IMPORT_LEASE_LIMIT_MS : oldMarkLimitMs);
}

/** The SQL reading the database's time as an ISO string, by dialect. */
const NOW_SQL = {
  postgres:
    `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`,
  sqlite: `SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS now`,
} as const;

/**
 * The database's time now (epoch ms): the one clock every node of a cluster shares, for lease
 * marks (on SQLite, one machine's: the same as the process's).
 */
export async function databaseTime(db: Database): Promise<number> {
  const row = await db.get<{ now: string }>(NOW_SQL[db.dialect]);
  const now = Date.parse(row?.now ?? "");
  if (Number.isNaN(now)) throw new Error(`The database's time cannot be read: ${row?.now}`);
  return now;
}

/** How a running import's mark is rewritten: false when its row is gone (finished or claimed). */
export type RefreshMark = (id: string, mark: string) => Promise<boolean>;

/**
 * Keeps the marks of this node's running imports fresh: {@linkcode hold} rewrites one every
 * `everyMs` until the returned function is called. A refresh that fails (the database out of
 * reach) is tried again at the next tick; one that finds the row gone (or claimed) stops.
 */
export class ImportLeases {
  readonly #node: string;
  readonly #now: () => Promise<number>;
  readonly #everyMs: number;
  readonly #refresh: RefreshMark;

  /** Leases of `node`'s imports, timed by `now` (the database's), written by `refresh`. */
  constructor(
    options: { node: string; now: () => Promise<number>; everyMs?: number; refresh: RefreshMark },
  ) {
    this.#node = options.node;
    this.#now = options.now;
    this.#everyMs = options.everyMs ?? IMPORT_LEASE_REFRESH_MS;
    this.#refresh = options.refresh;
  }

  /** The time leases are written and judged by: the database's. */
  now(): Promise<number> {
    return this.#now();
  }

  /** The mark of an import starting now. */
  async mark(): Promise<string> {
    return leasedMark(this.#node, await this.#now());
  }

  /** The mark this node's sweep claims a stale import with, at `now`. */
  claim(now: number): string {
    return claimedMark(this.#node, now);
  }

  /** Refreshes the mark of `id` until the returned function is called (awaits a refresh under way). */
  hold(id: string): () => Promise<void> {
    let running: Promise<void> | undefined;
    let held = true;
    const tick = async () => {
      try {
        if (!await this.#refresh(id, await this.mark())) stop();
      } catch {
        // Out of reach for now: the next tick tries again (several may fail within the limit).
      } finally {
        running = undefined;
      }
    };
    const timer = setInterval(() => {
      if (held) running ??= tick();
    }, this.#everyMs);
    const stop = () => {
      held = false;
      clearInterval(timer);
    };
    return async () => {
      stop();
      await running;
    };
  }
}
