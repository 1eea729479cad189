/**
 * One round of a side-by-side benchmark in a child process of its own: the script runs again with
 * `--child <tree>` and prints its figures as the last line of its output (JSON).
 *
 * @module
 */
import type { Tree } from "./_table.ts";
import { v8FlagsArgs } from "./_shipped_flags.ts";

/** What {@linkcode roundInChild} runs. */
export interface ChildRound {
  /** The benchmark script (its `import.meta.url`), run with `--child <tree's path>`. */
  script: string;
  /** The tree the round measures. */
  tree: Tree;
  /** The script's own arguments, after `--child <tree>`. */
  args?: readonly string[];
  /** V8 flags of the child (e.g. the tree's shipped ones, `shippedV8Flags`). */
  v8Flags?: readonly string[];
  /** More `deno run` flags (e.g. `--cpu-prof`). */
  denoFlags?: readonly string[];
}

/** Runs one round in a child process and returns the JSON of its last output line. */
export async function roundInChild<T>(round: ChildRound): Promise<T> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--lock=tests/deno.lock",
      "-A",
      ...(round.denoFlags ?? []),
      ...v8FlagsArgs(round.v8Flags ?? []),
      new URL(round.script).pathname,
      "--child",
      round.tree.path,
      ...(round.args ?? []),
    ],
    env: { LOG_LEVEL: "error" },
    stderr: "inherit",
  }).output();
  if (!output.success) throw new Error(`round on ${round.tree.label} failed`);
  const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
  return JSON.parse(lines.at(-1)!) as T;
}
