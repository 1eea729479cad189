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
 * @module
 */
import { type Clock, isoTime } from "../clock.ts";

/** How often a running import rewrites its mark's time. */
export const IMPORT_LEASE_REFRESH_MS = 20_000;

/** How old a leased mark's time must be before any node takes its import for cut off. */
export const IMPORT_LEASE_LIMIT_MS = 2 * 60_000;

/** The last word of a leased mark (a mark of an older version ends with its time). */
const LEASED = "leased";

/** A mark as {@linkcode readMark} reads it. */
export interface ImportMark {
  /** The importing node's name (`NODE_ID`). */
  node: string;
  /** When the import started, or (leased) when its node last refreshed the mark; NaN: unreadable. */
  at: number;
  /** True for a mark its node refreshes while the import runs. */
  leased: boolean;
}

/** The leased mark of `node`'s import at `now`. */
export function leasedMark(node: string, now: number): string {
  return `${node} ${isoTime(now)} ${LEASED}`;
}

/**
 * Reads a mark: `"<node> <ISO time> leased"`, or an older version's `"<node> <ISO time>"`. The
 * time is the last word but the lease's: a node name may have spaces of its own.
 */
export function readMark(mark: string): ImportMark {
  const leased = mark.endsWith(` ${LEASED}`);
  const rest = leased ? mark.slice(0, -LEASED.length - 1) : mark;
  const space = rest.lastIndexOf(" ");
  if (space < 0) return { node: rest, at: Number.NaN, leased };
  return { node: rest.slice(0, space), at: Date.parse(rest.slice(space + 1)), leased };
}

/**
 * True when the import of `mark` is cut off at `now`: a leased mark not refreshed for
 * {@linkcode IMPORT_LEASE_LIMIT_MS}, an older mark started `oldMarkLimitMs` ago. A time that
 * cannot be read is never old (another node may be importing).
 */
export function isStale(mark: ImportMark, now: number, oldMarkLimitMs: number): boolean {
  return now - mark.at > (mark.leased ? IMPORT_LEASE_LIMIT_MS : oldMarkLimitMs);
}

/** How a running import's mark is rewritten: false when its row is gone (or finished). */
export type RefreshMark = (id: string, mark: string) => Promise<boolean>;

/**
 * Keeps the marks of this node's running imports fresh: {@linkcode hold} rewrites one every
 * `everyMs` until the returned function is called. A refresh that fails (the database out of
 * reach) is tried again at the next tick; one that finds the row gone stops.
 */
export class ImportLeases {
  readonly #node: string;
  readonly #clock: Clock;
  readonly #everyMs: number;
  readonly #refresh: RefreshMark;

  /** Leases of `node`'s imports, written by `refresh`, every `everyMs`. */
  constructor(options: { node: string; clock: Clock; everyMs?: number; refresh: RefreshMark }) {
    this.#node = options.node;
    this.#clock = options.clock;
    this.#everyMs = options.everyMs ?? IMPORT_LEASE_REFRESH_MS;
    this.#refresh = options.refresh;
  }

  /** The mark of an import starting now. */
  mark(): string {
    return leasedMark(this.#node, this.#clock.now());
  }

  /** Refreshes the mark of `id` until the returned function is called (awaits a refresh under way). */
  hold(id: string): () => Promise<void> {
    let running: Promise<void> | undefined;
    let held = true;
    const tick = async () => {
      try {
        if (!await this.#refresh(id, this.mark())) stop();
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
