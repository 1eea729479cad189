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
 * and the line says how many characters were left out. An error's stack (a few KB) fits.
 */
export const LOG_VALUE_CHARS = 8_192;

function formatValue(value: unknown): string {
  if (value instanceof Error) return quoted(value.stack ?? value.message);
  if (typeof value === "string") {
    return /^[\w.:/@-]*$/.test(value) && value.length <= LOG_VALUE_CHARS ? value : quoted(value);
  }
  // `undefined` and functions have no JSON: written as the template writes them.
  const text: string | undefined = JSON.stringify(value);
  if (text === undefined) return String(text);
  return text.length > LOG_VALUE_CHARS ? cutValue(text) : text;
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
