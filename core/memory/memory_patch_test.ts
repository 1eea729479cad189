import assert from "node:assert/strict";
import { InvalidInput } from "../errors.ts";
import { checkedPatch, refuseSelfSupersede } from "./memory_patch.ts";
import { CONTENT_LIMIT } from "./schema.ts";

Deno.test("checkedPatch refuses a patch that changes nothing and cuts content to CONTENT_LIMIT", () => {
  assert.throws(
    () => checkedPatch("m1", {}),
    (error: unknown) =>
      error instanceof InvalidInput &&
      error.message === 'Cannot update memory "m1": nothing to change',
  );
  assert.equal(CONTENT_LIMIT, 10_000);
  const long = checkedPatch("m1", { content: "a".repeat(CONTENT_LIMIT + 50) });
  assert.equal(long.content!.length, CONTENT_LIMIT);
  assert.deepEqual(checkedPatch("m1", { importance: 0.5 }), { importance: 0.5 });
});

Deno.test("refuseSelfSupersede refuses a memory superseding itself, not another", () => {
  assert.throws(
    () => refuseSelfSupersede("m1", { supersedes: ["m2", "m1"] }),
    (error: unknown) =>
      error instanceof InvalidInput &&
      error.message === 'Cannot update memory "m1": a memory cannot supersede itself',
  );
  refuseSelfSupersede("m1", { supersedes: ["m2"] });
  refuseSelfSupersede("m1", { importance: 0.5 });
});
