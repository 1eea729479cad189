/**
 * Test modules run in parallel in one process (`deno test --parallel`: one worker per module),
 * which shares one environment: a module that sets a variable changes it for every other module
 * running then. `simulation_world_test.ts` once set `TMPDIR` to a directory of its own and removed
 * it after: a data directory `simulation_test.ts` made meanwhile was made there and removed under
 * its run ("PersonaNotFound" reading a simulated persona back, now and then in the full suite).
 * So no test sets or deletes an environment variable that other code reads; a child process gets
 * its own environment (`Deno.Command`'s `env`).
 */
import assert from "node:assert/strict";

/** Variables a test may set: read only by the code that test itself runs. */
const ALLOWED = new Set(["BENCH_STUB_MEMORY", "BENCH_HOP_RECALL_US"]);

/** The paths of the files under `dir`, recursively. */
async function* walk(dir: URL): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory && entry.name !== "node_modules") yield* walk(url);
    else if (entry.isFile) yield url.pathname;
  }
}

const CHANGE = /Deno\.env\.(?:set|delete)\(\s*["'`]([^"'`]+)["'`]/g;

Deno.test("no test module changes the process's environment for the others", async () => {
  const root = new URL("../", import.meta.url);
  const found: string[] = [];
  for (const dir of ["core", "tests", "handlers", "plugins"]) {
    for await (const path of walk(new URL(`${dir}/`, root))) {
      if (!path.endsWith(".ts") || path.endsWith("env_isolation_test.ts")) continue;
      const text = await Deno.readTextFile(path);
      for (const [, name] of text.matchAll(CHANGE)) {
        if (!ALLOWED.has(name!)) found.push(`${path.slice(root.pathname.length)}: ${name}`);
      }
    }
  }
  assert.deepEqual(found, []);
});
