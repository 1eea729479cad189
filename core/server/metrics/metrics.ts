/**
 * The server's Prometheus metrics (prom-client, one registry per server): requests by method,
 * transport and outcome with latency histograms, HTTP requests of the REST port, open sockets
 * and sessions, the language model's queue and latency, memory counts and search latency, and
 * the job queue. Gauges read their sources when scraped, so nothing polls in between.
 *
 * @module
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Telemetry } from "../../telemetry.ts";
import type { RpcObservation } from "../rpc/dispatcher_options.ts";
import { type JobQueueView, NO_JOBS } from "./jobs.ts";
import { CappedLabels, httpMethodLabel, type HttpPortLabel } from "./labels.ts";
import { registerBurstCollections } from "./burst.ts";
import { registerRpcTally, RpcTally } from "./rpc_tally.ts";

/** Prefix of every metric name (Prometheus naming: `<namespace>_<name>_<unit>`). */
export const METRIC_PREFIX = "persona_mcp_";

/** Latency buckets (seconds) for requests: sub-millisecond pings to minute-long chats. */
const REQUEST_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Latency buckets (seconds) for model calls, which take seconds. */
const LLM_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];
/** Latency buckets (seconds) for memory searches, which take milliseconds. */
const SEARCH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** What the gauges read when scraped; sources bound later (the sockets) start at zero. */
export interface MetricSources {
  /** Open sessions by transport. */
  sessions(): Record<string, number>;
  /** Open WebSocket connections. */
  sockets(): number;
  /** Model calls running and waiting in the queue. */
  llmLoad(): { running: number; waiting: number };
  /** Personas and their memories. */
  memoryCounts(): Promise<{ personas: number; memories: number }>;
  /** The background job queue. */
  jobs: JobQueueView;
  /** Work that outlives its request (MCP's tasks extension). */
  tasks: { counts(): { queued: number; running: number } };
  /** Simulation runs by state. */
  simulations(): Record<string, number>;
}

/** One answered HTTP request of the REST port. */
export interface HttpObservation {
  /** The route pattern (`/api/personas/:id`), never the raw path (bounded label values). */
  route: string;
  /** Which listener answered. */
  port: HttpPortLabel;
  /** The request's method as sent; labelled as a standard verb or "other" (labels.ts). */
  method: string;
  status: number;
  seconds: number;
}

const ZERO_SOURCES: MetricSources = {
  sessions: () => ({}),
  sockets: () => 0,
  llmLoad: () => ({ running: 0, waiting: 0 }),
  memoryCounts: () => Promise.resolve({ personas: 0, memories: 0 }),
  jobs: NO_JOBS,
  tasks: { counts: () => ({ queued: 0, running: 0 }) },
  simulations: () => ({}),
};

/** The metrics of one server. */
export class ServerMetrics {
  /** The prom-client registry; {@linkcode render} writes it. */
  readonly registry: Registry = new Registry();
  /** Receives the domain's timings (model calls, memory searches). */
  readonly telemetry: Telemetry;
  #sources: MetricSources = ZERO_SOURCES;
  /** Every JSON-RPC request, counted without prom-client's per-call cost (see rpc_tally.ts). */
  readonly #rpc = new RpcTally(REQUEST_BUCKETS);
  readonly #httpRequests: Counter<"port" | "route" | "method" | "status">;
  readonly #httpSeconds: Histogram<"port" | "route" | "method">;
  #rpcAnswered = 0;
  /** Counts one collection after a burst of upgrades and the seconds it stopped the process. */
  readonly observeBurstCollection: (seconds: number) => void;

