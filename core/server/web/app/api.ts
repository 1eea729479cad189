/// <reference lib="dom" />
/**
 * The dashboard's way to the server: REST over `fetch` (with the AUTH_TOKEN as a Bearer header
 * when the user gave one), JSON-RPC over `POST /api/rpc`, and a JSON-RPC WebSocket for chats
 * (streamed chunks arrive as notifications).
 *
 * @module
 */
import { signal } from "@preact/signals";
import { TOKEN_STORAGE_KEY } from "../pages.ts";

/** True once the server answered 401: the page asks for the token. */
export const needsToken = signal(false);

/** The token the user typed (kept for this tab in sessionStorage). */
export function token(): string {
  return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? "";
}

/**
 * Takes a token given in the page's address (`/?token=...`, e.g. a link the server's owner
 * shared): keeps it for this tab and removes it from the address, so it is neither bookmarked
 * nor left in the history.
 */
export function adoptTokenFromAddress(): void {
  const url = new URL(location.href);
  const given = url.searchParams.get("token");
  if (given === null) return;
  if (given !== "") sessionStorage.setItem(TOKEN_STORAGE_KEY, given);
  url.searchParams.delete("token");
  history.replaceState(history.state, "", `${url.pathname}${url.search}${url.hash}`);
}

/**
 * Opens a text document of this server (the metrics) in a new tab with the token as a header:
 * fetched here and shown from a `blob:` address, so the token is in no address, history entry
 * or Referer. Without a token the link opens the document itself.
 */
export function openWithToken(event: MouseEvent, path: string): void {
  if (!token()) return;
  event.preventDefault();
  // Opened now, while the click still allows it; filled once the document arrives.
  const tab = globalThis.open("", "_blank");
  void (async () => {
    const response = await fetch(path, { headers: headers(false) });
    if (response.status === 401) needsToken.value = true;
    const text = await response.text();
    const type = "text/plain;charset=utf-8";
    const address = URL.createObjectURL(new Blob([text], { type }));
    if (tab) tab.location.href = address;
    else location.assign(address);
    setTimeout(() => URL.revokeObjectURL(address), 60_000);
  })();
}

/** Keeps `value` as the token of this tab. */
export function setToken(value: string): void {
  sessionStorage.setItem(TOKEN_STORAGE_KEY, value);
  needsToken.value = false;
}

/** An error answered by the server: the JSON-RPC code and the message. */
export class ApiError extends Error {
  readonly code: number;
  readonly status: number;
  readonly data: unknown;

  constructor(status: number, error: { code?: number; message?: string; data?: unknown }) {
    super(error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error.code ?? 0;
    this.data = error.data;
  }
}

function headers(json: boolean): Record<string, string> {
  const value = token();
  return {
    ...(json ? { "Content-Type": "application/json" } : {}),
    ...(value ? { Authorization: `Bearer ${value}` } : {}),
  };
}

/** Calls a REST route; resolves to its JSON, rejects with {@linkcode ApiError}. */
export async function api<T = Record<string, unknown>>(
  path: string,
  options: { method?: string; body?: unknown; query?: Record<string, unknown> } = {},
): Promise<T> {
  const query = Object.entries(options.query ?? {})
    .filter(([, value]) => value !== undefined && value !== "" && value !== null)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  const url = `/api${path}${query.length ? `?${query.join("&")}` : ""}`;
  const response = await fetch(url, {
    method: options.method ?? "GET",
    headers: headers(options.body !== undefined),
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (response.status === 401) needsToken.value = true;
  if (!response.ok) throw new ApiError(response.status, json.error ?? {});
  return json as T;
}

/** Sends a file as the body of a route (card uploads); resolves to the JSON answer. */
export async function upload<T = Record<string, unknown>>(path: string, file: Blob): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: "POST",
    headers: { ...headers(false), "Content-Type": file.type || "application/octet-stream" },
    body: file,
  });
  const json = await response.json().catch(() => ({}));
  if (response.status === 401) needsToken.value = true;
  if (!response.ok) throw new ApiError(response.status, json.error ?? {});
  return json as T;
}

/** Fetches a route's answer as a file (card exports). */
export async function download(path: string): Promise<Blob> {
  const response = await fetch(`/api${path}`, { headers: headers(false) });
  if (response.status === 401) needsToken.value = true;
  if (!response.ok) {
    const json = await response.json().catch(() => ({}));
    throw new ApiError(response.status, json.error ?? {});
  }
  return await response.blob();
}

