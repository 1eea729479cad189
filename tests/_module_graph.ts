/**
 * Test support for the floor plan: reads the module graph with `deno info --json` (type-only
 * imports included) and checks the two rules of the layout: no import cycle, and no import from
 * the domain wing into the edge wing.
 *
 * The wings, in one sentence: nothing under `core/` except `core/server/` knows a JSON-RPC code,
 * an MCP message or an HTTP status; `core/server/` (with `handlers/`, `plugins/` and `main.ts`)
 * may import the domain, never the reverse.
 *
 * @module
 */

import { dirname, join } from "node:path";

/** Repository-relative module path → the modules it imports (repository-relative paths, or
 * `npm:<package>` for npm packages). */
export type ModuleGraph = ReadonlyMap<string, readonly string[]>;

/** Which side of the wall a module stands on. */
export type Wing = "domain" | "edge" | "test" | "other";

/** npm packages that speak HTTP or MCP: only the edge wing may import them. */
export const EDGE_PACKAGES: readonly string[] = ["npm:hono", "npm:@modelcontextprotocol/sdk"];

/** The wing of a repository-relative path (or `npm:<package>`). */
export function wingOf(path: string): Wing {
  if (path.startsWith("npm:")) return EDGE_PACKAGES.includes(path) ? "edge" : "other";
  if (path.endsWith("_test.ts") || path.startsWith("tests/") || path.includes("/testing/")) {
    return "test";
  }
  if (
    path === "main.ts" || path.startsWith("core/server/") || path.startsWith("handlers/") ||
    path.startsWith("plugins/")
  ) return "edge";
  if (path.startsWith("core/")) return "domain";
  return "other";
}

/** One import that crosses the wall the wrong way. */
export interface BackEdge {
  from: string;
  to: string;
}

