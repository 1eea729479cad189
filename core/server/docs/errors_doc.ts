/**
 * The error tables of the method reference: every JSON-RPC code, and every domain error with the
 * code and HTTP status the edge maps it to (read from the mapping itself, `toWireError`).
 *
 * @module
 */
import { AppError, type ErrorCode } from "../../errors.ts";
import { RpcCode, RpcError, toWireError } from "../rpc/wire_errors.ts";
import { code, table } from "./markdown.ts";

/** When each JSON-RPC code is answered; a new code fails `deno check` until it is described. */
const RPC_CODE_NOTES: Record<keyof typeof RpcCode, string> = {
  ParseError: "The frame is not JSON (the answer's `id` is null)",
  InvalidRequest: "Not a JSON-RPC 2.0 request object; an empty batch; a message (or batch " +
    "item: the others run) holding `jsonrpc`, `method`, `id` or `params` twice (`data.member`)",
  MethodNotFound: "Unknown method (checked before params)",
  InvalidParams:
    "Wrong type, missing or unknown field, out of range, duplicate name, unknown key; " +
    "`data.fields` names each offending field",
  InternalError: "An unexpected failure; logged with the request id, its message never echoed",
  PersonaNotFound: "No persona has the given id (or name, where names are accepted)",
  NoActivePersona: "The method needs the session's persona and none is active",
  MemoryError: "The memory store failed or is out of reach; `data` says why and what to do",
  LlmError: "The language model (or the embedding model) failed (`data.reason`, `data.hint`), " +
    "or too many calls already wait",
  PersonaUnavailable:
    "A participant is cooling down, out of energy, too tired or busy; `data.available_at` " +
    "says when",
  ReplyTooLarge:
    "The result (or the whole batch reply) is over `MAX_REPLY_BYTES`; ask for a smaller page " +
    "(`limit`, `cursor`); a result that cannot be paged (`persona.export`) says what to do " +
    "instead in the message and `data.hint`. `data.ran: false`: a batch's request that did not run, the budget " +
    "being spent before its turn; send it again",
  RateLimited: "Over the rate limit (`RATE_LIMIT_PER_S`), `MAX_INFLIGHT_PER_CONNECTION` or " +
    "`MAX_SESSIONS_PER_CLIENT_PER_MIN` (HTTP 429); `data.retry_after_ms` says when to retry",
  ServerBusy: "`MAX_SESSIONS` reached and every session has a request running or was used in " +
    "the last 5 minutes, or `MAX_CONNECTIONS` reached (HTTP 503 with `Retry-After`), or `MAX_LISTENS` " +
    'streams open, or `MAX_LISTENS_PER_CLIENT` of the client\'s (`data.reason: "per_client"`) ' +
    "(MCP `subscriptions/listen`, no REST route: over MCP HTTP a 200 JSON reply)",
  ShuttingDown: "The server stopped while the request ran (or, for a task, the node running it " +
    "stopped); retry once it is back",
  StorageUnavailable: "The database cannot be reached (PostgreSQL down, restarting or out of " +
    "connections; HTTP 503 with `Retry-After`); `data.retry_after_ms` says when to retry. For a " +
    "couple of seconds after a failed connection calls are refused at once. Also a write the " +
    "database refused for a full disk, a read-only file or a disk error (`data.reason`: " +
    "`disk_full`, `read_only`, `io_error`; `data.hint` says what to do)",
  RequestCancelled: "The client cancelled the request (`conversation.cancel`; MCP " +
    "`notifications/cancelled` over HTTP, where a POSTed request must be answered: over the " +
    "WebSocket and stdio such a request gets no answer) or closed the connection",
};

