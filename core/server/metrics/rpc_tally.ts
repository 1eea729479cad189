/**
 * The JSON-RPC request metrics, tallied on the request path without prom-client's per-call work
 * (label validation, hashing the labels, finding the bucket by a string key: about a microsecond
 * a request, a few percent of a `ping`) and handed to the registry only when it is scraped:
 * `persona_mcp_rpc_requests_total` is a prom-client counter set from the tally, and
 * `persona_mcp_rpc_request_duration_seconds` a histogram the registry writes from it in the
 * same text prom-client's own histogram writes.
 *
 * @module
 */
import { Counter, type Metric, type Registry } from "prom-client";

/** The outcomes of a request, in the order a series keeps them. */
const OUTCOMES = ["ok", "error", "cancelled"] as const;

/** How one request ended. */
export type RpcOutcome = typeof OUTCOMES[number];

/** One label set's figures. */
export interface RpcSeries {
  readonly labels: { method: string; transport: string; outcome: RpcOutcome };
  count: number;
  sum: number;
  /** Requests per bucket (not cumulative): index `i` counts those over bound `i - 1` up to `i`. */
  readonly buckets: Float64Array;
}

/** Requests by method, transport and outcome, with their latency histogram. */
export class RpcTally {
  /** Upper bounds of the latency buckets, in seconds, ascending. */
  readonly bounds: readonly number[];
  readonly #series: RpcSeries[] = [];
  readonly #index = new Map<string, Map<string, Array<RpcSeries | undefined>>>();

  /** A tally with latency buckets up to `bounds` (seconds, ascending). */
  constructor(bounds: readonly number[]) {
    this.bounds = bounds;
  }

  /** Counts one request. */
  add(method: string, transport: string, outcome: RpcOutcome, seconds: number): void {
    let byTransport = this.#index.get(method);
    if (byTransport === undefined) this.#index.set(method, byTransport = new Map());
    let byOutcome = byTransport.get(transport);
    if (byOutcome === undefined) byTransport.set(transport, byOutcome = []);
    const at = outcome === "ok" ? 0 : outcome === "error" ? 1 : 2;
    let series = byOutcome[at];
    if (series === undefined) {
      series = {
        labels: { method, transport, outcome },
        count: 0,
        sum: 0,
        buckets: new Float64Array(this.bounds.length),
      };
      byOutcome[at] = series;
      this.#series.push(series);
    }
    series.count++;
    series.sum += seconds;
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]!) {
        series.buckets[i]!++;
        break;
      }
    }
  }

  /** Every label set seen, in the order first seen. */
  series(): readonly RpcSeries[] {
    return this.#series;
  }

  /** Forgets everything counted. */
  reset(): void {
    this.#series.length = 0;
    this.#index.clear();
  }
}

/** What the registry reads of a metric when it writes the exposition text. */
interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

/**
 * Registers `tally` in `registry` as a counter named `counterName` and a histogram named
 * `histogramName` (both with labels method, transport and outcome).
 */
export function registerRpcTally(
  registry: Registry,
  tally: RpcTally,
  names: { counter: string; counterHelp: string; histogram: string; histogramHelp: string },
): void {
  new Counter({
    name: names.counter,
    help: names.counterHelp,
    labelNames: ["method", "transport", "outcome"],
    registers: [registry],
    collect() {
      this.reset();
      for (const series of tally.series()) this.inc(series.labels, series.count);
    },
  });
  const name = names.histogram;
  const help = names.histogramHelp;
  // The registry takes any object with prom-client's metric shape (`get` and `reset`).
  const histogram = {
    name,
    help,
    type: "histogram",
    aggregator: "sum",
    get: () =>
      Promise.resolve({ name, help, type: "histogram", aggregator: "sum", values: values() }),
    reset: () => tally.reset(),
  };
  const values = (): MetricValue[] => {
    const out: MetricValue[] = [];
    for (const { labels, count, sum, buckets } of tally.series()) {
      let cumulative = 0;
      tally.bounds.forEach((bound, i) => {
        cumulative += buckets[i]!;
        out.push({
          labels: { le: bound, ...labels },
          value: cumulative,
          metricName: `${name}_bucket`,
        });
      });
      out.push({ labels: { le: "+Inf", ...labels }, value: count, metricName: `${name}_bucket` });
      out.push({ labels, value: sum, metricName: `${name}_sum` });
      out.push({ labels, value: count, metricName: `${name}_count` });
    }
    return out;
  };
  registry.registerMetric(histogram as unknown as Metric);
}
