/**
 * The README's MCP client entries (Claude Desktop, VS Code, Cursor) are valid JSON in each
 * client's shape, and point at what this server serves by default.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../core/config.ts";
import { REPO_ROOT } from "./_helpers.ts";

type Json = Record<string, Record<string, Record<string, unknown>>>;

function entries(): Map<string, Json> {
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);
  const section = readme.split("| Next, an MCP client")[1]!.split("\n\n")[0]!;
  const rows = section.split("\n").filter((line) => /^\| [A-Z]/.test(line));
  return new Map(rows.map((row) => {
    const cells = row.split("|").map((cell) => cell.trim());
    return [cells[1]!, JSON.parse(cells[2]!.replace(/^`|`$/g, "")) as Json];
  }));
}

Deno.test("the README's MCP client entries are valid and point at the default endpoints", () => {
  const config = loadConfig({ env: {}, dotenv: "" });
  const url = `http://${config.SERVER_HOST}:${config.SERVER_PORT}/mcp`;
  const found = entries();
  assert.deepEqual([...found.keys()], [
    "Claude Desktop, `claude_desktop_config.json` (stdio: no server needed)",
    "Claude Desktop, compiled (after `deno task compile`)",
    "VS Code, `.vscode/mcp.json` (HTTP: `deno task start` must run)",
    "Cursor, `~/.cursor/mcp.json` (HTTP: `deno task start` must run)",
  ]);
  const [claude, compiled, vscode, cursor] = [...found.values()];
  // First the form that needs no build: deno (by absolute path) running main.ts over stdio.
  const viaDeno = claude!.mcpServers!.persona!;
  assert.match(String(viaDeno.command), /^\/.*deno$/);
  assert.deepEqual(viaDeno.args, ["run", "-A", "/abs/persona-mcp/main.ts", "--stdio"]);
  assert.deepEqual(compiled!.mcpServers!.persona!.args, ["--stdio"]);
  for (const entry of [viaDeno, compiled!.mcpServers!.persona!]) {
    // Claude Desktop starts servers in another (read-only) folder: DATA_DIR absolute, no colours.
    const env = entry.env as Record<string, string>;
    assert.match(env.DATA_DIR!, /^\//);
    assert.equal(env.NO_COLOR, "1");
  }
  assert.deepEqual(vscode!.servers!.persona, { type: "http", url });
  assert.deepEqual(cursor!.mcpServers!.persona, { url });
});
