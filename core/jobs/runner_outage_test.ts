/** The runner while the database is out of reach: its polls are not logged as errors. */
import assert from "node:assert/strict";
import { systemClock } from "../clock.ts";
import { StorageUnavailable } from "../errors.ts";
import { createLogger } from "../log.ts";
import { JobRunner } from "./runner.ts";
import { handler, SETTINGS, setup, until } from "./testing/runner_fixture.ts";

Deno.test("claims refused by a storage outage are not logged as errors at each poll", async () => {
  const { db, repository } = await setup();
  let claims = 0;
  const down = new Proxy(repository, {
    get(target, name, receiver) {
      if (name !== "claimNext") {
        const value = Reflect.get(target, name, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      }
      return () => {
        claims++;
        return Promise.reject(new StorageUnavailable(2_000));
      };
    },
  });
  const lines: string[] = [];
  const runner = new JobRunner({
    repository: down,
    clock: systemClock,
    log: createLogger("warn", { write: (line) => lines.push(line) }),
    settings: { ...SETTINGS, pollMs: 5 },
  });
  runner.register(handler("count", () => Promise.resolve({})));
  runner.start();
  try {
    await until(() => claims >= 3);
  } finally {
    await runner.close();
    await db.close();
  }
  assert.deepEqual(lines.filter((line) => line.includes("claim")), []);
});
