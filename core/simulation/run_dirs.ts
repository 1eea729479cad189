/**
 * The temporary data directories of simulation runs, and their cleanup after a crash
 * (attack16 F6). A run's directory is removed when the run ends, however it ends; a process
 * killed outright (`kill -9`, the OOM killer, a power cut) cannot, and each run leaves tens of MB.
 *
 * So each run directory (`persona-sim-<random>` in the temporary root: `TMPDIR`, else the
 * platform's) holds a lock file, `.owner.lock`, that its process keeps locked (an exclusive
 * advisory lock, `flock`/`LockFileEx`) for as long as the run lasts. The system drops the lock
 * when the process ends, however it ends. At start (the server's, `deno task sim`'s) every run
 * directory whose lock can be taken is a dead process's, and is removed; one still locked belongs
 * to a live process (another server or CLI run on the machine, or this one) and stays. So do
 * those that cannot be judged: without a lock file (made before this, or by another version)
 * or whose lock file cannot be opened (another user's). A directory is locked before it gets its
 * `persona-sim-` name (made as `persona-simnew-<random>`, then renamed), so a cleanup never sees
 * a live run's directory unlocked.
 *
 * @module
 */
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Logger } from "../log.ts";

/** Where a temporary run's world is made: `<temp root>/persona-sim-<random>`. */
export const TEMP_PREFIX = "persona-sim-";

/** A run directory's name until it is locked. */
const STAGING_PREFIX = "persona-simnew-";

/** The file a run directory's process keeps locked. */
export const OWNER_LOCK = ".owner.lock";

/** The temporary root runs are made in: `TMPDIR` (or the platform's), else `/tmp`. */
export function tempRoot(): string {
  try {
    return tmpdir();
  } catch {
    return "/tmp";
  }
}

/** A run's temporary directory, locked by this process until {@linkcode RunDir.dispose}. */
export interface RunDir {
  path: string;
  /** Removes the directory and drops its lock. */
  dispose(): Promise<void>;
}

/** Test hooks of {@linkcode makeRunDir}. */
export interface RunDirHooks {
  /** Called with the directory being made, before it gets its `persona-sim-` name. */
  beforeRename?: (staging: string) => Promise<void> | void;
}

/** Makes a run's temporary directory in `root`, locked (see the module). */
export async function makeRunDir(
  root: string = tempRoot(),
  hooks: RunDirHooks = {},
): Promise<RunDir> {
  const staging = await Deno.makeTempDir({ dir: root, prefix: STAGING_PREFIX });
  let lock: Deno.FsFile | undefined;
  try {
    lock = await Deno.open(join(staging, OWNER_LOCK), { write: true, createNew: true });
    await lock.lock(true);
    await hooks.beforeRename?.(staging);
    const path = join(root, TEMP_PREFIX + basename(staging).slice(STAGING_PREFIX.length));
    await Deno.rename(staging, path);
    return { path, dispose: () => dispose(path, lock!) };
  } catch (error) {
    lock?.close();
    await Deno.remove(staging, { recursive: true }).catch(() => {});
    throw error;
  }
}

/**
 * Removes `path`, then drops `lock`: held until the directory is gone, so that no cleanup
 * removes it at the same time. Where an open file cannot be removed (Windows), the lock goes
 * first.
 */
async function dispose(path: string, lock: Deno.FsFile): Promise<void> {
  try {
    await Deno.remove(path, { recursive: true });
    lock.close();
    return;
  } catch {
    lock.close();
  }
  await Deno.remove(path, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
}

/** True when the run directory `dir` has a lock file that no process holds (its owner is gone). */
async function ownerGone(dir: string): Promise<boolean> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(join(dir, OWNER_LOCK), { read: true, write: true });
  } catch {
    // No lock file (an older run's), or not ours to open: not judged.
    return false;
  }
  try {
    return await file.tryLock(true);
  } catch {
    return false;
  } finally {
    file.close();
  }
}

/**
 * Removes the run directories in `root` (default {@linkcode tempRoot}) whose process is gone
 * (see the module); returns the paths removed, and says how many on `log` (info). One that
 * cannot be removed is left, with a warning.
 */
export async function removeLeftoverRunDirs(
  options: { root?: string; log?: Logger } = {},
): Promise<string[]> {
  const { log } = options;
  const root = options.root ?? tempRoot();
  const removed: string[] = [];
  const failed = (path: string, error: unknown) =>
    log?.warn("A crashed simulation's directory was not removed", { path, error: String(error) });
  try {
    for await (const entry of Deno.readDir(root)) {
      if (!entry.isDirectory || !entry.name.startsWith(TEMP_PREFIX)) continue;
      const path = join(root, entry.name);
      if (!await ownerGone(path)) continue;
      try {
        await Deno.remove(path, { recursive: true });
        removed.push(path);
      } catch (error) {
        // Removed by another process's cleanup meanwhile: as good.
        if (!(error instanceof Deno.errors.NotFound)) failed(path, error);
      }
    }
  } catch (error) {
    failed(root, error);
  }
  if (removed.length > 0) {
    log?.info("Removed the directories of simulations whose process was killed", {
      count: removed.length,
    });
  }
  return removed;
}
