/**
 * The docs document everything: the generated pages hold every JSON-RPC method, every REST route
 * and every setting, once each, and are current; the README stays a short front door whose links
 * (and every other page's) lead somewhere, and every page is reachable from it.
 */
import assert from "node:assert/strict";
import { SETTINGS } from "../core/config.ts";
import { DOC_PAGES, renderDocs } from "../core/server/docs/gen_docs.ts";
import { buildServer } from "../core/server/server.ts";
import { plugins } from "../plugins/_manifest.gen.ts";
import { REPO_ROOT, testConfig, testLogger } from "./_helpers.ts";

function page(path: string): string {
  return Deno.readTextFileSync(`${REPO_ROOT}/${path}`);
}

/** The rows of every table of `markdown` whose header row starts with `header`. */
function tableRows(markdown: string, header: string): string[] {
  const lines = markdown.split("\n");
  const rows: string[] = [];
  lines.forEach((line, index) => {
    if (!line.startsWith(header)) return;
    for (const row of lines.slice(index + 2)) {
      if (!row.startsWith("|")) break;
      rows.push(row);
    }
  });
  assert.ok(rows.length > 0, `a table headed "${header}"`);
  return rows;
}

function rowsNaming(rows: string[], cell: string): number {
  return rows.filter((row) => row.startsWith(`| \`${cell}\``)).length;
}

Deno.test("the settings page documents every setting, once, with its default", () => {
  const rows = tableRows(page(DOC_PAGES.settings), "| Setting");
  for (const [name, { schema }] of Object.entries(SETTINGS)) {
    assert.equal(rowsNaming(rows, name), 1, `rows for setting ${name}`);
    const fallback = schema.parse(undefined);
    const row = rows.find((line) => line.startsWith(`| \`${name}\``))!;
    // No default at all (the description says what unset means) reads as (none) too.
    const shown = Array.isArray(fallback)
      ? fallback.join(",")
      : fallback === undefined
      ? ""
      : String(fallback);
    const expected = shown === "" ? "(none)" : `\`${shown}\``;
    assert.equal(row.split("|")[3]!.trim(), expected, `default of ${name}`);
  }
  assert.equal(rows.length, Object.keys(SETTINGS).length, "no row for a setting that is gone");
});

Deno.test("the method reference and route page document every method and REST route, once (all plugins enabled)", async () => {
  const config = testConfig({ PLUGINS: plugins.map((plugin) => plugin.name).join(",") });
  const app = await buildServer(config, { log: testLogger(), databasePath: ":memory:" });
  try {
    const methods = page(DOC_PAGES.methods);
    const headings = methods.split("\n").filter((line) => line.startsWith("### `"));
    for (const handler of app.dispatcher.registry.list()) {
      const heading = `### \`${handler.method}\``;
      assert.equal(headings.filter((line) => line === heading).length, 1, heading);
      assert.ok(handler.result, `${handler.method} describes its result (result: "...")`);
    }
    assert.equal(headings.length, app.dispatcher.registry.methods().length, "no gone method");

    const routes = app.rest.routes.filter((route) => route.method !== "ALL");
    assert.ok(routes.length > 5);
    const rows = tableRows(page(DOC_PAGES.routes), "| Route");
    for (const route of routes) {
      const text = `${route.method} ${route.path}`;
      assert.equal(rowsNaming(rows, text), 1, `rows for route ${text}`);
    }
    assert.equal(rows.length, routes.length, "no row for a route that is gone");
  } finally {
    await app.services.db.close();
  }
});

Deno.test("the generated pages are up to date (run `deno task gen`)", async () => {
  for (const [path, expected] of Object.entries(await renderDocs(REPO_ROOT))) {
    assert.equal(page(path), expected, `${path} is stale; run \`deno task gen\``);
  }
});

/** Every Markdown file of the repository, relative to its root (runtime and build output aside). */
function markdownFiles(dir = ""): string[] {
  const skip = new Set(["data", "dist", "reports", "node_modules", ".git"]);
  const files: string[] = [];
  for (const entry of Deno.readDirSync(`${REPO_ROOT}/${dir}`)) {
    const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory && !skip.has(entry.name)) files.push(...markdownFiles(path));
    else if (entry.isFile && entry.name.endsWith(".md")) files.push(path);
  }
  return files;
}

