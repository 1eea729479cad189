/**
 * `deno task backup` run as a user runs it, for tests: from a folder, with a shell's
 * environment (the test runner's INIT_CWD would be kept by `deno task`). Test code only.
 *
 * @module
 */
import { REPO_ROOT } from "../../../tests/_helpers.ts";

/** What the task printed and its exit code. */
export interface TaskResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `deno task backup args` from `cwd`, with `DATA_DIR` set to `dataDir`. */
export async function backupTask(
  args: string[],
  { cwd, dataDir }: { cwd: string; dataDir: string },
): Promise<TaskResult> {
  const result = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "--config", `${REPO_ROOT}/deno.json`, "backup", ...args],
    cwd,
    clearEnv: true,
    env: {
      ...Object.fromEntries(
        ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME"].flatMap((name) => {
          const value = Deno.env.get(name);
          return value === undefined ? [] : [[name, value]];
        }),
      ),
      DATA_DIR: dataDir,
      ENV_FILE: "/nonexistent",
      NO_COLOR: "1",
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: result.code, out: text(result.stdout), err: text(result.stderr) };
}
