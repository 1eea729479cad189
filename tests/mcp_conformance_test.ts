/**
 * Acceptance: the official MCP conformance suite passes every scenario that applies to this
 * server; the others are in tests/conformance_expected_failures.yml (and core/server/mcp/README.md).
 */
import assert from "node:assert/strict";
import { REPO_ROOT, startTestServer } from "./_helpers.ts";
import { CONFORMANCE, CONFORMANCE_MODERN, describeRun, runNpmTool } from "./_mcp_tools.ts";

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

/** The 2026-07-28 requirements that must pass (core/server/mcp/README.md lists the same). */
const MUST_PASS_MODERN = [
  "tools-list",
  "server-sse-multiple-streams",
  "resources-list",
  "sep-2164-resource-not-found",
  "prompts-list",
  "dns-rebinding-protection",
  "caching",
  "input-required-result-unsupported-methods",
  "input-required-result-validate-input",
];

/**
 * Checks that read a stream or wait for an answer for 1.5 s only: with the whole test suite
 * sharing two cores they may miss an answer that comes in time when run alone (they pass then,
 * so they cannot be in the baseline either). They may fail here; nothing else may.
 */
const TIMING_SENSITIVE = [
  "server-stateless:sep-2575-server-sends-prompts-list-changed-on-subscription",
  "input-required-result-missing-input-response",
  "input-required-result-ignore-extra-params",
];

/** The names the suite lists under `heading` (one `  ✗ name` or `  ✓ name` per line). */
function listed(stdout: string, heading: string): string[] {
  const after = stdout.split(heading)[1];
  if (after === undefined) return [];
  const names: string[] = [];
  for (const line of after.split("\n").slice(1)) {
    const match = /^\s+[✗✓] (\S+)/.exec(line);
    if (!match) break;
    names.push(match[1]!);
  }
  return names;
}

Deno.test("the conformance suite's 2026-07-28 requirements pass wherever they apply (stateless, headers, caching)", async () => {
  const server = await startTestServer();
  try {
    const run = await runNpmTool(CONFORMANCE_MODERN, [
      "server",
      "--url",
      server.mcpUrl,
      "--requirements",
      "2026-07-28",
      "--expected-failures",
      `${REPO_ROOT}/tests/conformance_2026_expected_failures.yml`,
    ]);
    assert.deepEqual(listed(run.stdout, "Stale baseline entries"), [], describeRun(run));
    const unexpected = listed(run.stdout, "Unexpected failures (not in baseline):");
    const real = unexpected.filter((name) => !TIMING_SENSITIVE.includes(name));
    assert.deepEqual(real, [], describeRun(run));
    if (unexpected.length === 0) assert.equal(run.code, 0, describeRun(run));
    for (const scenario of MUST_PASS_MODERN) {
      assert.match(
        run.stdout,
        new RegExp(`✓ ${scenario}: [1-9]\\d* passed, 0 failed`),
        `${scenario} did not pass\n${describeRun(run)}`,
      );
    }
    // server-stateless: every check passes but the four that need the suite's own tools (and,
    // under load, the timing-sensitive one above).
    assert.match(run.stdout, /server-stateless: 2[45] passed, [45] failed/, describeRun(run));
    // A pending scenario, run for visibility: the request metadata headers.
    assert.match(run.stdout, /✓ http-header-validation: [1-9]\d* passed, 0 failed/);
  } finally {
    await server.shutdown();
  }
});
