/**
 * Time as a dependency, so that energy, decay and cooldown rules can be tested with a clock the
 * test controls.
 *
 * @module
 */

/** A source of the current time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  #now: number;

  /** Starts at `start` (epoch ms). */
  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  /** The current (manual) time. */
  now(): number {
    return this.#now;
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    this.#now += ms;
  }
}

const DAY_MS = 86_400_000;
/** The UTC day {@linkcode isoTime} wrote last: its first millisecond and its "YYYY-MM-DDT". */
let dayStart = NaN;
let dayPrefix = "";

/** `value` in `digits` digits, zeros first. */
function padded(value: number, digits: number): string {
  return String(value).padStart(digits, "0");
}

/**
 * ISO-8601 text of `ms` (UTC, with Z), as `Date.prototype.toISOString` writes it. A time of the
 * day written last is written from that day's date and its own clock time: `toISOString` costs
 * 7-14 µs a call here (a new `Date` each time), and every stored memory, touch and turn asks.
 */
export function isoTime(ms: number): string {
  const offset = ms - dayStart;
  if (offset >= 0 && offset < DAY_MS && Number.isInteger(ms)) {
    return `${dayPrefix}${padded(Math.floor(offset / 3_600_000), 2)}:${
      padded(Math.floor(offset / 60_000) % 60, 2)
    }:${padded(Math.floor(offset / 1000) % 60, 2)}.${padded(offset % 1000, 3)}Z`;
  }
  const text = new Date(ms).toISOString();
  // Years 0-9999 only (others are written with a sign and six digits); whole milliseconds.
  if (text.length === 24 && Number.isInteger(ms)) {
    dayStart = ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
    dayPrefix = text.slice(0, 11);
  }
  return text;
}
