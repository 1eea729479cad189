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
import { MemoryUnavailable } from "../errors.ts";

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

/** Options of a {@linkcode ChromaConnection}. */
export interface ChromaConnectionOptions {
  /** Builds a client (tests pass a stand-in); chromadb's `ChromaClient` by default. */
  makeClient?: (args: ChromaClientArgs) => ChromaClient;
}

/** What a `ChromaClient` is built with. */
export type ChromaClientArgs = NonNullable<ConstructorParameters<typeof ChromaClient>[0]>;

/** Runs operations against one Chroma server. */
export class ChromaConnection {
  readonly #settings: ChromaSettings;
  readonly #address: { host: string; port: number; ssl: boolean };
  readonly #makeClient: (args: ChromaClientArgs) => ChromaClient;
  /** Why no operation can run (chromadb's inner HTTP client was not found), checked once. */
  readonly #unusable: MemoryUnavailable | undefined;

  /**
   * A connection to the server described by `settings` (nothing is contacted yet). The client
   * library is checked here, once: each call's wait is wrapped through chromadb's inner HTTP
   * client (`awayWhileFetching`), which is private and may move on an upgrade; if it is missing,
   * every operation fails at once with a -32002 that says so, rather than a bare TypeError.
   */
  constructor(settings: ChromaSettings, options: ChromaConnectionOptions = {}) {
    this.#settings = settings;
    const url = new URL(settings.url);
    const ssl = url.protocol === "https:";
    this.#address = { host: url.hostname, port: Number(url.port || (ssl ? 443 : 80)), ssl };
    this.#makeClient = options.makeClient ?? ((args) => new ChromaClient(args));
    this.#unusable = apiClientOf(this.#makeClient({ ...this.#address })) === undefined
      ? new MemoryUnavailable(
        `Memory store unusable: chromadb's apiClient (getConfig/setConfig) was not found; ${SUPPORTED}`,
        { backend: "chroma", url: settings.url, reason: "chroma_client", hint: SUPPORTED },
      )
      : undefined;
  }

  /** Runs `work` with a fresh client whose requests abort at the deadline. */
  async run<T>(action: string, work: (client: ChromaClient) => Promise<T>): Promise<T> {
    if (this.#unusable !== undefined) throw this.#unusable;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#settings.timeoutMs);
    const { token, tenant, database } = this.#settings;
    const headers: Record<string, string> = token
      ? { Authorization: `Bearer ${token}`, "X-Chroma-Token": token }
      : {};
    try {
      const client = this.#makeClient({
        ...this.#address,
        tenant,
        database,
        headers,
        fetchOptions: { signal: controller.signal },
      });
      awayWhileFetching(client);
      return await work(client);
    } catch (error) {
      const { url, timeoutMs } = this.#settings;
      throw chromaFailure(error, { action, url, timeoutMs, timedOut: controller.signal.aborted });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The chromadb release whose private HTTP client the wrap reaches (deno.json pins it). */
const SUPPORTED = "this build supports chromadb 3.5.0";

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
  const api = apiClientOf(client);
  if (api === undefined) throw new Error(`chromadb's apiClient was not found; ${SUPPORTED}`);
  const own = api.getConfig().fetch ?? fetch;
  api.setConfig({ fetch: (input, init) => awayFromTurn(() => own(input, init)) });
}

/** `client`'s inner HTTP client, or undefined when it lacks getConfig/setConfig. */
function apiClientOf(client: ChromaClient): ApiClient | undefined {
  const api = (client as unknown as { apiClient?: Partial<ApiClient> }).apiClient;
  return typeof api?.getConfig === "function" && typeof api.setConfig === "function"
    ? api as ApiClient
    : undefined;
}
