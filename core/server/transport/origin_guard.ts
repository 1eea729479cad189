/**
 * DNS-rebinding and cross-site protection (MCP's transport security rules): a request whose
 * `Host` is not this machine's, or whose `Origin` is a foreign web page, is refused with 403
 * before it reaches any handler. Requests without `Origin` (every non-browser client) pass.
 *
 * @module
 */
import type { Config } from "../../config.ts";
import { echoed } from "../../text_cut.ts";

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD_BINDS = new Set(["0.0.0.0", "::", "[::]"]);

/** Decides whether a request's `Host` and `Origin` are acceptable. */
export interface OriginGuard {
  /** Why `request` must be refused, or null when it may pass. */
  refusal(request: Request): string | null;
  /** True when `origin` (a browser page) may call this server. */
  allowsOrigin(origin: string): boolean;
}

function hostnameOf(authority: string): string | null {
  try {
    return new URL(`http://${authority}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** `host` in URL form: an IPv6 address gets its brackets. */
export function bracketed(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** Builds the guard from SERVER_HOST, ALLOWED_HOSTS and CORS_ORIGINS. */
export function createOriginGuard(
  config: Pick<Config, "SERVER_HOST" | "ALLOWED_HOSTS" | "CORS_ORIGINS">,
): OriginGuard {
  const anyHost = config.ALLOWED_HOSTS.includes("*");
  const hosts = new Set(LOOPBACK_HOSTS);
  const bound = bracketed(config.SERVER_HOST.toLowerCase());
  if (!WILDCARD_BINDS.has(bound)) hosts.add(bound);
  for (const host of config.ALLOWED_HOSTS) {
    if (host !== "*") hosts.add(bracketed(host.toLowerCase()));
  }
  const origins = new Set(config.CORS_ORIGINS.map((origin) => origin.toLowerCase()));

  const allowsOrigin = (origin: string): boolean => {
    if (origins.has(origin.toLowerCase())) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // Includes "null" (sandboxed frames, file: pages).
    }
    return (url.protocol === "http:" || url.protocol === "https:") &&
      hosts.has(url.hostname.toLowerCase());
  };

  return {
    allowsOrigin,
    refusal(request) {
      const authority = request.headers.get("host") ?? new URL(request.url).host;
      const hostname = hostnameOf(authority);
      if (!anyHost && (hostname === null || !hosts.has(hostname))) {
        return `Host "${echoed(authority)}" is not this server (see ALLOWED_HOSTS)`;
      }
      const origin = request.headers.get("origin");
      if (origin !== null && !allowsOrigin(origin)) {
        return `Origin "${echoed(origin)}" may not call this server (see CORS_ORIGINS)`;
      }
      return null;
    },
  };
}
