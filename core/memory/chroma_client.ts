/**
 * One way to reach a Chroma server, shared by both Chroma users (the embedded-storage backend,
 * `chroma_backend.ts`, and the vector store of PostgreSQL storage, `chroma_vector_store.ts`):
 * each operation builds a fresh client with its own deadline, so nothing stale survives a Chroma
 * restart and a hung server cannot hang a request: failures become `MemoryUnavailable` (-32002).
 * Each HTTP call is a wait on another process: the caller's turn on its connection goes back
 * meanwhile (`core/turn_away.ts`), as for a model call.
 *
 * @module
 */
import { ChromaClient } from "chromadb";
import { chromaFailure } from "./chroma_errors.ts";
import { awayFromTurn } from "../turn_away.ts";

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
    awayWhileFetching(client);
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

/** The HTTP client inside a `ChromaClient` (private in chromadb's types; 3.5.0 shares it with its collections). */
interface ApiClient {
  getConfig(): { fetch?: typeof fetch };
  setConfig(config: { fetch: typeof fetch }): unknown;
}

/**
 * Makes each HTTP call of `client` a wait away from the caller's turn: only the wait for the
 * response, not the work between calls (parsing, the lexicon), which runs holding the turn. The
 * client's own fetch (which maps connection errors) is kept inside the wrapper.
 */
function awayWhileFetching(client: ChromaClient): void {
  const api = (client as unknown as { apiClient: ApiClient }).apiClient;
  const own = api.getConfig().fetch ?? fetch;
  api.setConfig({ fetch: (input, init) => awayFromTurn(() => own(input, init)) });
}
