/**
 * Where the servers listen, what they accept, and the limits that keep one client from starving the others (`server` and `transports` groups).
 *
 * Part of the table in `core/settings.ts`, which keeps the order of these entries (it is the
 * order `system.settings` lists them and `loadConfig` checks them) and names each one's group.
 *
 * @module
 */
import { z } from "zod";
import { isProxyEntry } from "../cluster/client_address.ts";
import { boolFlag, commaList, port, positiveInt } from "./schemas.ts";

/** Most bytes of AUTH_TOKEN_FILE read. */
const TOKEN_FILE_MAX_BYTES = 4096;

/**
 * AUTH_TOKEN's rules: long enough, not one or two characters repeated (a guessable token such as
 * `aaaaaaaaaaaaaaaa` or `abababababababab`), and only RFC 6750's b64token characters, so that
 * `Authorization: Bearer <token>` can carry it (a space or a control character never could).
 */
export const authToken = z.string()
  .refine((token) => token === "" || token.length >= 16, {
    message: "must be empty or at least 16 characters",
  })
  .refine((token) => token === "" || /^[A-Za-z0-9\-._~+/]+=*$/.test(token), {
    message: "may hold only letters, digits and - . _ ~ + / (then = padding), as a bearer " +
      "token must (RFC 6750): no spaces, control characters or quotes",
  })
  .refine((token) => token === "" || new Set(token).size >= 8, {
    message: "is too easy to guess: it needs at least 8 different characters " +
      "(e.g. AUTH_TOKEN=$(openssl rand -hex 32))",
  });

/**
 * The token in AUTH_TOKEN_FILE, with one final line break dropped; an Error says what is wrong
 * with the file (never its content).
 */
