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
  const section = readme.split("## MCP clients")[1]!.split("\n## ")[0]!;
  const rows = section.split("\n").filter((line) => /^\| [A-Z]/.test(line)).slice(1);
  return new Map(rows.map((row) => {
    const cells = row.split("|").map((cell) => cell.trim());
    return [cells[1]!, JSON.parse(cells[3]!.replace(/^`|`$/g, "")) as Json];
  }));
}

Deno.test("the README's MCP client entries are valid and point at the default endpoints", () => {
  const config = loadConfig({ env: {}, dotenv: "" });
  const url = `http://${config.SERVER_HOST}:${config.SERVER_PORT}/mcp`;
  const found = entries();
  assert.deepEqual([...found.keys()], [
    "Claude Desktop (stdio)",
    "VS Code (HTTP)",
    "Cursor (HTTP)",
  ]);
  const claude = found.get("Claude Desktop (stdio)")!.mcpServers!.persona!;
  assert.deepEqual(claude.args, ["--stdio"]);
  assert.ok(typeof claude.command === "string" && (claude.env as Json).DATA_DIR);
  assert.deepEqual(found.get("VS Code (HTTP)")!.servers!.persona, { type: "http", url });
  assert.deepEqual(found.get("Cursor (HTTP)")!.mcpServers!.persona, { url });
});
