/**
 * The generated settings page: every setting of `core/settings.ts` by group, with its flag,
 * default, accepted values and meaning.
 *
 * @module
 */
import { anchor, code, generatedBanner, table } from "./markdown.ts";
import { settingSections } from "./settings_doc.ts";

/** The settings page (Markdown, before `deno fmt`). */
export function renderSettingsPage(): string {
  const sections = settingSections();
  const count = sections.reduce((sum, section) => sum + section.settings.length, 0);
  const parts = [
    generatedBanner("`core/settings.ts`"),
    "# Settings",
    `All ${count} settings, by group, with their defaults. \`deno task start --help\` (or ` +
    "`persona-mcp --help`) prints the same list.",
    "Sources, later wins: the defaults, then a `.env` file (named by `ENV_FILE`, relative to " +
    "the current directory, not to `main.ts`), then " +
    "environment variables, then flags: `deno task start --server-port 9000`, " +
    "`--server-port=9000` or `--SERVER_PORT=9000`. The `.env` file accepts `KEY=value`, quotes, " +
    "`export KEY=value` and `#` comments, also after an unquoted value. An empty value means " +
    "unset (the default), except for lists, where it means none.",
    "One zod-validated module, `core/config.ts`, reads them all. An invalid value stops the " +
    "server at start with one line naming the setting and what it accepts (exit code 2), for " +
    'example `persona-mcp: Invalid setting LOG_LEVEL="chatty": expected one of debug, info, ' +
    "warn, error`. It also checks the rules between settings: `API_PORT` differs from " +
    "`SERVER_PORT` (unless both are 0), `CONTINUE_LOW` does not exceed `CONTINUE_HIGH`, and " +
    "`MEMORY_PRUNE_TARGET` is below `MEMORY_PRUNE_THRESHOLD`. Both ports may be `0`: the ready " +
    "line reports the real ones.",
    sections.map((section) => `[${section.title}](#${anchor(section.title)})`).join(" · "),
  ];
  for (const section of sections) {
    parts.push(`## ${section.title}`);
    parts.push(table(
      ["Setting", "Flag", "Default", "Accepts", "Meaning"],
      section.settings.map((setting) => [
        code(setting.name),
        code(setting.flag),
        setting.default === "(none)" ? "(none)" : code(setting.default),
        setting.accepts,
        setting.description,
      ]),
    ));
  }
  return parts.join("\n\n") + "\n";
}
