/**
 * The Chroma server process itself: loads the native server from
 * `npm:chromadb-js-bindings-linux-x64-gnu@1.0.1` (server 1.0.0, the last build that runs on
 * Debian 12's glibc) and serves until killed. Started by `chroma_server.ts`, never imported.
 *
 * The package (about 230 MB) is out of the server's module graph on purpose: a variable
 * specifier keeps `deno check` from resolving it into `deno.lock`, and this file runs with
 * `--no-config` and its own lockfile (`chroma_serve.lock`), since Deno installs every package
 * of the default lockfile on each start. See {@linkcode chromaServeArgs}.
 *
 *   deno run <chromaServeArgs> --path DIR --port N   # serve
 *   deno run <chromaServeArgs> --fetch               # fetch the package, then exit (CI)
 *
 * @module
 */
import { createRequire } from "node:module";

/** The npm package of the Chroma server. */
export const CHROMA_BINDINGS = "npm:chromadb-js-bindings-linux-x64-gnu@1.0.1";

/** Permissions and lockfile of this file's process, then the file itself (for `deno run`). */
export function chromaServeArgs(): string[] {
  return [
    "--no-config",
    "--frozen",
    `--lock=${new URL("./chroma_serve.lock", import.meta.url).pathname}`,
    "--allow-ffi",
    "--allow-read",
    "--allow-write",
    "--allow-env",
    "--allow-net",
    "--allow-sys",
    new URL(import.meta.url).pathname,
  ];
}

/** Loads the bindings (fetching them into Deno's cache the first time); returns the addon path. */
async function bindingsMain(): Promise<string> {
  const manifest = `${CHROMA_BINDINGS}/package.json`;
  const pkg = await import(manifest, { with: { type: "json" } });
  return new URL(pkg.default.main, import.meta.resolve(manifest)).pathname;
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

if (import.meta.main) {
  const addonPath = await bindingsMain();
  if (!Deno.args.includes("--fetch")) {
    const path = flag(Deno.args, "path") ?? "chroma";
    const port = flag(Deno.args, "port") ?? "8000";
    // `require` by file path: the addon is native code, loaded as Node would load it.
    const addon = createRequire(import.meta.url)(addonPath);
    addon.cli(["chroma", "run", "--path", path, "--port", port]);
  }
}
