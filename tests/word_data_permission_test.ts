/**
 * A server whose read permission leaves out its word data stops before READY with one line naming
 * the file and the flag, instead of reporting ready and then answering every memory call with an
 * internal error (review44a S1). A real `main.ts` process, started with `--allow-read` scoped to
 * its data directory.
 */
import assert from "node:assert/strict";
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import { REPO_ROOT } from "./_helpers.ts";

/**
 * Runs `main.ts` with only `dataDir` (and the missing env file) readable, and reads its stderr
 * until it exits or prints READY (then it is stopped: the failure this test exists for).
 */
async function startScoped(dataDir: string, args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      `--allow-read=${dataDir},/nonexistent`,
      `--allow-write=${dataDir}`,
      "--allow-ffi",
      "--allow-sys",
      `${REPO_ROOT}/main.ts`,
      ...args,
    ],
    env: { ENV_FILE: "/nonexistent", DATA_DIR: dataDir, SERVER_PORT: "0", API_PORT: "0" },
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let stderr = "";
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  while (!stderr.includes(" READY ")) {
    const { value, done } = await reader.read();
    if (done) break;
    stderr += value;
  }
  const ready = stderr.includes(" READY ");
  if (ready) child.kill("SIGKILL");
  await child.stdin.close().catch(() => {});
  await reader.cancel().catch(() => {});
  const { code } = await child.status;
  return { ready, code, stderr: stderr.trim() };
}

Deno.test("a read permission that leaves out the word data stops the start with the path and the flag", async () => {
  const meaning = `${REPO_ROOT}/core/memory/meaning`;
  for (const args of [[], ["--stdio"]]) {
    const result = await startScoped(tempDirSync("persona-scoped-"), args);
    assert.equal(result.ready, false, `reported ready without its word data:\n${result.stderr}`);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `^persona-mcp: cannot start: cannot read the word data ${meaning}/word_\\w+\\.gen\\.json `,
      ),
    );
    assert.ok(
      result.stderr.includes(`a scoped --allow-read that includes ${meaning}/`),
      result.stderr,
    );
  }
});
