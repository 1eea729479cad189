/**
 * DNS-rebinding and cross-site protection (MCP's transport security rules): a request whose
 * `Host` is not this machine's, or whose `Origin` is a web page other than this server's own, is
 * refused with 403 before it reaches any handler. Requests without `Origin` (every non-browser
 * client) pass.
 *
 * The server's own pages are the origins `http(s)://{localhost,127.0.0.1,[::1],SERVER_HOST,
 * ALLOWED_HOSTS}` on API_PORT or SERVER_PORT (the ports actually listened on when they are 0),
 * and a page of the very origin it calls (the dashboard behind a proxy). A page on any other
 * port, even of localhost (a dev server, a downloaded HTML file served by `python3 -m
 * http.server`), needs CORS_ORIGINS: an exact origin, or `scheme://host:*` for any port.
 *
 * @module
 */
import type { Config } from "../../config.ts";
import { ECHO_MAX, echoed } from "../../text_cut.ts";

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD_BINDS = new Set(["0.0.0.0", "::", "[::]"]);

/** Decides whether a request's `Host` and `Origin` are acceptable. */
export interface OriginGuard {
  /** Why `request` must be refused, or null when it may pass. */
  refusal(request: Request): string | null;
  /** True when `origin` (a browser page) may call this server from another origin (CORS). */
  allowsOrigin(origin: string): boolean;
}

/** What the guard needs besides the settings. */
export interface OriginGuardOptions {
  /** The ports listened on (API_PORT's and SERVER_PORT's, once known): they may be 0 in settings. */
  ports?: () => Iterable<number | null | undefined>;
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

function webUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null; // Includes "null" (sandboxed frames, file: pages).
  }
}

/** The port an http(s) URL names, its scheme's default when it names none. */
function portOf(url: URL): number {
  return url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/** CORS_ORIGINS entries: exact origins, and `scheme://host:*` (any port of that host). */
function originRules(entries: readonly string[]) {
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  for (const entry of entries) {
    const text = entry.trim().toLowerCase();
    const wildcard = /^(https?:\/\/.+):\*$/.exec(text);
    const url = webUrl(wildcard ? `${wildcard[1]}` : text);
    if (wildcard && url) anyPort.add(`${url.protocol}//${url.hostname}`);
    else exact.add(url ? url.origin : text.replace(/\/+$/, ""));
  }
  return { exact, anyPort };
}

/** Builds the guard from SERVER_HOST, the ports, ALLOWED_HOSTS and CORS_ORIGINS. */
export function createOriginGuard(
  config: Pick<
    Config,
    "SERVER_HOST" | "ALLOWED_HOSTS" | "CORS_ORIGINS" | "API_PORT" | "SERVER_PORT"
  >,
  options: OriginGuardOptions = {},
): OriginGuard {
  const anyHost = config.ALLOWED_HOSTS.includes("*");
  const hosts = new Set(LOOPBACK_HOSTS);
  const bound = bracketed(config.SERVER_HOST.toLowerCase());
  if (!WILDCARD_BINDS.has(bound)) hosts.add(bound);
  for (const host of config.ALLOWED_HOSTS) {
    if (host !== "*") hosts.add(bracketed(host.toLowerCase()));
  }
  const rules = originRules(config.CORS_ORIGINS);
  const ownPort = (port: number): boolean => {
    if (port === config.API_PORT || port === config.SERVER_PORT) return port !== 0;
    for (const listened of options.ports?.() ?? []) if (listened === port) return true;
    return false;
  };

  const allowsOrigin = (origin: string): boolean => {
    const url = webUrl(origin);
    if (url === null) return rules.exact.has(origin.toLowerCase());
    if (rules.exact.has(url.origin) || rules.anyPort.has(`${url.protocol}//${url.hostname}`)) {
      return true;
    }
    return hosts.has(url.hostname) && ownPort(portOf(url));
  };

  /** A page calling its own origin (Host as the browser wrote it): never cross-site. */
  const sameOrigin = (origin: string, authority: string): boolean => {
    const url = webUrl(origin);
    if (url === null) return false;
    try {
      return new URL(`${url.protocol}//${authority}`).host === url.host;
    } catch {
      return false;
    }
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
      if (origin === null || allowsOrigin(origin)) return null;
      // ALLOWED_HOSTS=* accepts any Host: then no page is "same origin" by its Host alone.
      if (!anyHost && sameOrigin(origin, authority)) return null;
      const url = webUrl(origin);
      // The value to set, unless it is too long to echo (then the quoted origin says it).
      const advice = url === null
        ? "only web pages (http/https) can be allowed, with CORS_ORIGINS"
        : url.origin.length > ECHO_MAX
        ? "to allow it, add it to CORS_ORIGINS"
        : `to allow it, set CORS_ORIGINS=${url.origin} (or ${url.protocol}//${url.hostname}:* ` +
          "for any port of that host)";
      return `Origin "${echoed(origin)}" may not call this server: ${advice}`;
    },
  };
}
