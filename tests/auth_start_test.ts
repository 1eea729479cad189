/**
 * Settings that would weaken AUTH_TOKEN stop the server at start (exit 2, one clear line, the
 * token never shown); AUTH_TOKEN_FILE keeps the token off the command line and works like
 * AUTH_TOKEN on every transport.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { MCP_INITIALIZE, REPO_ROOT, startTestServer } from "./_helpers.ts";

async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const run = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${REPO_ROOT}/main.ts`],
    env: {
      SERVER_PORT: "0",
      API_PORT: "0",
      ENV_FILE: "/nonexistent",
      DATA_DIR: tempDirSync("persona-test-"),
      ...env,
    },
    clearEnv: true,
    // A server that starts instead of refusing would serve forever: end it (the test fails).
    signal: AbortSignal.timeout(60_000),
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code: run.code, stderr: new TextDecoder().decode(run.stderr) };
}

Deno.test("ALLOWED_HOSTS=* without AUTH_TOKEN does not start (it would reopen DNS rebinding)", async () => {
  const run = await start({ ALLOWED_HOSTS: "*" });
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /Invalid setting ALLOWED_HOSTS=\*: .*needs AUTH_TOKEN/);
});

Deno.test("an AUTH_TOKEN with spaces does not start, and the line hides it", async () => {
  for (const token of [" ".repeat(20), "hunter2 with blanks 123456"]) {
    const run = await start({ SERVER_HOST: "0.0.0.0", AUTH_TOKEN: token });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /Invalid setting AUTH_TOKEN=\(hidden\): may hold only letters/);
    assert.ok(!run.stderr.includes("hunter2"), "the token is not shown");
  }
});

Deno.test("AUTH_TOKEN_FILE: the token from a file guards REST and /mcp like AUTH_TOKEN", async () => {
  const dir = tempDirSync("persona-token-");
  const token = "from-a-file-0123456789abcdef";
  Deno.writeTextFileSync(`${dir}/token`, `${token}\n`);
  const server = await startTestServer({ AUTH_TOKEN_FILE: `${dir}/token` });
  try {
    const refused = await fetch(`${server.apiUrl}/personas`);
    assert.equal(refused.status, 401);
    await refused.body?.cancel();
    const ok = await fetch(`${server.apiUrl}/personas`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(ok.status, 200);
    await ok.body?.cancel();
    const mcp = await fetch(server.mcpUrl, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      body: MCP_INITIALIZE,
    });
    assert.equal(mcp.status, 200);
    await mcp.body?.cancel();
  } finally {
    await server.shutdown();
    Deno.removeSync(dir, { recursive: true });
  }
});
