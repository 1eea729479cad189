/**
 * Pin of fix129's claim order that mutation testing (mut46) found loose: between the first due
 * queued job and a running job whose lease lapsed, the claim takes the one whose persona was
 * claimed least recently (`lane_at` on SQLite), not the one due first.
 */
import assert from "node:assert/strict";
import { eachDatabase } from "../storage/testing/databases.ts";
import { claim, jobsIn, newJob, withPersonas } from "./testing/fixture.ts";

eachDatabase(
  "a persona never claimed goes before a lapsed lease of a persona claimed since, though due later",
  async (db) => {
    const repo = await jobsIn(db);
    await withPersonas(db, "p_a", "p_b");
    await repo.insert(newJob(1, { persona_id: "p_a", run_after: 0 }));
    assert.equal((await repo.claimNext(claim("w1", 100)))?.id, "job_1");
    await repo.insert(newJob(2, { persona_id: "p_b", run_after: 500 }));
    // At 2,000 job_1's lease (until 1,100) has lapsed and job_2 is due: p_b was never claimed.
    assert.equal((await repo.claimNext(claim("w2", 2000)))?.id, "job_2");
    assert.equal((await repo.claimNext(claim("w2", 2001)))?.id, "job_1");
  },
);