/** CSP directives only a header can carry (a `<meta>` policy may not). */
const HEADER_ONLY_DIRECTIVE = /^(frame-ancestors|sandbox|report-uri|report-to)\b/i;

/**
 * An HTML document of this server (a simulation report) for a sandboxed frame's `srcdoc`:
 * fetched with the token as a header, so it is in no address, history entry or Referer. The
 * document's CSP header goes in as a `<meta>` (what one can carry), so the frame keeps its rules.
 */
export async function framedDocument(path: string): Promise<string> {
  const response = await fetch(path, { headers: headers(false) });
  if (response.status === 401) needsToken.value = true;
  if (!response.ok) {
    const json = await response.json().catch(() => ({}));
    throw new ApiError(response.status, json.error ?? {});
  }
  const html = await response.text();
  const policy = (response.headers.get("content-security-policy") ?? "").split(";")
    .map((directive) => directive.trim())
    .filter((directive) => directive !== "" && !HEADER_ONLY_DIRECTIVE.test(directive))
    .join("; ");
  if (policy === "") return html;
  const content = policy.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${content}">`;
  const head = /<head\b[^>]*>/i;
  return head.test(html) ? html.replace(head, (tag) => tag + meta) : meta + html;
}

/** Calls a JSON-RPC method through `POST /api/rpc`. */
export async function rpc<T = Record<string, unknown>>(
  method: string,
  params: Record<string, unknown> = {},
): Promise<T> {
  const reply = await api<{ result?: T; error?: { code: number; message: string } }>("/rpc", {
    method: "POST",
    body: { jsonrpc: "2.0", id: 1, method, params },
  });
  if (reply.error) throw new ApiError(400, reply.error);
  return reply.result as T;
}

/** A JSON-RPC notification. */
export interface Notification {
  method: string;
  params: Record<string, unknown>;
}

/** A JSON-RPC connection over the server's WebSocket (`/mcp` on SERVER_PORT). */
export class RpcSocket {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, (reply: Record<string, unknown>) => void>();
  readonly #listeners = new Set<(notification: Notification) => void>();
  readonly opened: Promise<void>;
  #nextId = 1;

  /** Opens a socket to the server the page came from. */
  constructor() {
    const port = document.querySelector<HTMLMetaElement>('meta[name="persona-mcp-ws-port"]')
      ?.content || "8000";
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const query = token() ? `?token=${encodeURIComponent(token())}` : "";
    this.#socket = new WebSocket(`${scheme}://${location.hostname}:${port}/mcp${query}`);
    this.opened = new Promise((resolve, reject) => {
      this.#socket.addEventListener("open", () => resolve(), { once: true });
      this.#socket.addEventListener(
        "error",
        () => reject(new Error("Cannot reach the server's WebSocket")),
        { once: true },
      );
    });
    this.#socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data));
      if (message.id === undefined && message.method) {
        for (const listen of this.#listeners) listen(message as Notification);
        return;
      }
      this.#pending.get(message.id)?.(message);
      this.#pending.delete(message.id);
    });
    this.#socket.addEventListener("close", () => {
      for (const [id, answer] of this.#pending) {
        answer({ id, error: { code: -32603, message: "The connection closed" } });
      }
      this.#pending.clear();
    });
  }

  /** The id the next call will use (to cancel it while it runs). */
  get nextId(): number {
    return this.#nextId;
  }

  /** Calls `method`; resolves to its result, rejects with {@linkcode ApiError}. */
  async call<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
  ): Promise<T> {
    await this.opened;
    const id = this.#nextId++;
    const reply = new Promise<Record<string, unknown>>((resolve) => this.#pending.set(id, resolve));
    this.#socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    const message = await reply;
    if (message.error) throw new ApiError(400, message.error as { code: number; message: string });
    return message.result as T;
  }

  /** Calls `listen` with every notification until the returned function is called. */
  listen(listen: (notification: Notification) => void): () => void {
    this.#listeners.add(listen);
    return () => this.#listeners.delete(listen);
  }

  /** Closes the socket. */
  close(): void {
    this.#socket.close();
  }
}

let shared: RpcSocket | null = null;

/** The page's one WebSocket, opened when first needed (chat and rooms share it). */
export function sharedSocket(): RpcSocket {
  shared ??= new RpcSocket();
  return shared;
}

/** `error` as one line for the page. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