/** GitHub's anchor of a heading. */
function anchorOf(heading: string): string {
  return heading.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").trim().replace(/\s/g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, "");
  const headings = withoutCode.split("\n").filter((line) => /^#{1,6} /.test(line));
  return new Set(headings.map((line) => anchorOf(line.replace(/^#+ /, ""))));
}

/** Relative links `[text](target)` of `markdown`, code blocks aside. */
function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, "");
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/.test(target));
}

function resolve(from: string, target: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const part of target.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

Deno.test("every relative link of every page leads to a file and heading that exist", () => {
  for (const from of markdownFiles()) {
    for (const target of relativeLinks(page(from))) {
      const [file, fragment] = target.split("#");
      const path = file === "" ? from : resolve(from, file!);
      assert.ok(
        (() => {
          try {
            Deno.statSync(`${REPO_ROOT}/${path}`);
            return true;
          } catch {
            return false;
          }
        })(),
        `${from} links to ${target}: no such file`,
      );
      if (fragment !== undefined && path.endsWith(".md")) {
        assert.ok(anchorsOf(page(path)).has(fragment), `${from} links to ${target}: no heading`);
      }
    }
  }
});

/** True when `path` (a `*` matches any part of a name) names a file or folder of the repository. */
function existsInRepo(path: string): boolean {
  const parts = path.replace(/\/$/, "").split("/");
  let candidates = [""];
  for (const part of parts) {
    const pattern = new RegExp(
      `^${part.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*")}$`,
    );
    candidates = candidates.flatMap((dir) => {
      try {
        return [...Deno.readDirSync(`${REPO_ROOT}/${dir}`)]
          .filter((entry) => pattern.test(entry.name))
          .map((entry) => dir === "" ? entry.name : `${dir}/${entry.name}`);
      } catch {
        return [];
      }
    });
  }
  return candidates.length > 0;
}

/** Every source file of the repository, relative to its root. */
function sourceFiles(dir = ""): string[] {
  const skip = new Set(["data", "dist", "reports", "node_modules", ".git"]);
  const files: string[] = [];
  for (const entry of Deno.readDirSync(`${REPO_ROOT}/${dir}`)) {
    const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory && !skip.has(entry.name)) files.push(...sourceFiles(path));
    else if (entry.isFile) files.push(path);
  }
  return files;
}

Deno.test("every repository path a page names in code exists (pages follow renames)", () => {
  const root = /^(core|handlers|plugins|tests|\.ci)\/[\w./*-]*$|^main\.ts$|^deno\.json$/;
  // A module named by its tail (`rpc/envelope.ts`, `engine.ts`) must be the tail of some file.
  const module = /^[\w./-]+\.ts$/;
  // The files the README's tour has the reader save are not the repository's.
  const files = [
    ...sourceFiles(),
    ...[...page("README.md").matchAll(/^```ts file=(\S+)$/gm)].map((match) => match[1]!),
  ];
  for (const from of markdownFiles()) {
    for (const match of page(from).matchAll(/`([^`\s]+)`/g)) {
      const path = match[1]!;
      if (root.test(path)) assert.ok(existsInRepo(path), `${from} names ${path}: no such path`);
      else if (module.test(path)) {
        assert.ok(
          files.some((file) => file === path || file.endsWith(`/${path}`)),
          `${from} names ${path}: no such file`,
        );
      }
    }
  }
});

Deno.test("the README is a front door: at most 250 lines, and every page is reachable from it", () => {
  const readme = page("README.md");
  assert.ok(readme.split("\n").length <= 250, `README has ${readme.split("\n").length} lines`);
  const reached = new Set(["README.md"]);
  const queue = ["README.md"];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const target of relativeLinks(page(from))) {
      const file = target.split("#")[0]!;
      const path = file === "" ? from : resolve(from, file);
      if (path.endsWith(".md") && !reached.has(path)) {
        reached.add(path);
        queue.push(path);
      }
    }
  }
  for (const file of markdownFiles()) assert.ok(reached.has(file), `${file} is not linked`);
});
