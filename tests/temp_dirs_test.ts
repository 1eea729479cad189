/**
 * The shared helpers' temporary folders are removed again (a day of test runs once filled a
 * 252 GB disk): a test file run under a TMPDIR of its own leaves it empty.
 */
import assert from "node:assert/strict";
import { removeTempDirs, scopedTempDir, tempDirSync } from "../core/testing/temp_dirs.ts";
import { REPO_ROOT } from "./_helpers.ts";

/** The names in `dir`. */
function names(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((entry) => entry.name).sort();
}

Deno.test("a test file's servers on the shared helpers leave nothing in TMPDIR", async () => {
  await using tmp = await scopedTempDir("temp-dirs-check-");
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--no-check", "--lock=tests/deno.lock", "tests/fixtures/temp_dirs_run.ts"],
    cwd: REPO_ROOT,
    env: { TMPDIR: tmp.path, NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, text.slice(-4000));
  assert.deepEqual(names(tmp.path), []);
});

Deno.test("a folder of tempDirSync is removed with its content; a scoped one when its block ends", async () => {
  const kept = tempDirSync("temp-dirs-unit-");
  Deno.writeTextFileSync(`${kept}/file.txt`, "x");
  removeTempDirs();
  assert.throws(() => Deno.statSync(kept), Deno.errors.NotFound);
  let scoped = "";
  {
    await using dir = await scopedTempDir("temp-dirs-unit-");
    scoped = dir.path;
    Deno.mkdirSync(`${scoped}/inner`);
  }
  assert.throws(() => Deno.statSync(scoped), Deno.errors.NotFound);
});