/** Every import from a domain module into an edge module (or an edge-only package). */
export function findBackEdges(
  graph: ModuleGraph,
  wing: (path: string) => Wing = wingOf,
): BackEdge[] {
  const found: BackEdge[] = [];
  for (const [from, imports] of graph) {
    if (wing(from) !== "domain") continue;
    for (const to of imports) if (wing(to) === "edge") found.push({ from, to });
  }
  return found.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** An import rule: modules under `from` must not import modules under any of `to`. */
export interface ImportRule {
  from: string;
  to: readonly string[];
}

/** Every import that breaks one of `rules` (path prefixes), as {from, to} pairs. */
export function findForbidden(graph: ModuleGraph, rules: readonly ImportRule[]): BackEdge[] {
  const found: BackEdge[] = [];
  for (const [from, imports] of graph) {
    for (const rule of rules) {
      if (!from.startsWith(rule.from) || wingOf(from) === "test") continue;
      for (const to of imports) {
        if (rule.to.some((prefix) => to.startsWith(prefix))) found.push({ from, to });
      }
    }
  }
  return found.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/**
 * Every import cycle, one per strongly connected component (Tarjan), each as the path that
 * closes it: `["a.ts", "b.ts", "a.ts"]`. A module importing itself is a cycle too.
 */
export function findCycles(graph: ModuleGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfLoop = component.length === 1 && (graph.get(node) ?? []).includes(node);
    if (component.length > 1 || selfLoop) components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => cyclePath(graph, new Set(component)));
}

/** A closed path through `members` (one strongly connected component), from its first module. */
function cyclePath(graph: ModuleGraph, members: ReadonlySet<string>): string[] {
  const start = [...members].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  // Breadth-first from start back to start: the shortest cycle through it.
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

/** The longest chain of imports (modules on it), a measure of how deep the layers go. */
export function depth(graph: ModuleGraph): number {
  const memo = new Map<string, number>();
  const visit = (node: string, path: Set<string>): number => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    path.add(node);
    let deepest = 0;
    for (const target of graph.get(node) ?? []) {
      if (!path.has(target) && graph.has(target)) deepest = Math.max(deepest, visit(target, path));
    }
    path.delete(node);
    memo.set(node, deepest + 1);
    return deepest + 1;
  };
  let result = 0;
  for (const node of graph.keys()) result = Math.max(result, visit(node, new Set()));
  return result;
}

function npmPackage(specifier: string): string {
  const bare = specifier.replace(/^npm:\/?/, "");
  const parts = bare.split("/");
  const name = bare.startsWith("@") ? `${parts[0]}/${parts[1]!.split("@")[0]}` : parts[0]!;
  return `npm:${name.startsWith("@") ? name : name.split("@")[0]}`;
}

interface InfoDependency {
  code?: { specifier: string };
  type?: { specifier: string };
}

interface InfoModule {
  specifier: string;
  dependencies?: InfoDependency[];
}

/** Every `.ts` file under `folders` of `root` (relative paths), tests left out. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of Deno.readDirSync(`${root}/${relative}`)) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) files.push(path);
    }
  };
  for (const folder of folders) walk(folder);
  return files.sort();
}

/**
 * The module graph of `entries` (paths relative to `root`) and everything they import, as Deno
 * resolves it (`deno info --json`, with `root/deno.json` when there is one).
 */
export async function loadModuleGraph(
  root: string,
  entries: readonly string[],
): Promise<ModuleGraph> {
  const dir = await Deno.makeTempDir({ prefix: "module-graph-" });
  try {
    const entry = `${dir}/entry.ts`;
    const lines = entries.map((path) => `import "${new URL(`file://${root}/${path}`).href}";`);
    await Deno.writeTextFile(entry, lines.join("\n") + "\n");
    const config = `${root}/deno.json`;
    const hasConfig = await Deno.stat(config).then(() => true, () => false);
    // Test support under core/ and the dashboard's sources import packages that only the tests'
    // lockfile pins (deno.lock holds what the server runs).
    const devLock = `${root}/tests/deno.lock`;
    const hasDevLock = await Deno.stat(devLock).then(() => true, () => false);
    const configArgs = hasConfig ? ["--config", config] : ["--no-config"];
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", ...configArgs, ...(hasDevLock ? [`--lock=${devLock}`] : []), entry],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!output.success) {
      throw new Error(`deno info failed: ${new TextDecoder().decode(output.stderr)}`);
    }
    const info = JSON.parse(new TextDecoder().decode(output.stdout)) as { modules: InfoModule[] };
    const prefix = new URL(`file://${root}/`).href;
    const local = (specifier: string): string | undefined => {
      if (specifier.startsWith(prefix)) return decodeURIComponent(specifier.slice(prefix.length));
      if (specifier.startsWith("npm:")) return npmPackage(specifier);
      return undefined;
    };
    const graph = new Map<string, string[]>();
    for (const module of info.modules) {
      const from = local(module.specifier);
      if (from === undefined || from.startsWith("npm:")) continue;
      const targets = new Set<string>();
      for (const dependency of module.dependencies ?? []) {
        for (const resolved of [dependency.code, dependency.type]) {
          const to = resolved ? local(resolved.specifier) : undefined;
          if (to !== undefined) targets.add(to);
        }
      }
      graph.set(from, [...targets].sort());
    }
    return graph;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * Copies `entry` (relative to `root`) and every local module it imports into `into`, keeping
 * their paths: a copy has its own module instances, so its own once-per-process state, and a
 * test may take files away beside it without moving the shipped ones other tests read.
 */
export async function copyModuleGraph(
  entry: string,
  options: { root: string; into: string },
): Promise<void> {
  const { into } = options;
  // loadModuleGraph joins with "/", so a root given as a folder URL's path loses its last slash.
  const root = options.root.replace(/\/+$/, "");
  const graph = await loadModuleGraph(root, [entry]);
  for (const path of graph.keys()) {
    await Deno.mkdir(join(into, dirname(path)), { recursive: true });
    await Deno.copyFile(join(root, path), join(into, path));
  }
}
