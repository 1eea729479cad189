/**
 * Acceptance: MCP Inspector's CLI lists and calls our tools, over stdio (it starts main.ts
 * --stdio itself) and over Streamable HTTP (against a running server).
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { REPO_ROOT, startTestServer } from "./_helpers.ts";
import { describeRun, INSPECTOR, runNpmTool, type ToolRun } from "./_mcp_tools.ts";

function resultOf(run: ToolRun): Record<string, unknown> {
  assert.equal(run.code, 0, describeRun(run));
  const parsed = JSON.parse(run.stdout);
  return (parsed.result ?? parsed) as Record<string, unknown>;
}

function toolNames(run: ToolRun): string[] {
  return (resultOf(run).tools as Array<{ name: string }>).map((tool) => tool.name);
}

function structured(run: ToolRun): Record<string, unknown> {
  return resultOf(run).structuredContent as Record<string, unknown>;
}

Deno.test("Inspector CLI lists and calls tools over stdio", async () => {
  const dataDir = tempDirSync("persona-inspector-");
  const server = ["--", Deno.execPath(), "run", "-A", `${REPO_ROOT}/main.ts`, "--stdio"];
  server.push("--data-dir", dataDir);
  const list = await runNpmTool(INSPECTOR, [
    "--cli",
    "--method",
    "tools/list",
    "--format",
    "json",
    ...server,
  ]);
  assert.ok(toolNames(list).includes("persona_switch"), describeRun(list));

  const call = await runNpmTool(INSPECTOR, [
    "--cli",
    "--method",
    "tools/call",
    "--tool-name",
    "persona_switch",
    "--tool-arg",
    "persona_id=aria",
    "--format",
    "json",
    ...server,
  ]);
  assert.equal(structured(call).name, "Aria", describeRun(call));
});

Deno.test("Inspector CLI lists and calls tools over Streamable HTTP", async () => {
  const server = await startTestServer();
  try {
    const http = [server.mcpUrl, "--transport", "http", "--format", "json"];
    const list = await runNpmTool(INSPECTOR, ["--cli", ...http, "--method", "tools/list"]);
    assert.ok(toolNames(list).includes("persona_list"), describeRun(list));

    const call = await runNpmTool(INSPECTOR, [
      "--cli",
      ...http,
      "--method",
      "tools/call",
      "--tool-name",
      "persona_list",
    ]);
    assert.equal(structured(call).total_count, 2, describeRun(call));

    // A tool error is a result with isError (not a protocol error): the CLI exits with 5.
    const failed = await runNpmTool(INSPECTOR, [
      "--cli",
      ...http,
      "--method",
      "tools/call",
      "--tool-name",
      "persona_switch",
      "--tool-arg",
      "persona_id=nobody",
    ]);
    assert.equal(failed.code, 5, describeRun(failed));
    assert.match(failed.stdout, /"isError":\s*true/, describeRun(failed));
    assert.match(failed.stdout, /Cannot find persona \\"nobody\\"/, describeRun(failed));
  } finally {
    await server.shutdown();
  }
});
