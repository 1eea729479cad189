/**
 * A PostgreSQL server of one's own, from the installed binaries (Debian's `postgresql-15`):
 * `initdb` into a folder (kept, so a second start finds its data) and `pg_ctl start` on a free
 * port of 127.0.0.1. PostgreSQL refuses to run as root, so as root both run as the `postgres`
 * user (`runuser`). `deno task cluster` runs one; tests run one when CI has not started one.
 *
 * @module
 */

/** Where the binaries are: PG_BIN, else the newest /usr/lib/postgresql/<n>/bin with initdb. */
export function postgresBinaries(): string | null {
  const fromEnv = Deno.env.get("PG_BIN");
  const candidates = fromEnv
    ? [fromEnv]
    : ["17", "16", "15", "14"].map((version) => `/usr/lib/postgresql/${version}/bin`);
  for (const dir of candidates) {
    try {
      if (Deno.statSync(`${dir}/initdb`).isFile) return dir;
    } catch {
      // not this one
    }
  }
  return null;
}

/** A running server. */
export interface LocalPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication on loopback). */
  url: string;
  port: number;
  /** Stops the server (fast shutdown); the data folder stays. */
  stop(): Promise<void>;
}

async function run(command: string[], options: { quiet?: boolean } = {}): Promise<string> {
  const [program, ...args] = command;
  const output = await new Deno.Command(program!, { args, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  if (!output.success && !options.quiet) {
    throw new Error(`${command.slice(0, 2).join(" ")} failed: ${text.trim().slice(-600)}`);
  }
  return text;
}

/** A free TCP port on 127.0.0.1 (free when asked; another process could still take it). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/**
 * Starts PostgreSQL with its data in `dir/data` (created by `initdb` when missing), its socket
 * and log in `dir`, on `options.port` (a free one by default). Tuned for throwaway use when
 * `options.durable` is false: no fsync.
 */
export async function startLocalPostgres(
  dir: string,
  options: { port?: number; durable?: boolean; maxConnections?: number } = {},
): Promise<LocalPostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error("No PostgreSQL binaries (set PG_BIN, or install postgresql-15)");
  const asUser = Deno.uid() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  await Deno.mkdir(dir, { recursive: true });
  if (asUser.length > 0) await run(["chown", "-R", "postgres", dir]);
  const data = `${dir}/data`;
  const fresh = await Deno.stat(`${data}/PG_VERSION`).then(() => false, () => true);
  if (fresh) {
    await run([
      ...asUser,
      `${bin}/initdb`,
      "-D",
      data,
      "-A",
      "trust",
      "-U",
      "postgres",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
  }
  const port = options.port ?? freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    `-c max_connections=${options.maxConnections ?? 300}`,
    ...(options.durable
      ? []
      : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
  ].join(" ");
  await run([
    ...asUser,
    `${bin}/pg_ctl`,
    "-D",
    data,
    "-o",
    settings,
    "-l",
    `${dir}/server.log`,
    "-w",
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await run([...asUser, `${bin}/pg_ctl`, "-D", data, "-m", "fast", "-w", "stop"], {
        quiet: true,
      });
    },
  };
}
