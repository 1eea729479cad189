/**
 * Response headers of the REST port's pages and linked documents: what a page may load and
 * connect to, who may frame it, and that an address which may carry `?token=` is neither cached
 * nor passed on as a Referer.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { REPORT_JS } from "../../simulation/report_assets.ts";

const reportScriptHash = createHash("sha256").update(REPORT_JS, "utf8").digest("base64");

/** A host name CSP can name (no IPv6 literal, nothing odd): else any host, on the port only. */
function cspHost(authority: string | undefined): string {
  let hostname: string;
  try {
    hostname = new URL(`http://${authority ?? ""}`).hostname;
  } catch {
    return "*";
  }
  return /^[a-z0-9.-]+$/i.test(hostname) ? hostname : "*";
}

/**
 * Headers of the dashboard and reference pages: nothing from elsewhere, no framing, and
 * connections only to this port and the WebSocket's (`ws(s)://<host the page was asked
 * for>:<wsPort>`, the address the dashboard's chat opens).
 */
export function pageHeaders(
  options: { host: string | undefined; wsPort: number | null },
): Record<string, string> {
  const socket = options.wsPort === null
    ? ""
    : ` ws://${cspHost(options.host)}:${options.wsPort} wss://${
      cspHost(options.host)
    }:${options.wsPort}`;
  return {
    // The report's script too: a report is shown in a sandboxed frame's srcdoc, which takes
    // this page's policy (the report's own goes in as a <meta>: app/api.ts framedDocument).
    "Content-Security-Policy":
      `default-src 'self'; script-src 'self' 'sha256-${reportScriptHash}'; ` +
      "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
      `connect-src 'self'${socket}; frame-src 'self'; object-src 'none'; base-uri 'none'; ` +
      "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
}

/** A document whose address may hold `?token=`: not kept in a cache, never a Referer. */
export const LINKED_DOCUMENT_HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
} as const;

/**
 * Headers of a simulation report page: its own inline script (by hash) and style only, nothing
 * loaded or sent anywhere, framed only by this origin's dashboard, and sandboxed (an opaque
 * origin: were anything ever injected into it, it could not read the dashboard's storage, where
 * the token is).
 */
export const REPORT_HEADERS = {
  ...LINKED_DOCUMENT_HEADERS,
  "Content-Security-Policy": `default-src 'none'; script-src 'sha256-${reportScriptHash}'; ` +
    "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; " +
    "frame-ancestors 'self'; sandbox allow-scripts",
} as const;
