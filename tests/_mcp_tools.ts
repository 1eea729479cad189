/**
 * Runs the official MCP command-line tools (Inspector CLI, conformance suite) from npm under
 * Deno, pinned, outside this project's config so that they never touch deno.json or deno.lock.
 *
 * @module
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";

/** Pinned tool packages. */
export const INSPECTOR = "npm:@modelcontextprotocol/inspector@2.12.0";
/** Pinned tool packages. */
export const CONFORMANCE = "npm:@modelcontextprotocol/conformance@0.1.16";
/** The conformance suite's first line with MCP 2026-07-28 scenarios (`--requirements`). */
export const CONFORMANCE_MODERN = "npm:@modelcontextprotocol/conformance@0.2.0-alpha.12";
/** The stdio-to-HTTP bridge Claude Desktop users run (it bundles the TypeScript SDK 2.x). */
export const MCP_REMOTE = "npm:mcp-remote@0.15.1";

/** What a tool run printed and how it exited. */
export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `deno run -A <pkg> ...args` in a fresh temporary folder. */
export async function runNpmTool(pkg: string, args: string[]): Promise<ToolRun> {
  const cwd = tempDirSync("persona-mcp-tool-");
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-config", "--no-lock", pkg, ...args],
    cwd,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Explains a failed run in an assertion message. */
export function describeRun(run: ToolRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout.slice(-4000)}\n--- stderr\n${
    run.stderr.slice(-4000)
  }`;
}
