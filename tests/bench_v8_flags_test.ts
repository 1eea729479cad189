/**
 * The V8 flags a benchmark's server runs with are its tree's `deno task start` flags
 * (`tests/bench/_shipped_flags.ts`), and the compiled binary is built with the same ones: a flag
 * measured by the benchmarks is what `deno task start` and `deno task compile` ship.
 */
import assert from "node:assert/strict";
import { shippedV8Flags, v8FlagsArgs, v8FlagsOf } from "./bench/_shipped_flags.ts";
import { REPO_ROOT } from "./_helpers.ts";

Deno.test("a command's V8 flags: every --v8-flags joined, in order", () => {
  assert.deepEqual(v8FlagsOf("deno run -A main.ts"), []);
  assert.deepEqual(
    v8FlagsOf("deno run --v8-flags=--max-semi-space-size=8,--expose-gc -A --v8-flags=--foo x.ts"),
    ["--max-semi-space-size=8", "--expose-gc", "--foo"],
  );
  assert.deepEqual(v8FlagsArgs([]), []);
  assert.deepEqual(v8FlagsArgs(["--a=1", "--b"]), ["--v8-flags=--a=1,--b"]);
});

Deno.test("a tree's shipped flags are its start task's; none without a deno.json", async () => {
  const tree = await Deno.makeTempDir();
  try {
    assert.deepEqual(shippedV8Flags(tree), []);
    await Deno.writeTextFile(
      `${tree}/deno.json`,
      JSON.stringify({
        tasks: { start: "deno run --v8-flags=--max-semi-space-size=64 -A main.ts" },
      }),
    );
    assert.deepEqual(shippedV8Flags(tree), ["--max-semi-space-size=64"]);
  } finally {
    await Deno.remove(tree, { recursive: true });
  }
});

Deno.test("deno task start and deno task compile give V8 the same flags", async () => {
  const { tasks } = JSON.parse(await Deno.readTextFile(`${REPO_ROOT}/deno.json`));
  assert.deepEqual(v8FlagsOf(tasks.compile), shippedV8Flags(REPO_ROOT));
});
