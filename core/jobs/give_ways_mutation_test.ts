/**
 * Pins give_ways.ts's bounds one by one: a job may give way while it gave way fewer than
 * MAX_GIVE_WAYS times, a run that ends any other way forgets it, the total counts every
 * give-way, and the memory keeps at most MAX_REMEMBERED jobs, the least recent give-way going
 * first.
 */
import assert from "node:assert/strict";
import { createLogger } from "../log.ts";
import { GiveWays, MAX_GIVE_WAYS, MAX_REMEMBERED } from "./give_ways.ts";
import { JobGaveWay, JobSkipped } from "./handler.ts";
import type { Job } from "./schema.ts";
import { runningJob } from "./testing/fixture.ts";

const quiet = createLogger("error", { write: () => {} });
const gaveWay = new JobGaveWay("facts: gave way to a chat");

function job(id: string): Job {
  return runningJob({ id, kind: "extract_facts", persona_id: "aria", key: id });
}

/** `job(id)` gives way `times` times. */
function giveWay(ways: GiveWays, id: string, times = 1): void {
  for (let time = 0; time < times; time++) ways.ended(job(id), gaveWay, quiet);
}

Deno.test("MAX_REMEMBERED is 10_000", () => {
  assert.equal(MAX_REMEMBERED, 10_000);
});

Deno.test("a job may give way until it gave way MAX_GIVE_WAYS times, not once more", () => {
  const ways = new GiveWays();
  assert.equal(ways.mayGiveWay("a"), true, "a job never seen may give way");
  giveWay(ways, "a", MAX_GIVE_WAYS - 1);
  assert.equal(ways.mayGiveWay("a"), true, "one give-way short of the bound");
  giveWay(ways, "a");
  assert.equal(ways.mayGiveWay("a"), false, "at the bound");
  assert.equal(ways.mayGiveWay("b"), true, "another job keeps its own count");
  assert.equal(ways.total, MAX_GIVE_WAYS);
});

Deno.test("a run that ends done, skipped or failed forgets the job's give-ways; the total stays", () => {
  for (
    const error of [
      null,
      new JobSkipped("sources_gone", "nothing to do"),
      new Error("model said no"),
    ]
  ) {
    const ways = new GiveWays();
    giveWay(ways, "a", MAX_GIVE_WAYS);
    ways.ended(job("a"), error, quiet);
    assert.equal(ways.mayGiveWay("a"), true, `${error} ends the job's count`);
    assert.equal(ways.total, MAX_GIVE_WAYS, `${error} is no give-way`);
    giveWay(ways, "a", MAX_GIVE_WAYS - 1);
    assert.equal(ways.mayGiveWay("a"), true, "counting starts again from none");
  }
});

Deno.test("each give-way is logged at debug level with the job, its kind, persona and count", () => {
  const lines: string[] = [];
  const ways = new GiveWays();
  const log = createLogger("debug", { write: (line) => lines.push(line) });
  ways.ended(job("a"), gaveWay, log);
  ways.ended(job("a"), gaveWay, log);
  ways.ended(job("a"), null, log);
  assert.equal(lines.length, 2, "a run that did not give way logs nothing here");
  for (const [index, line] of lines.entries()) {
    assert.match(line, /A background job gave way to a chat/);
    assert.match(line, /\bkind=extract_facts\b/);
    assert.match(line, /\bpersona=aria\b/);
    assert.match(line, /\breason=yielded_to_chat\b/);
    assert.match(line, new RegExp(`\\btimes=${index + 1}\\b`));
  }
});

Deno.test("MAX_REMEMBERED jobs are remembered; one more forgets the least recent give-way", () => {
  const ways = new GiveWays();
  giveWay(ways, "first", MAX_GIVE_WAYS);
  for (let other = 1; other < MAX_REMEMBERED; other++) giveWay(ways, `other ${other}`);
  assert.equal(ways.mayGiveWay("first"), false, "MAX_REMEMBERED jobs fit");
  giveWay(ways, "other last");
  assert.equal(ways.mayGiveWay("first"), true, "the oldest job went");
  assert.equal(ways.total, MAX_GIVE_WAYS + MAX_REMEMBERED);
});

Deno.test("a job that gives way again becomes the most recent: the next job over the bound is older", () => {
  const ways = new GiveWays();
  giveWay(ways, "first");
  giveWay(ways, "second", MAX_GIVE_WAYS);
  for (let other = 2; other < MAX_REMEMBERED; other++) giveWay(ways, `other ${other}`);
  giveWay(ways, "first"); // now at the bound, and the newest entry
  giveWay(ways, "other last");
  assert.equal(ways.mayGiveWay("first"), false, "first was refreshed, so it stays");
  assert.equal(ways.mayGiveWay("second"), true, "second is now the oldest and went");
});
