/**
 * Temporary folders for tests that are removed again: a day of test runs once filled a 252 GB
 * disk with folders nobody removed. {@linkcode tempDirSync} and {@linkcode tempDir} remove theirs
 * when the test file's process ends (its servers are stopped by then: each test stops its own);
 * {@linkcode scopedTempDir} removes its folder when the test's `await using` ends.
 *
 * Deno's makeTempDir honours TMPDIR, so a run with `TMPDIR=$(mktemp -d)` shows what is left.
 *
 * @module
 */

const made = new Set<string>();
let hooked = false;

/** Removes `path` and all in it; a folder already gone is fine. */
function removeSync(path: string): void {
  try {
    Deno.removeSync(path, { recursive: true });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

/** Removes every folder made here so far (the process's end does it anyway). */
export function removeTempDirs(): void {
  for (const path of made) {
    removeSync(path);
    made.delete(path);
  }
}

function remember(path: string): string {
  made.add(path);
  if (!hooked) {
    hooked = true;
    globalThis.addEventListener("unload", removeTempDirs);
  }
  return path;
}

/** A fresh temporary folder named `prefix…`, removed when this process ends. */
export function tempDirSync(prefix: string): string {
  return remember(Deno.makeTempDirSync({ prefix }));
}

/** Like {@linkcode tempDirSync}, made without blocking. */
export async function tempDir(prefix: string): Promise<string> {
  return remember(await Deno.makeTempDir({ prefix }));
}

/** A temporary folder for `await using`: removed when the block ends (stop its servers first). */
export interface ScopedTempDir extends AsyncDisposable {
  /** The folder's path. */
  readonly path: string;
}

/** A fresh temporary folder named `prefix…`, removed at the end of the `await using` block. */
export async function scopedTempDir(prefix: string): Promise<ScopedTempDir> {
  const path = await Deno.makeTempDir({ prefix });
  return {
    path,
    [Symbol.asyncDispose]: async () => {
      await Deno.remove(path, { recursive: true }).catch((error) => {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      });
    },
  };
}