export function readTokenFile(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read it: ${(error as Error).message}`);
  }
  if (bytes.length > TOKEN_FILE_MAX_BYTES) {
    throw new Error(`it holds more than ${TOKEN_FILE_MAX_BYTES} bytes, not a token`);
  }
  return new TextDecoder().decode(bytes).replace(/\r?\n$/, "");
}

/** Where the servers listen, what they accept, and the limits that keep one client from starving the others (`server` and `transports` groups). */
export const SERVER_SETTINGS = {
  SERVER_HOST: {
    schema: z.string().min(1).default("127.0.0.1"),
    description: "Interface both servers bind to",
  },
  SERVER_PORT: {
    schema: port.default(8000),
    description: "WebSocket JSON-RPC port (`/mcp`); 0 picks a free port",
  },
  API_PORT: {
    schema: port.default(8080),
    description: "REST PersonaAPI port (`/api`); 0 picks a free port",
  },
  DATA_DIR: {
    schema: z.string().min(1).default("data"),
    description: "Folder for the SQLite database (`persona.db`) and other runtime files",
  },
  LOG_LEVEL: {
    schema: z.enum(["debug", "info", "warn", "error"]).default("info"),
    description: "Least severe log level written to stderr",
  },
  ALLOW_CLIENT_LOG_LEVEL: {
    schema: boolFlag.default(true),
    description:
      "Whether clients may change LOG_LEVEL with `system.set_log_level` (each change is logged " +
      "at warn with the session); false: only the operator sets it, the method answers -32602",
  },
  ENV_FILE: {
    schema: z.string().default(".env"),
    description: "Dotenv file read at start, relative to the current directory (missing is fine)",
  },
  SHUTDOWN_GRACE_MS: {
    schema: z.coerce.number().int().min(0).max(600_000).default(5_000),
    description:
      "Longest wait at shutdown (SIGTERM) for calls in flight to finish while new work is " +
      "refused; then the rest is cancelled (-32008). 0: at once",
  },
  MAX_FRAME_BYTES: {
    schema: positiveInt.default(1_048_576),
    description:
      "Largest WebSocket frame or HTTP body accepted; larger frames close with 1009. A message " +
      "may hold 200,000 JSON values per MiB of it (never fewer than 200,000; " +
      "core/server/SECURITY.md)",
  },
  CORS_ORIGINS: {
    schema: commaList.default([]),
    description:
      "Comma-separated browser origins allowed to call the REST API and /mcp besides this " +
      "server's own pages (localhost, 127.0.0.1, [::1], SERVER_HOST and ALLOWED_HOSTS on " +
      "API_PORT or SERVER_PORT): `http://localhost:5173`, or `http://localhost:*` for every " +
      "port of a host; other origins, a localhost page on another port too, get 403",
  },
  ALLOWED_HOSTS: {
    schema: commaList.default([]),
    description:
      "Host names, besides localhost, 127.0.0.1, [::1] and SERVER_HOST, accepted in the Host " +
      "header (DNS-rebinding protection); `*` accepts any, and then needs AUTH_TOKEN",
  },
  AUTH_TOKEN: {
    schema: authToken.default(""),
    description:
      "Bearer token every network client must send (`Authorization: Bearer`, or `?token=` on " +
      "the WebSocket upgrade); required when SERVER_HOST is not a loopback address or " +
      "ALLOWED_HOSTS is `*`; at least 16 characters, 8 of them different, only letters, digits " +
      "and `-._~+/` (RFC 6750); empty: none. Prefer the environment or `.env` (or " +
      "AUTH_TOKEN_FILE) to `--auth-token`, which every local user sees in `ps`",
  },
  AUTH_TOKEN_FILE: {
    schema: z.string().default(""),
    description:
      "File holding AUTH_TOKEN (read at start, a final newline dropped), so that the token " +
      "is in neither the command line nor the environment; not with AUTH_TOKEN",
  },
  MAX_CONNECTIONS: {
    schema: positiveInt.default(64),
    description:
      "Open WebSocket connections allowed; past it an upgrade gets 503 and Retry-After " +
      "unless a socket silent for 5 minutes can be closed for it",
  },
  MAX_SESSIONS: {
    schema: positiveInt.default(1000),
    description:
      "Live HTTP sessions (MCP `Mcp-Session-Id` and REST `X-Session-Id`); past it the least " +
      "recently used one ends if unused for 5 minutes, else a new one gets 503 and Retry-After",
  },
  MAX_SESSIONS_PER_CLIENT_PER_MIN: {
    schema: z.coerce.number().int().min(0).optional(),
    description:
      "Sessions one client (an address; an IPv6 client by its /64) may open a minute (REST " +
      "`POST /api/sessions` and MCP " +
      "`initialize` together), so one client cannot take all of MAX_SESSIONS; past it 429 " +
      "and Retry-After; 0 turns it off; unset: off on loopback (every local client shares " +
      "one address), 60 elsewhere",
  },
  MAX_LISTENS: {
    schema: positiveInt.default(128),
    description:
      "MCP `subscriptions/listen` streams open at once, over every transport; past it a " +
      "listen gets -32007 with `retry_after_ms`",
  },
  MAX_LISTENS_PER_CLIENT: {
    schema: positiveInt.optional(),
    description:
      "MCP `subscriptions/listen` streams one client (an address; an IPv6 client by its /64; " +
      "behind TRUSTED_PROXIES the client forwarded for) may hold open, so that a few sockets " +
      "cannot take every MAX_LISTENS place; past it -32007; unset: a quarter of MAX_LISTENS " +
      "(at least 1)",
  },
  MAX_BATCH: {
    schema: positiveInt.default(50),
    description: "Most requests in one JSON-RPC batch; a larger batch is refused with -32600",
  },
  MAX_REPLY_BYTES: {
    // At most the bytes of task results held in memory (MAX_KEPT_BYTES): a larger result could
    // not be held until its task is read.
    schema: positiveInt.max(67_108_864).default(1_048_576),
    description:
      "Largest reply (or whole batch reply) sent, at most 64 MiB; a result past it becomes " +
      "-32005, page it with `limit` and `cursor`",
  },
  MAX_INFLIGHT_PER_CONNECTION: {
    schema: positiveInt.default(64),
    description:
      "Requests (each of a batch counts) one connection may have running at once; more are " +
      "refused with -32006 until replies go out (at least MAX_BATCH)",
  },
  MAX_QUEUED_BYTES: {
    schema: positiveInt.default(4_194_304),
    description:
      "Reply bytes a WebSocket (or an MCP event stream) may leave unread; past it the connection closes with 1008 (the stream ends) " +
      "(at least MAX_REPLY_BYTES)",
  },
  MEMORY_GUARD_MB: {
    schema: z.coerce.number().int().min(0).optional(),
    description:
      "Growth in MiB of the server's memory outside the JS heap past which the WebSockets " +
      "silent for 2 s are closed, half at a time, youngest first, busy sessions last (a client " +
      "that sends a fragmented message without end grows it; a round that frees none of it " +
      "makes the growth the new baseline: see core/server/SECURITY.md); 0 turns it off; " +
      "unset: 256 plus twice MAX_CONNECTIONS × MAX_FRAME_BYTES, at most 1024 (384 with the " +
      "defaults)",
  },
  RATE_LIMIT_PER_S: {
    schema: z.coerce.number().min(0).optional(),
    description:
      "Requests per second each connection and each HTTP client (by address; IPv6 by /64) may " +
      "make, " +
      "averaged (token bucket); 0 turns it off; unset: off on loopback, 50 elsewhere",
  },
  RATE_LIMIT_BURST: {
    schema: positiveInt.optional(),
    description: "Requests allowed at once above the rate (bucket size); unset: twice the rate",
  },
  TRUSTED_PROXIES: {
    schema: commaList.refine((entries) => entries.every(isProxyEntry), {
      message: "must be IP addresses or CIDR ranges (10.0.0.5, 10.0.0.0/8, ::1)",
    }).default([]),
    description:
      "Comma-separated addresses or CIDR ranges of reverse proxies (nginx) whose X-Forwarded-For " +
      "or X-Real-IP names the client that rate limits count by; none: the peer is the client",
  },
  PLUGINS: {
    schema: commaList.default(["visual"]),
    description:
      "Comma-separated plugins to enable (see `plugins/`), each once however often named; " +
      "empty enables none",
  },
  MCP_SESSION_TTL_S: {
    schema: positiveInt.default(1800),
    description: "Idle seconds before a Streamable HTTP MCP session (`Mcp-Session-Id`) ends",
  },
  REST_SESSION_TTL_S: {
    schema: positiveInt.default(1800),
    description: "Idle seconds before a REST session (`X-Session-Id`) is forgotten",
  },
  MAX_SAVED_STATES: {
    schema: positiveInt.default(10_000),
    description:
      "Saved states (`state.save` keys) kept, shared by every client; past it the least " +
      "recently saved is deleted",
  },
  SAVED_STATE_TTL_S: {
    schema: z.coerce.number().int().min(0).default(0),
    description:
      "Seconds after its last `state.save` a saved state is deleted (swept each minute); 0: " +
      "kept until deleted (`state.delete`) or pushed out by MAX_SAVED_STATES",
  },
} as const;
