/**
 * Acceptance: the official MCP conformance suite passes every scenario that applies to this
 * server; the others are in tests/conformance_expected_failures.yml (and core/server/mcp/README.md).
 */
import assert from "node:assert/strict";
import { REPO_ROOT, startTestServer } from "./_helpers.ts";
import { CONFORMANCE, describeRun, runNpmTool } from "./_mcp_tools.ts";

/** The scenarios that must pass (core/server/mcp/README.md lists the same). */
const MUST_PASS = [
  "server-initialize",
  "ping",
  "tools-list",
  "dns-rebinding-protection",
  "logging-set-level",
  "resources-list",
  "prompts-list",
  "server-sse-multiple-streams",
];

Deno.test("the conformance suite passes every applicable scenario over Streamable HTTP", async () => {
  const server = await startTestServer();
  try {
    const run = await runNpmTool(CONFORMANCE, [
      "server",
      "--url",
      server.mcpUrl,
      "--expected-failures",
      `${REPO_ROOT}/tests/conformance_expected_failures.yml`,
    ]);
    assert.equal(run.code, 0, describeRun(run));
    assert.match(run.stdout, /Baseline check passed/, describeRun(run));
    for (const scenario of MUST_PASS) {
      assert.match(
        run.stdout,
        new RegExp(`✓ ${scenario}: [1-9]\\d* passed, 0 failed`),
        `${scenario} did not pass\n${describeRun(run)}`,
      );
    }
  } finally {
    await server.shutdown();
  }
});