/** What each domain error means; a new one fails `deno check` until it is described. */
const DOMAIN_ERROR_NOTES: Record<ErrorCode, string> = {
  persona_not_found: "A persona id (or name) matches nothing",
  no_active_persona: "No `persona_id` given and the session has no active persona",
  invalid_input: "Input the schema accepts but a rule refuses (`data.fields`)",
  not_found: "A named thing (memory, conversation, saved state, session) does not exist",
  conflict: "A write would break a uniqueness rule, e.g. a taken persona name",
  memory_unavailable: "The memory backend failed or is out of reach",
  embedder_invalid: "The embedding model's server answered without usable vectors (wrong " +
    "number or size, not finite, all zeros, unreadable or too large); `data.hint` says what to do",
  llm_unavailable: "The language model is unreachable, lacks the model, timed out or broke off",
  busy: "The language model's queue is full (`LLM_QUEUE_LIMIT`), a simulation already runs, " +
    "a memory write conflicted twice with another node's writes (PostgreSQL), or 4 uploads " +
    "(cards, bundles, lorebooks, avatars) are being taken and 16 more wait, or (PostgreSQL) " +
    "`DATABASE_POOL_QUEUE` calls already wait for a connection or a statement ran past " +
    "`DATABASE_QUERY_TIMEOUT_MS`, or (SQLite) another process held the file's write lock " +
    'past `SQLITE_LOCK_WAIT_MS` (`data.reason: "database_locked"`); retry shortly',
  persona_unavailable: "A persona cannot take part now",
  at_capacity: "Every session slot (`MAX_SESSIONS`) is taken by a session with a request running " +
    "or used in the last 5 minutes, or `MAX_LISTENS` subscription streams are open (or " +
    "`MAX_LISTENS_PER_CLIENT` of one client's)",
  cancelled: "The request was cancelled",
  storage_unavailable: "The database is out of reach, or refused a write for a full disk, a " +
    "read-only file or a disk error (`data.reason`, `data.hint`); retry after " +
    "`data.retry_after_ms`",
  too_large: "An upload (card, bundle) or what it expands to is over `CARD_MAX_BYTES`, or a PNG " +
    "has over 10,000 chunks (HTTP 413)",
};

/** What the domain error `domain` means, in one sentence. */
export function errorMessageOf(domain: ErrorCode): string {
  return DOMAIN_ERROR_NOTES[domain];
}

/** `PersonaNotFound` → `Persona not found`. */
function words(name: string): string {
  const spaced = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().replace(/\bllm\b/, "LLM");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The JSON-RPC code and HTTP status the edge answers a domain error with. */
export function wireOf(domain: ErrorCode): { code: number; status: number } {
  const mapped = toWireError(new AppError(domain, "probe"));
  return { code: mapped.error.code, status: mapped.status };
}

/** The heading the error tables sit under (for links). */
export const ERRORS_HEADING = "Errors";

/** The Markdown of the errors section. */
export function renderErrorsSection(): string {
  const names = Object.keys(RpcCode) as Array<keyof typeof RpcCode>;
  const domains = Object.keys(DOMAIN_ERROR_NOTES) as ErrorCode[];
  const rpcRows = names.map((name) => {
    const rpc = RpcCode[name];
    const statuses = new Set<number>();
    // JSON-RPC's own codes (-32700 to -32600) are also raised as such, by the envelope checks.
    if (rpc >= -32700 && rpc <= -32600) {
      statuses.add(toWireError(new RpcError(rpc, "probe")).status);
    }
    for (const domain of domains) {
      const wire = wireOf(domain);
      if (wire.code === rpc) statuses.add(wire.status);
    }
    const shown = [...statuses].sort().join(", ");
    return [code(String(rpc)), words(name), shown, RPC_CODE_NOTES[name]];
  });
  const domainRows = domains.map((domain) => {
    const wire = wireOf(domain);
    return [code(domain), code(String(wire.code)), String(wire.status), DOMAIN_ERROR_NOTES[domain]];
  });
  return [
    `## ${ERRORS_HEADING}`,
    "Errors are `{code, message, data?}`. Messages say what failed and why; `data` is safe to " +
    "show. A handler error never closes the connection.",
    table(["Code", "Name", "REST status", "When"], rpcRows),
    "The server's own failures start as domain errors (`core/errors.ts`, which knows no wire " +
    "codes); the edge maps each to its JSON-RPC code and, for REST, its HTTP status.",
    table(["Domain error", "JSON-RPC code", "HTTP status", "Meaning"], domainRows),
  ].join("\n\n");
}
