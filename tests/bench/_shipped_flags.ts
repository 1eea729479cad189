/**
 * The V8 flags a tree's `deno task start` runs the server with (its `deno.json`), so that a
 * benchmark's server process runs as the shipped one does: each tree of a side-by-side run with
 * its own flags (a base from before they were set runs without).
 *
 * @module
 */

/** The V8 flags of `command` (a `deno` command line): every `--v8-flags=A,B` joined, in order. */
export function v8FlagsOf(command: string): string[] {
  return command.split(/\s+/).filter((word) => word.startsWith("--v8-flags="))
    .flatMap((word) => word.slice("--v8-flags=".length).split(",")).filter((flag) => flag);
}

/** The V8 flags of `tree`'s `start` task (none when it has no `deno.json` or no such task). */
export function shippedV8Flags(tree: string): string[] {
  let config: { tasks?: Record<string, string | { command?: string }> };
  try {
    config = JSON.parse(Deno.readTextFileSync(`${tree}/deno.json`));
  } catch {
    return [];
  }
  const start = config.tasks?.start;
  return v8FlagsOf(typeof start === "string" ? start : start?.command ?? "");
}

/** `deno run` arguments giving `flags` to V8 (none for none). */
export function v8FlagsArgs(flags: readonly string[]): string[] {
  return flags.length ? [`--v8-flags=${flags.join(",")}`] : [];
}
