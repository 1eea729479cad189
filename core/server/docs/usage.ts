/**
 * The text of `persona-mcp --help`: usage, options and every setting by group with its default,
 * all read from `core/settings.ts`.
 *
 * @module
 */
import { settingSections } from "./settings_doc.ts";

/** Flags that are not settings. */
export const CLI_OPTIONS = [
  { flags: "--stdio", text: "Serve MCP on stdin/stdout instead of the network (Claude Desktop)" },
  { flags: "-h, --help", text: "Show this help and exit" },
  { flags: "-V, --version", text: "Show the version and exit" },
] as const;

const WIDTH = 100;

/** Words of `text` in lines of at most `WIDTH` characters, each starting with `indent`. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/)) {
    if (line.length > indent.length && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent;
    }
    line += line.length > indent.length ? ` ${word}` : word;
  }
  lines.push(line);
  return lines;
}

/** The full `--help` text for `version`. */
export function usageText(version: string): string {
  const out = [
    `persona-mcp ${version}: AI personas with identity, long-term memory, relationships and`,
    "conversation, over WebSocket JSON-RPC 2.0, MCP (Streamable HTTP, stdio) and REST.",
    "",
    "Usage:",
    "  deno task start [options] [--setting value ...]",
    "  persona-mcp [options] [--setting value ...]      (the compiled executable)",
    "",
    "Options:",
    ...CLI_OPTIONS.map((option) => `  ${option.flags.padEnd(16)}${option.text}`),
    "",
    ...wrap(
      "Settings: a flag (--server-port 9000, --server-port=9000 or --SERVER_PORT=9000), an " +
        "environment variable (SERVER_PORT=9000) or a line of the .env file (ENV_FILE). Later " +
        "wins: default, .env, environment, flag. An invalid value stops the server with one line " +
        "naming the setting.",
      "",
    ),
  ];
  for (const section of settingSections()) {
    out.push("", `${section.title}:`);
    for (const setting of section.settings) {
      const head = `  ${setting.flag} <${setting.name}>`;
      out.push(`${head.padEnd(44)} default: ${setting.default}`);
      // Backticks mark code in the settings page; a terminal shows them as noise.
      const text = `${setting.description}. Accepts ${setting.accepts}.`.replaceAll("`", "");
      out.push(...wrap(text, "      "));
    }
  }
  return out.join("\n") + "\n";
}
