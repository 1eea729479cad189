/**
 * Pins the persona_mcp_jobs_gave_way gauge (metrics.ts, jobs.ts): it reads the job queue's
 * count when scraped, and a server without a job runner shows 0.
 */
import assert from "node:assert/strict";
import { NO_JOBS } from "./jobs.ts";
import { ServerMetrics } from "./metrics.ts";

const gaveWayLine = /^persona_mcp_jobs_gave_way (\d+)$/m;

Deno.test("without a job runner, no job gave way", async () => {
  assert.equal(NO_JOBS.gaveWay(), 0);
  const metrics = new ServerMetrics("test");
  assert.equal((await metrics.render()).match(gaveWayLine)?.[1], "0");
});

Deno.test("persona_mcp_jobs_gave_way is the job queue's count at each scrape", async () => {
  const metrics = new ServerMetrics("test");
  let gaveWay = 3;
  metrics.bind({ jobs: { ...NO_JOBS, gaveWay: () => gaveWay } });
  assert.equal((await metrics.render()).match(gaveWayLine)?.[1], "3");
  gaveWay = 5;
  assert.equal((await metrics.render()).match(gaveWayLine)?.[1], "5");
});
