/**
 * One way to reach a Chroma server, shared by both Chroma users (the embedded-storage backend,
 * `chroma_backend.ts`, and the vector store of PostgreSQL storage, `chroma_vector_store.ts`):
 * each operation builds a fresh client with its own deadline, so nothing stale survives a Chroma
 * restart and a hung server cannot hang a request: failures become `MemoryUnavailable` (-32002).
 *
 * @module
 */
import { ChromaClient } from "chromadb";
import { chromaFailure } from "./chroma_errors.ts";

/** Where the Chroma server is and how to talk to it. */
export interface ChromaSettings {
  url: string;
  tenant: string;
  database: string;
  /** Sent as a bearer token and as `X-Chroma-Token` when not empty. */
  token: string;
  /** Longest time one operation may take. */
  timeoutMs: number;
}

/** Runs operations against one Chroma server. */
export class ChromaConnection {
  readonly #settings: ChromaSettings;
  readonly #address: { host: string; port: number; ssl: boolean };

  /** A connection to the server described by `settings` (nothing is contacted yet). */
  constructor(settings: ChromaSettings) {
    this.#settings = settings;
    const url = new URL(settings.url);
    const ssl = url.protocol === "https:";
    this.#address = { host: url.hostname, port: Number(url.port || (ssl ? 443 : 80)), ssl };
  }

  /** Runs `work` with a fresh client whose requests abort at the deadline. */
  async run<T>(action: string, work: (client: ChromaClient) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#settings.timeoutMs);
    const { token, tenant, database } = this.#settings;
    const headers: Record<string, string> = token
      ? { Authorization: `Bearer ${token}`, "X-Chroma-Token": token }
      : {};
    const client = new ChromaClient({
      ...this.#address,
      tenant,
      database,
      headers,
      fetchOptions: { signal: controller.signal },
    });
    try {
      return await work(client);
    } catch (error) {
      const { url, timeoutMs } = this.#settings;
      throw chromaFailure(error, { action, url, timeoutMs, timedOut: controller.signal.aborted });
    } finally {
      clearTimeout(timer);
    }
  }
}
