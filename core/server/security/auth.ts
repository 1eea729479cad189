/**
 * Access control for the network transports: the `AUTH_TOKEN` bearer token, compared in constant
 * time, and the rule that a server listening beyond loopback never runs without one. stdio
 * needs none: whoever can write to the process's stdin already runs as its user.
 *
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { type Config, ConfigError } from "../../config.ts";

/** Query parameter carrying the token on a WebSocket upgrade (browsers cannot set headers). */
export const TOKEN_QUERY_PARAM = "token";

/** True when `host` names this machine only: 127.0.0.0/8, `::1` or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (name === "localhost" || name === "::1" || name === "0:0:0:0:0:0:0:1") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * Refuses a configuration that would serve strangers without a credential: SERVER_HOST beyond
 * loopback (a LAN address, `0.0.0.0`, `::`) needs AUTH_TOKEN, and so does `ALLOWED_HOSTS=*`,
 * which turns off the Host check that keeps DNS-rebinding web pages out. Throws
 * {@linkcode ConfigError}.
 */
export function assertSafeExposure(
  config: Pick<Config, "SERVER_HOST" | "AUTH_TOKEN" | "ALLOWED_HOSTS">,
): void {
  if (config.AUTH_TOKEN !== "") return;
  const advice =
    "needs AUTH_TOKEN (at least 16 characters, e.g. AUTH_TOKEN=$(openssl rand -hex 32))";
  if (!isLoopbackHost(config.SERVER_HOST)) {
    throw new ConfigError(
      `Invalid setting SERVER_HOST=${JSON.stringify(config.SERVER_HOST)}: listening beyond ` +
        `loopback ${advice}`,
    );
  }
  if (config.ALLOWED_HOSTS.includes("*")) {
    throw new ConfigError(
      "Invalid setting ALLOWED_HOSTS=*: accepting any Host lets any web page reach the server " +
        `by DNS rebinding, so it ${advice}; or list the host names instead`,
    );
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** A token's SHA-256 in base64url: what may be stored or compared instead of the token. */
export function tokenDigest(token: string): string {
  return digest(token).toString("base64url");
}

/**
 * True when `presented` equals `expected`. Both are hashed first, so the comparison takes the
 * same time whatever the lengths and wherever the first difference is.
 */
export function tokenMatches(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The token a request carries: `Authorization: Bearer`, or `?token=` when `query` allows it. */
export function presentedToken(request: Request, options: { query?: boolean } = {}): string | null {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    return match?.[1] ?? null;
  }
  if (!options.query) return null;
  return new URL(request.url).searchParams.get(TOKEN_QUERY_PARAM);
}

/** Decides whether a request may pass: always when no token is configured. */
export interface AuthGate {
  /** True when the server requires a token. */
  readonly enabled: boolean;
  /** Why `request` is refused (401), or null when it may pass. */
  refusal(request: Request, options?: { query?: boolean }): string | null;
}

/** The gate for `AUTH_TOKEN` (empty: every request passes). */
export function createAuthGate(config: Pick<Config, "AUTH_TOKEN">): AuthGate {
  const expected = config.AUTH_TOKEN;
  return {
    enabled: expected !== "",
    refusal(request, options = {}) {
      if (expected === "") return null;
      const token = presentedToken(request, options);
      if (token === null) {
        return options.query
          ? "send the token as Authorization: Bearer <token> or ?token=<token>"
          : "send the token as Authorization: Bearer <token>";
      }
      return tokenMatches(expected, token) ? null : "the token is wrong";
    },
  };
}

/** `WWW-Authenticate` value of a 401 (RFC 6750). */
export const BEARER_CHALLENGE = 'Bearer realm="persona-mcp"';
