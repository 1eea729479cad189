import assert from "node:assert/strict";
import { KeyedLock } from "./keyed_lock.ts";

Deno.test("KeyedLock: work under one key runs one at a time in order, other keys alongside", async () => {
  const lock = new KeyedLock();
  const log: string[] = [];
  const step = (name: string, fail = false) => async () => {
    log.push(`${name} start`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.push(`${name} end`);
    if (fail) throw new Error(name);
    return name;
  };
  const results = await Promise.allSettled([
    lock.run("a", step("a1", true)),
    lock.run("a", step("a2")),
    lock.run("b", step("b1")),
  ]);
  assert.deepEqual(results.map((r) => r.status), ["rejected", "fulfilled", "fulfilled"]);
  assert.ok(log.indexOf("a1 end") < log.indexOf("a2 start"), "a2 waits for a1, failed or not");
  assert.ok(log.indexOf("b1 start") < log.indexOf("a1 end"), "b1 does not wait for a1");
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(lock.size, 0, "no key kept once its work is done");
});
