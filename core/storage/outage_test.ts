import assert from "node:assert/strict";
import { StorageUnavailable } from "../errors.ts";
import { createLogger } from "../log.ts";
import { isConnectionFailure } from "./errors.ts";
import { Outage } from "./outage.ts";

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    code: "ECONNREFUSED",
  });

Deno.test("isConnectionFailure: postgres.js, socket and SQLSTATE connection codes, not statement errors", () => {
  for (
    const code of [
      "ECONNREFUSED",
      "CONNECTION_CLOSED",
      "CONNECT_TIMEOUT",
      "ENOTFOUND",
      "57P01",
      "57P03",
      "08006",
      "08001",
    ]
  ) {
    assert.equal(isConnectionFailure({ code }), true, code);
  }
  // Unique violation, syntax error, this node's own end of the pool, no code at all.
  for (const code of ["23505", "42601", "CONNECTION_ENDED", "CONNECTION_DESTROYED", undefined]) {
    assert.equal(isConnectionFailure({ code }), false, String(code));
  }
});

Deno.test("Outage: refuses at once after a connection failure, probes once per window, logs start and end once", async () => {
  let now = 1_000;
  const lines: string[] = [];
  const outage = new Outage({
    what: "pg",
    retryMs: 2_000,
    now: () => now,
    log: createLogger("debug", { write: (line) => lines.push(line) }),
  });
  let calls = 0;
  let reachable = false;
  const work = () => {
    calls++;
    return reachable ? Promise.resolve("row") : Promise.reject(refused());
  };

  await assert.rejects(outage.run(work), StorageUnavailable);
  assert.equal(calls, 1);
  assert.equal(outage.down, true);
  // Within the window: refused without touching the database (no connect timeout to wait).
  for (let i = 0; i < 5; i++) {
    now += 300;
    const error = await outage.run(work).catch((e) => e);
    assert.ok(error instanceof StorageUnavailable);
    assert.equal(error.code, "storage_unavailable");
    assert.ok((error.data as { retry_after_ms: number }).retry_after_ms > 0);
  }
  assert.equal(calls, 1);

  // The window passed: one call probes, the others meanwhile are refused at once.
  now += 600;
  let release!: () => void;
  const probe = outage.run(() => {
    calls++;
    return new Promise<string>((resolve) => release = () => resolve("row"));
  });
  await assert.rejects(outage.run(work), StorageUnavailable);
  assert.equal(calls, 2);
  release();
  assert.equal(await probe, "row");
  assert.equal(outage.down, false);

  reachable = true;
  assert.equal(await outage.run(work), "row");
  // A statement error shows the database answers: passed on as it is.
  const syntax = Object.assign(new Error("syntax"), { code: "42601" });
  await assert.rejects(outage.run(() => Promise.reject(syntax)), (e) => e === syntax);

  const logged = lines.filter((line) => /Storage (un)?available/.test(line));
  assert.equal(logged.length, 2, logged.join("\n"));
  assert.match(logged[0]!, /WARN Storage unavailable.*code=ECONNREFUSED/);
  assert.match(logged[1]!, /Storage available again.*down_ms=2100/);
  assert.ok(!lines.some((line) => /\bat .*:\d+:\d+/.test(line)), "no stack in the log");
});
