/**
 * Crashed simulations' temporary directories are removed at start (attack16 F6), and only
 * theirs: a directory whose process is gone (its lock is free) goes; one of a live process
 * (another run on the machine, this process) stays, and so do those that cannot be judged. Real
 * processes: `deno task sim` killed with SIGKILL mid-run, and one left running.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createLogger } from "../log.ts";
import { makeRunDir, OWNER_LOCK, removeLeftoverRunDirs } from "./run_dirs.ts";
import { SimulationRuns } from "./runs.ts";

const quiet = createLogger("error", { write: () => {} });

/** The entries in `root`, by name. */
function names(root: string): string[] {
  return [...Deno.readDirSync(root)].map((entry) => entry.name).sort();
}

/**
 * The run directories in `root`, by name: a simulation's SQLite may leave its own temporary
 * files (`etilqs_*`) in its TMPDIR meanwhile (review24 F4), which are none of the cleanup's.
 */
function runNames(root: string): string[] {
  return names(root).filter((name) => name.startsWith("persona-sim"));
}

Deno.test("run dirs: an unlocked run directory is removed; a locked one and unjudged ones stay", async () => {
  const root = await Deno.makeTempDir({ prefix: "fix71-rundirs-" });
  try {
    const made = (name: string) => Deno.mkdirSync(join(root, name));
    // A run whose process is gone: its lock file is there, and no process holds it.
    made("persona-sim-gone");
    Deno.writeTextFileSync(join(root, "persona-sim-gone", OWNER_LOCK), "");
    Deno.writeTextFileSync(join(root, "persona-sim-gone", "world.db"), "x".repeat(1000));
    made("persona-sim-0123456789abcdef"); // an older run's: no lock file, not judged
    made("persona-simnew-abc"); // being made: its lock file made, not locked yet
    Deno.writeTextFileSync(join(root, "persona-simnew-abc", OWNER_LOCK), "");
    Deno.writeTextFileSync(join(root, "persona-sim-file"), "not a directory");
    const ours = await makeRunDir(root); // a run of this process, under way
    const removed = await removeLeftoverRunDirs({ root, log: quiet });
    assert.deepEqual(removed, [join(root, "persona-sim-gone")]);
    const kept = ["persona-sim-0123456789abcdef", "persona-sim-file", "persona-simnew-abc"];
    assert.deepEqual(names(root), [...kept, ours.path.slice(root.length + 1)].sort());
    await ours.dispose();
    assert.deepEqual(names(root), kept, "a run's own end removes its directory");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("run dirs: a directory is locked before it gets its run name", async () => {
  const root = await Deno.makeTempDir({ prefix: "fix75-rundirs-" });
  try {
    let seen: string[] = [];
    const ours = await makeRunDir(root, {
      beforeRename: async (staging) => {
        // Another process's view: a second open of the lock file cannot take it.
        const other = await Deno.open(join(staging, OWNER_LOCK), { read: true, write: true });
        try {
          assert.equal(await other.tryLock(true), false, "locked before the rename");
        } finally {
          other.close();
        }
        seen = names(root);
      },
    });
    assert.equal(seen.length, 1);
    assert.ok(seen[0]!.startsWith("persona-simnew-"), "not yet named as a run");
    assert.deepEqual(await removeLeftoverRunDirs({ root, log: quiet }), [], "a live run stays");
    await ours.dispose();
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

/** Starts `deno task sim` (a long scripted run) with its temporary root in `root`. */
function simulation(root: string): Deno.ChildProcess {
  const cli = new URL("./cli.ts", import.meta.url).pathname;
  return new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--lock=tests/deno.lock",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-net",
      cli,
      "--model",
      "scripted",
      "--ticks",
      "1000000",
    ],
    env: { TMPDIR: root, NO_COLOR: "1" },
    stdout: "null",
    stderr: "null",
  }).spawn();
}

/** The run directory a simulation started in the empty `root` made (waits; fails after 60 s). */
async function runDirIn(root: string): Promise<string> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const made = names(root).filter((name) => name.startsWith("persona-sim-"));
    if (made.length > 0) return made[0]!;
    if (performance.now() > deadline) assert.fail(`no run directory in ${root}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

Deno.test({
  name:
    "run dirs: a simulation killed with SIGKILL leaves its directory; the next start removes it",
  // SIGKILL, and TMPDIR as the temporary root.
  ignore: Deno.build.os === "windows",
}, async () => {
  const killedRoot = await Deno.makeTempDir({ prefix: "fix71-simkill-" });
  const runningRoot = await Deno.makeTempDir({ prefix: "fix71-simlive-" });
  // Another file in a root, as SQLite's temporary files can be: never the cleanup's.
  for (const root of [killedRoot, runningRoot]) Deno.writeTextFileSync(join(root, "etilqs_x"), "");
  const killed = simulation(killedRoot);
  const running = simulation(runningRoot);
  try {
    const left = await runDirIn(killedRoot);
    const alive = await runDirIn(runningRoot);
    killed.kill("SIGKILL");
    await killed.status;
    assert.deepEqual(runNames(killedRoot), [left], "kill -9: nothing removed it");

    // A server starting: the killed run's directory goes, the running one's stays.
    const cases: [string, string[]][] = [[killedRoot, [join(killedRoot, left)]], [runningRoot, []]];
    for (const [tempRoot, expected] of cases) {
      const runs = new SimulationRuns({ env: {}, log: quiet, now: Date.now, tempRoot });
      assert.deepEqual(await runs.removeLeftovers(), expected);
      await runs.close();
    }
    assert.deepEqual(runNames(killedRoot), []);
    assert.deepEqual(runNames(runningRoot), [alive]);
    for (const root of [killedRoot, runningRoot]) assert.ok(names(root).includes("etilqs_x"));

    running.kill("SIGKILL");
    await running.status;
    const removed = await removeLeftoverRunDirs({ root: runningRoot });
    assert.deepEqual(removed, [join(runningRoot, alive)], "once its process is gone, it goes");
  } finally {
    for (const child of [killed, running]) {
      try {
        child.kill("SIGKILL");
      } catch { /* ended */ }
      await child.status;
    }
    for (const root of [killedRoot, runningRoot]) await Deno.remove(root, { recursive: true });
  }
});
