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

/** A fake probe: fails while `reachable` is false, or waits for `hold` when set. */
function fakeProbe() {
  const state = {
    calls: 0,
    reachable: false,
    hold: undefined as Promise<void> | undefined,
    fail: undefined as unknown,
    probe: async () => {
      state.calls++;
      if (state.hold) await state.hold;
      if (state.fail !== undefined) throw state.fail;
      if (!state.reachable) throw refused();
    },
  };
  return state;
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

Deno.test("Outage: refuses at once after a connection failure, probes once per window, logs start and end once", async () => {
  let now = 1_000;
  const lines: string[] = [];
  const fake = fakeProbe();
  const outage = new Outage({
    what: "pg",
    probe: fake.probe,
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
  assert.equal(fake.calls, 0);

  // The window passed: the circuit probes (not the caller's work), the others meanwhile are
  // refused at once; the probe answers, the circuit closes and the caller's work runs.
  now += 600;
  const gate = deferred();
  fake.hold = gate.promise;
  fake.reachable = true;
  reachable = true;
  const first = outage.run(work);
  await assert.rejects(outage.run(work), StorageUnavailable);
  assert.equal(calls, 1);
  assert.equal(fake.calls, 1);
  gate.resolve();
  assert.equal(await first, "row");
  assert.equal(calls, 2);
  assert.equal(outage.down, false);

  assert.equal(await outage.run(work), "row");
  assert.equal(fake.calls, 1, "no probe while the circuit is closed");
  // A statement error shows the database answers: passed on as it is.
  const syntax = Object.assign(new Error("syntax"), { code: "42601" });
  await assert.rejects(outage.run(() => Promise.reject(syntax)), (e) => e === syntax);

  const logged = lines.filter((line) => /Storage (un)?available/.test(line));
  assert.equal(logged.length, 2, logged.join("\n"));
  assert.match(logged[0]!, /WARN Storage unavailable.*code=ECONNREFUSED/);
  assert.match(logged[1]!, /Storage available again.*down_ms=2100/);
  assert.ok(!lines.some((line) => /\bat .*:\d+:\d+/.test(line)), "no stack in the log");
});

Deno.test("Outage: a failed probe re-opens the window and the next window probes again", async () => {
  let now = 0;
  const fake = fakeProbe();
  const outage = new Outage({ what: "pg", probe: fake.probe, retryMs: 1_000, now: () => now });
  let calls = 0;
  const work = () => {
    calls++;
    return Promise.resolve("row");
  };
  await assert.rejects(outage.run(() => Promise.reject(refused())), StorageUnavailable);
  for (let window = 1; window <= 3; window++) {
    now += 1_000;
    await assert.rejects(outage.run(work), StorageUnavailable);
    assert.equal(fake.calls, window, "one probe each window");
    // The failed probe started a new window: refused at once, no probe.
    now += 500;
    await assert.rejects(outage.run(work), StorageUnavailable);
    assert.equal(fake.calls, window);
  }
  assert.equal(calls, 0, "no caller's work while the database is out of reach");
  fake.reachable = true;
  now += 1_000;
  assert.equal(await outage.run(work), "row");
  assert.equal(outage.down, false);

  // A later outage probes again (the probe is not left marked as running).
  await assert.rejects(outage.run(() => Promise.reject(refused())), StorageUnavailable);
  now += 1_000;
  assert.equal(await outage.run(work), "row");
  assert.equal(fake.calls, 5);
});

Deno.test("Outage: a long call after recovery does not keep the others refused", async () => {
  let now = 0;
  const fake = fakeProbe();
  const outage = new Outage({ what: "pg", probe: fake.probe, retryMs: 1_000, now: () => now });
  await assert.rejects(outage.run(() => Promise.reject(refused())), StorageUnavailable);
  fake.reachable = true;
  now += 1_000;
  // The first call after the window is a long transaction.
  const long = deferred<string>();
  const first = outage.run(() => long.promise);
  // Its probe answered: the circuit is closed while its work still runs.
  for (let i = 0; i < 5 && outage.down; i++) await Promise.resolve();
  assert.equal(outage.down, false);
  for (let i = 0; i < 5; i++) {
    assert.equal(await outage.run(() => Promise.resolve(i)), i);
  }
  long.resolve("done");
  assert.equal(await first, "done");
});

Deno.test("Outage: a probe that never answers is bounded and re-opens the window", async () => {
  let now = 0;
  const fake = fakeProbe();
  const lines: string[] = [];
  const outage = new Outage({
    what: "pg",
    probe: fake.probe,
    probeTimeoutMs: 5,
    retryMs: 1_000,
    now: () => now,
    log: createLogger("debug", { write: (line) => lines.push(line) }),
  });
  await assert.rejects(outage.run(() => Promise.reject(refused())), StorageUnavailable);
  now += 1_000;
  fake.hold = new Promise(() => {}); // hangs for good
  let ran = false;
  const work = () => {
    ran = true;
    return Promise.resolve("row");
  };
  await assert.rejects(outage.run(work), StorageUnavailable);
  assert.equal(ran, false);
  assert.equal(outage.down, true);
  // A new window, then a new probe (the hung one does not pin the circuit).
  await assert.rejects(outage.run(work), StorageUnavailable);
  assert.equal(fake.calls, 1);
  fake.hold = undefined;
  fake.reachable = true;
  now += 1_000;
  assert.equal(await outage.run(work), "row");
  assert.equal(fake.calls, 2);
  assert.equal(lines.filter((line) => /Storage unavailable/.test(line)).length, 1);
});

Deno.test("Outage: a probe answered with a statement error closes the circuit", async () => {
  let now = 0;
  const fake = fakeProbe();
  const outage = new Outage({ what: "pg", probe: fake.probe, retryMs: 1_000, now: () => now });
  await assert.rejects(outage.run(() => Promise.reject(refused())), StorageUnavailable);
  now += 1_000;
  fake.fail = Object.assign(new Error("permission denied"), { code: "42501" });
  assert.equal(await outage.run(() => Promise.resolve("row")), "row");
  assert.equal(outage.down, false);
});

Deno.test("Outage: in-flight calls ending after the circuit opened: an answer closes it, a nested refusal does not", async () => {
  const now = 0;
  const fake = fakeProbe();
  const outage = new Outage({ what: "pg", probe: fake.probe, retryMs: 1_000, now: () => now });

  // A statement error from a call that started before the outage: the database answers.
  const statement = deferred<never>();
  const pending = outage.run(() => statement.promise);
  await assert.rejects(outage.run(() => Promise.reject(refused())), StorageUnavailable);
  assert.equal(outage.down, true);
  const syntax = Object.assign(new Error("syntax"), { code: "42601" });
  statement.reject(syntax);
  await assert.rejects(pending, (e) => e === syntax);
  assert.equal(outage.down, false, "a statement error closes the circuit");

  // A StorageUnavailable from a nested call is passed on as it is and keeps the circuit open.
  const nested = deferred<never>();
  const outer = outage.run(() => nested.promise);
  await assert.rejects(outage.run(() => Promise.reject(refused())), StorageUnavailable);
  const refusal = new StorageUnavailable(1_234);
  nested.reject(refusal);
  await assert.rejects(outer, (e) => e === refusal);
  assert.equal(outage.down, true, "a nested refusal says nothing about the database");
  assert.equal(fake.calls, 0);
});

Deno.test("Outage: too many connections (53300) fails that call only, retryable, circuit closed", async () => {
  const fake = fakeProbe();
  const outage = new Outage({ what: "pg", probe: fake.probe, now: () => 0 });
  assert.equal(isConnectionFailure({ code: "53300" }), false);
  const full = Object.assign(new Error("sorry, too many clients already"), { code: "53300" });
  const error = await outage.run(() => Promise.reject(full)).catch((e) => e);
  assert.ok(error instanceof StorageUnavailable, String(error));
  assert.ok(!JSON.stringify(error.data).includes("too many clients"), "no internals");
  assert.ok((error.data as { retry_after_ms: number }).retry_after_ms > 0);
  assert.equal(outage.down, false);
  assert.equal(await outage.run(() => Promise.resolve("row")), "row");
  assert.equal(fake.calls, 0);
});