  /**
   * Creates the metrics; `version` becomes `persona_mcp_build_info{version}`, and `models` (the
   * configured ones) always keep their name in the model label (others: see labels.ts).
   */
  constructor(version: string, models: Iterable<string> = []) {
    const registers = [this.registry];
    const name = (suffix: string) => `${METRIC_PREFIX}${suffix}`;
    registerRpcTally(this.registry, this.#rpc, {
      counter: name("rpc_requests_total"),
      counterHelp:
        "JSON-RPC requests answered, by method, transport and outcome (ok, error, cancelled)",
      histogram: name("rpc_request_duration_seconds"),
      histogramHelp: "Time from a JSON-RPC request's arrival to its answer",
    });
    this.#httpRequests = new Counter({
      name: name("http_requests_total"),
      help:
        "HTTP requests by port (api: REST, dashboard, documents; server: /mcp), route, method, " +
        "status",
      labelNames: ["port", "route", "method", "status"],
      registers,
    });
    this.#httpSeconds = new Histogram({
      name: name("http_request_duration_seconds"),
      help:
        "Time to answer an HTTP request (to the first byte of a stream), by port, route, method",
      labelNames: ["port", "route", "method"],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.observeBurstCollection = registerBurstCollections(this.registry, METRIC_PREFIX);
    const llmSeconds = new Histogram({
      name: name("llm_request_duration_seconds"),
      help: "Time of a language-model call (chat or embed), time in the queue included",
      labelNames: ["operation", "model", "outcome"],
      buckets: LLM_BUCKETS,
      registers,
    });
    // A persona's own model is any string it was given: named up to a cap, then "other".
    const modelLabels = new CappedLabels(models);
    const searchSeconds = new Histogram({
      name: name("memory_search_duration_seconds"),
      help: "Time of a memory search (memory.search, cross-persona searches, chat recall)",
      labelNames: ["kind", "backend", "outcome"],
      buckets: SEARCH_BUCKETS,
      registers,
    });
    this.telemetry = {
      llmCall: ({ seconds, model, ...labels }) =>
        llmSeconds.observe({ ...labels, model: modelLabels.label(model) }, seconds),
      memorySearch: ({ seconds, ...labels }) => searchSeconds.observe(labels, seconds),
    };
    this.#gauges(registers, name);
    new Gauge({
      name: name("build_info"),
      help: "Always 1; the version is a label",
      labelNames: ["version"],
      registers,
    }).set({ version }, 1);
  }

  #gauges(registers: Registry[], name: (suffix: string) => string): void {
    const sources = () => this.#sources;
    new Gauge({
      name: name("open_sockets"),
      help: "Open WebSocket connections on /mcp",
      registers,
      collect() {
        this.set(sources().sockets());
      },
    });
    new Gauge({
      name: name("sessions"),
      help: "Open sessions by transport",
      labelNames: ["transport"],
      registers,
      collect() {
        this.reset();
        const counts = sources().sessions();
        for (const transport of ["websocket", "http", "stdio", "rest"]) {
          this.set({ transport }, counts[transport] ?? 0);
        }
      },
    });
    const load = (part: "running" | "waiting") => () => sources().llmLoad()[part];
    new Gauge({
      name: name("llm_queue_running"),
      help: "Language-model calls running now (at most LLM_CONCURRENCY)",
      registers,
      collect() {
        this.set(load("running")());
      },
    });
    new Gauge({
      name: name("llm_queue_waiting"),
      help: "Language-model calls waiting for a slot (at most LLM_QUEUE_LIMIT)",
      registers,
      collect() {
        this.set(load("waiting")());
      },
    });
    let counts: Promise<{ personas: number; memories: number }> | null = null;
    // Both gauges share one count per scrape.
    const memoryCounts = () => (counts ??= sources().memoryCounts().finally(() => counts = null));
    new Gauge({
      name: name("personas"),
      help: "Personas in the database",
      registers,
      async collect() {
        this.set((await memoryCounts()).personas);
      },
    });
    new Gauge({
      name: name("memories"),
      help: "Memories of all personas",
      registers,
      async collect() {
        this.set((await memoryCounts()).memories);
      },
    });
    new Gauge({
      name: name("jobs"),
      help: "Background jobs of the mind (fact extraction, reflection) by state",
      labelNames: ["state"],
      registers,
      async collect() {
        const { queued, running, failed, dropped } = await sources().jobs.counts();
        this.set({ state: "queued" }, queued);
        this.set({ state: "running" }, running);
        this.set({ state: "failed" }, failed);
        // Not a state: the skipped jobs JOBS_QUEUE_CAP dropped (a backlog past the cap).
        this.set({ state: "dropped" }, dropped);
      },
    });
    new Gauge({
      name: name("jobs_gave_way"),
      help: "Model calls of background jobs cut to give their slot to a chat, since start",
      registers,
      collect() {
        this.set(sources().jobs.gaveWay());
      },
    });
    new Gauge({
      name: name("tasks"),
      help: "MCP tasks (work that outlives its request) by state",
      labelNames: ["state"],
      registers,
      collect() {
        const { queued, running } = sources().tasks.counts();
        this.set({ state: "queued" }, queued);
        this.set({ state: "running" }, running);
      },
    });
    new Gauge({
      name: name("simulation_runs"),
      help: "Simulation runs started from the server, by state",
      labelNames: ["state"],
      registers,
      collect() {
        this.reset();
        const runs = sources().simulations();
        for (const state of ["running", "done", "failed", "cancelled"]) {
          this.set({ state }, runs[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: name("process_resident_memory_bytes"),
      help: "Resident memory of the server process",
      registers,
      collect() {
        this.set(Deno.memoryUsage().rss);
      },
    });
  }

  /** Sets (or adds to) what the gauges read. */
  bind(sources: Partial<MetricSources>): void {
    this.#sources = { ...this.#sources, ...sources };
  }

  /** Counts and times one answered JSON-RPC request. */
  observeRpc(observation: RpcObservation): void {
    const { method, transport, outcome, seconds } = observation;
    this.#rpc.add(method, transport, outcome, seconds);
    this.#rpcAnswered++;
  }

  /** JSON-RPC requests answered so far, every transport. */
  get rpcAnswered(): number {
    return this.#rpcAnswered;
  }

  /** Counts and times one answered HTTP request. */
  observeHttp(observation: HttpObservation): void {
    const { port, route, status, seconds } = observation;
    const method = httpMethodLabel(observation.method);
    this.#httpRequests.inc({ port, route, method, status: String(status) });
    this.#httpSeconds.observe({ port, route, method }, seconds);
  }

  /** The exposition text (`text/plain; version=0.0.4`). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** The Content-Type of {@linkcode render}'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
