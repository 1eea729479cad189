/**
 * A small leveled logger. Everything goes to stderr so that stdout stays free for protocols
 * (the stdio transport) and for the ready line.
 *
 * @module
 */
import { cutText } from "./text_cut.ts";

/** Log levels, least severe first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Structured fields appended to a log line as `key=value`. */
export type LogFields = Record<string, unknown>;

/** The logging interface the rest of the code depends on. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The least severe level written now (loggers made by `createLogger` have it). */
  level?(): LogLevel;
  /** Changes that level while running (the dashboard's System page, `system.set_log_level`). */
  setLevel?(level: LogLevel): void;
}

/**
 * The most characters of one field's value a log line keeps. Values come from clients too (an
 * MCP client's name and version, a requested revision) and may be as long as a request: logged
 * whole, each request wrote that much to the log (attack41: three `initialize` calls with long
 * client names wrote 1 MB; a thousand of them would write a gigabyte). Past it the value is cut
 * and the line says how many characters were left out. An error's message is cut to it on its own,
 * so that its stack frames survive a long message ({@linkcode errorText}).
 */
export const LOG_VALUE_CHARS = 8_192;

/**
 * The most characters of an error's stack frames (the lines after its message) a log line keeps:
 * the frames say where the error came from, and a message quoting a long input or statement
 * must not push them out (review41b 4).
 */
export const LOG_FRAME_CHARS = 4_096;

/** How many errors down an error's `cause` chain a log line writes (bounded: a chain may loop). */
export const LOG_CAUSE_DEPTH = 3;

function formatValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(errorText(value));
  if (typeof value === "string") {
    return /^[\w.:/@-]*$/.test(value) && value.length <= LOG_VALUE_CHARS ? value : quoted(value);
  }
  // `undefined` and functions have no JSON: written as "undefined". A cycle or a BigInt would
  // throw: written as a cause is, in its plain string form (a log line never throws).
  const text = guarded(() => JSON.stringify(value) ?? "undefined", undefined) ?? causeText(value);
  return text.length > LOG_VALUE_CHARS ? cutValue(text) : text;
}

/**
 * An error as a log line writes it: its name and message cut to {@linkcode LOG_VALUE_CHARS}, its
 * frames to {@linkcode LOG_FRAME_CHARS}, then each `cause` down to {@linkcode LOG_CAUSE_DEPTH}
 * the same way ("caused by: ..."). Each cut part says how many characters it left out.
 */
export function errorText(error: Error): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth <= LOG_CAUSE_DEPTH && current !== undefined; depth++) {
    if (depth > 0) parts.push("\ncaused by: ");
    if (!(current instanceof Error)) {
      parts.push(cutPart(causeText(current), LOG_VALUE_CHARS));
      break;
    }
    const head = guarded(() => String(current), "(an error that cannot be written)");
    // A stack is a string by convention only: anything else is left out, never thrown on.
    const read = guarded(() => (current as Error).stack, "");
    const stack = typeof read === "string" ? read : "";
    // A stack opens with the message; the frames follow it ("\n    at ..."). A stack that
    // does not (its name or message changed after it was made) keeps its frames only.
    const at = stack.search(/\n\s+at /u);
    const frames = stack.startsWith(head)
      ? stack.slice(head.length)
      : at < 0
      ? ""
      : stack.slice(at);
    parts.push(cutPart(head, LOG_VALUE_CHARS), cutPart(frames, LOG_FRAME_CHARS));
    current = guarded(() => (current as Error).cause, undefined);
  }
  return parts.join("");
}

/** A cause that is no Error, or a field's value, as text ("timeout", `{ code: 3 }`). */
function causeText(cause: unknown): string {
  if (typeof cause === "string") return cause;
  // A cycle or a BigInt has no JSON: its plain string form (and a value without one, a name).
  return guarded(() => JSON.stringify(cause) ?? String(cause), undefined) ??
    guarded(() => String(cause), "(a value with no text)");
}

/**
 * What `read` gives, or `fallback` when it throws: an error's name, message, stack or cause may
 * be a getter that throws, and a log line is written whatever value it is given.
 */
function guarded<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** `text`'s first `max` characters and, when it had more, how many it left out. */
function cutPart(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept = cutText(text, max);
  return `${kept}…(${text.length - kept.length} more characters)`;
}

/** `text` quoted, cut past {@linkcode LOG_VALUE_CHARS}. */
function quoted(text: string): string {
  return text.length > LOG_VALUE_CHARS ? cutValue(text) : JSON.stringify(text);
}

/** `text`'s first {@linkcode LOG_VALUE_CHARS} characters, quoted, and how many more it had. */
function cutValue(text: string): string {
  const kept = cutText(text, LOG_VALUE_CHARS);
  return `${JSON.stringify(kept)}…(${text.length - kept.length} more characters)`;
}

/** Options for {@linkcode createLogger}. */
export interface LoggerOptions {
  /** Where lines go; stderr by default. */
  write?: (line: string) => void;
}

/** Creates a logger that drops lines below `level`. */
export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => console.error(line));
  let current = level;
  const emit = (lineLevel: LogLevel, message: string, fields?: LogFields) => {
    if (RANK[lineLevel] < RANK[current]) return;
    const extra = fields
      ? Object.entries(fields).map(([key, value]) => ` ${key}=${formatValue(value)}`).join("")
      : "";
    write(`${new Date().toISOString()} ${lineLevel.toUpperCase()} ${message}${extra}`);
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    level: () => current,
    setLevel(next) {
      current = next;
    },
  };
}
