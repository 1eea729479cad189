import assert from "node:assert/strict";
import { Counter, Histogram, Registry } from "prom-client";
import { registerRpcTally, type RpcOutcome, RpcTally } from "./rpc_tally.ts";

const BOUNDS = [0.001, 0.005, 0.01, 0.5, 1];
const NAMES = {
  counter: "x_rpc_requests_total",
  counterHelp: "Requests",
  histogram: "x_rpc_request_duration_seconds",
  histogramHelp: "Time",
};

const OBSERVATIONS: Array<[string, string, RpcOutcome, number]> = [
  ["ping", "websocket", "ok", 0.0004],
  ["ping", "websocket", "ok", 0.001],
  ["ping", "websocket", "ok", 0.0011],
  ["persona.get", "websocket", "ok", 0.02],
  ["persona.get", "rest", "error", 0.7],
  ['chat "quoted"\\', "http", "cancelled", 3],
  ["ping", "websocket", "error", 0],
];

Deno.test("the tally writes the text prom-client's own counter and histogram write", async () => {
  const reference = new Registry();
  const labelNames = ["method", "transport", "outcome"];
  const counter = new Counter({
    name: NAMES.counter,
    help: NAMES.counterHelp,
    labelNames,
    registers: [reference],
  });
  const histogram = new Histogram({
    name: NAMES.histogram,
    help: NAMES.histogramHelp,
    labelNames,
    buckets: BOUNDS,
    registers: [reference],
  });
  const registry = new Registry();
  const tally = new RpcTally(BOUNDS);
  registerRpcTally(registry, tally, NAMES);
  assert.equal(await registry.metrics(), await reference.metrics(), "nothing counted yet");
  for (const [method, transport, outcome, seconds] of OBSERVATIONS) {
    counter.inc({ method, transport, outcome });
    histogram.observe({ method, transport, outcome }, seconds);
    tally.add(method, transport, outcome, seconds);
  }
  const text = await registry.metrics();
  assert.equal(text, await reference.metrics());
  assert.match(text, /x_rpc_request_duration_seconds_bucket\{le="0.005",method="ping",.*\} 3/);
  // The same figures as JSON too (prom-client adds an empty exemplar to its buckets).
  const withoutExemplars = JSON.parse(
    JSON.stringify(
      await reference.getMetricsAsJSON(),
      (key, value) => key === "exemplar" ? undefined : value,
    ),
  );
  assert.deepEqual(await registry.getMetricsAsJSON(), withoutExemplars);
  registry.resetMetrics();
  assert.equal(tally.series().length, 0, "a reset forgets what was counted");
});
