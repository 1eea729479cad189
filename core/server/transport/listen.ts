/**
 * Listening on a configured port. When the operating system refuses, the error says which port
 * on which interface, which setting chose it, and how to change it (flag and variable), instead
 * of "Address already in use (os error 98)".
 *
 * @module
 */
import type { Config } from "../../config.ts";
import type { Logger } from "../../log.ts";
import { type BodyDeadlineOptions, withBodyDeadline } from "./body_deadline.ts";
import { KeptListener } from "./kept_listener.ts";

/** The settings that choose a port. */
export type PortSetting = "SERVER_PORT" | "API_PORT";

/** Raised when a listener cannot bind; the message is one line that names what to change. */
export class ListenError extends Error {
  override name = "ListenError";
}

function flagOf(setting: string): string {
  return `--${setting.toLowerCase().replaceAll("_", "-")}`;
}

/**
 * The error to report for `error`, raised while binding `host:port` chosen by `setting`: a
 * {@linkcode ListenError} for the failures a user can fix by changing a setting, else `error`.
 */
export function explainListenError(
  error: unknown,
  where: { setting: PortSetting; host: string; port: number },
): unknown {
  const { setting, host, port } = where;
  const change = `${flagOf(setting)} or ${setting} (0 picks a free one)`;
  if (error instanceof Deno.errors.AddrInUse) {
    return new ListenError(
      `port ${port} on ${host} is already in use (${setting}): stop the program using it, or ` +
        `choose another port with ${change}`,
    );
  }
  if (error instanceof Deno.errors.PermissionDenied) {
    return new ListenError(
      `not permitted to listen on port ${port} on ${host} (${setting}): ports below 1024 need ` +
        `privileges; choose another port with ${change}`,
    );
  }
  if (error instanceof Deno.errors.AddrNotAvailable) {
    return new ListenError(
      `cannot listen on ${host} (SERVER_HOST): it is not an address of this machine; set ` +
        `${flagOf("SERVER_HOST")} or SERVER_HOST to one of its addresses, e.g. 127.0.0.1`,
    );
  }
  return error;
}

/** Options of {@linkcode serveOn}. */
export interface ServeOnOptions {
  /** Where listener failures, body timeouts and aborted bodies are logged. */
  log: Logger;
  /** The request bodies' deadline (defaults: body_deadline.ts). */
  bodies?: Omit<BodyDeadlineOptions, "log">;
}

/**
 * `Deno.serve` on `SERVER_HOST` and the port `setting` names (see {@linkcode explainListenError}),
 * with a deadline on request bodies (body_deadline.ts) and a listener that outlives running out
 * of file descriptors (kept_listener.ts).
 */
export function serveOn(
  setting: PortSetting,
  config: Config,
  handler: Deno.ServeHandler<Deno.NetAddr>,
  options: ServeOnOptions,
): KeptListener {
  const where = { setting, host: config.SERVER_HOST, port: config[setting] };
  const guarded = withBodyDeadline(handler, { ...options.bodies, log: options.log });
  try {
    return new KeptListener(
      (port) => Deno.serve({ hostname: where.host, port, onListen: () => {} }, guarded),
      { port: where.port, log: options.log, label: `${setting} listener` },
    );
  } catch (error) {
    throw explainListenError(error, where);
  }
}
