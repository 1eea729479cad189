/**
 * `deno task cluster`: persona-mcp as a cluster on one machine, for trying it: a PostgreSQL of its
 * own (data kept in `DATA_DIR/cluster/postgres`), one Chroma server (`DATA_DIR/cluster/chroma`),
 * three nodes (`main.ts` with STORAGE=postgres) and nginx in front of them on the usual ports
 * (SERVER_PORT for `/mcp`, API_PORT for REST). Settings in the environment or `.env` reach every
 * node (OLLAMA_HOST, DEFAULT_MODEL, ...). Ctrl-C stops everything; the data stays.
 *
 *     deno task cluster [--nodes 3] [--memory-backend chroma|pgvector] [--database-url URL]
 *
 * @module
 */
import { parseDotenv } from "../config.ts";
import { startChromaServer } from "../memory/chroma_server.ts";
import { PostgresDatabase } from "../storage/postgres.ts";
import { freePort, startLocalPostgres } from "./local_postgres.ts";
import { type NodeAddress, startNginx } from "./nginx.ts";

/** What a cluster is made of. */
export interface LocalClusterOptions {
  /** Where PostgreSQL, Chroma, nginx and the nodes keep their files. */
  dir: string;
  nodes: number;
  /** An existing database; by default a PostgreSQL started in `dir/postgres`. */
  databaseUrl?: string;
  /** `chroma` (a Chroma server started in `dir/chroma`) or `pgvector` (the extension needed). */
  memoryBackend: "chroma" | "pgvector";
  /** Where clients connect (nginx). */
  listen: { host: string; serverPort: number; apiPort: number };
  /** Settings every node gets. */
  env: Record<string, string>;
  /** The entry point each node runs. */
  entry: string;
}

/** A node process. */
export interface NodeProcess {
  id: string;
  address: NodeAddress;
  /** Stops the node (SIGTERM). */
  stop(): Promise<void>;
}

/** A running cluster. */
export interface LocalCluster {
  nodes: NodeProcess[];
  databaseUrl: string;
  wsUrl: string;
  apiUrl: string;
  stop(): Promise<void>;
}

/** Starts one node; resolves once its ready line names its ports. */
export async function startNode(
  entry: string,
  env: Record<string, string>,
  logFile: string,
): Promise<NodeProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    // The permissions of `deno task start`.
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-write",
      "--allow-ffi",
      "--allow-sys",
      entry,
    ],
    env: { SERVER_PORT: "0", API_PORT: "0", ...env },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const log = await Deno.open(logFile, { create: true, append: true });
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  const ready =
    /READY persona-mcp \S+ websocket=ws:\/\/([^:/]+):(\d+)\/mcp rest=http:\/\/[^:/]+:(\d+)/;
  let text = "";
  let match: RegExpExecArray | null = null;
  while (!match) {
    const { value, done } = await reader.read();
    if (done) {
      log.close();
      throw new Error(`node ${env.NODE_ID} exited before it was ready:\n${text.slice(-2000)}`);
    }
    text += value;
    await log.write(new TextEncoder().encode(value));
    match = ready.exec(text);
  }
  const drained = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      await log.write(new TextEncoder().encode(value));
    }
    log.close();
  })();
  return {
    id: env.NODE_ID ?? "",
    address: { host: match[1]!, serverPort: Number(match[2]), apiPort: Number(match[3]) },
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      await child.status;
      await drained;
    },
  };
}

/** The database `persona` on a local server, made when missing. */
async function personaDatabase(serverUrl: string): Promise<string> {
  const admin = new PostgresDatabase({
    url: serverUrl,
    poolSize: 1,
    idleTimeoutS: 0,
    connectTimeoutS: 10,
  });
  try {
    const exists = await admin.get("SELECT 1 AS one FROM pg_database WHERE datname = 'persona'");
    if (!exists) await admin.exec("CREATE DATABASE persona");
  } finally {
    await admin.close();
  }
  return serverUrl.replace(/\/postgres$/, "/persona");
}

/** Starts PostgreSQL (unless given), Chroma (for `chroma`), the nodes and nginx. */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
  };
  try {
    await Deno.mkdir(options.dir, { recursive: true });
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const postgres = await startLocalPostgres(`${options.dir}/postgres`, { durable: true });
      stops.push(postgres.stop);
      databaseUrl = await personaDatabase(postgres.url);
    }
    const env: Record<string, string> = {
      // nginx runs here, on loopback: its X-Forwarded-For names the client rate limits count.
      TRUSTED_PROXIES: "127.0.0.1",
      ...options.env,
      STORAGE: "postgres",
      DATABASE_URL: databaseUrl,
      MEMORY_BACKEND: options.memoryBackend,
      DATA_DIR: options.dir,
    };
    if (options.memoryBackend === "chroma") {
      const chroma = await startChromaServer({ path: `${options.dir}/chroma`, port: freePort() });
      stops.push(chroma.stop);
      env.CHROMA_URL = chroma.url;
    }
    // The first node migrates a fresh database; the others then find it ready.
    const nodes: NodeProcess[] = [];
    for (let i = 1; i <= options.nodes; i++) {
      const node = await startNode(
        options.entry,
        { ...env, NODE_ID: `node-${i}` },
        `${options.dir}/node-${i}.log`,
      );
      nodes.push(node);
      stops.push(node.stop);
    }
    const nginx = await startNginx({
      dir: `${options.dir}/nginx`,
      listen: options.listen,
      nodes: nodes.map((node) => node.address),
    });
    stops.push(nginx.stop);
    const { host, serverPort, apiPort } = options.listen;
    return {
      nodes,
      databaseUrl,
      wsUrl: `ws://${host}:${serverPort}/mcp`,
      apiUrl: `http://${host}:${apiPort}/api`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : args.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
}

async function main(): Promise<void> {
  const args = Deno.args;
  const env = {
    ...parseDotenv(await Deno.readTextFile(".env").catch(() => "")),
    ...Deno.env.toObject(),
  };
  const backend = flag(args, "memory-backend") ?? "chroma";
  if (backend !== "chroma" && backend !== "pgvector") {
    throw new Error("--memory-backend is chroma or pgvector");
  }
  const nodes = Number(flag(args, "nodes") ?? "3");
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 16) throw new Error("--nodes is 1 to 16");
  const dataDir = env.DATA_DIR ?? "data";
  const dir = `${dataDir.startsWith("/") ? dataDir : `${Deno.cwd()}/${dataDir}`}/cluster`;
  const nodeEnv = Object.fromEntries(
    Object.entries(env).filter(([name]) => !["SERVER_PORT", "API_PORT", "DATA_DIR"].includes(name)),
  );
  const cluster = await startLocalCluster({
    dir,
    nodes,
    databaseUrl: flag(args, "database-url"),
    memoryBackend: backend,
    listen: {
      host: env.SERVER_HOST ?? "127.0.0.1",
      serverPort: Number(env.SERVER_PORT ?? 8000),
      apiPort: Number(env.API_PORT ?? 8080),
    },
    env: nodeEnv,
    entry: new URL("../../main.ts", import.meta.url).pathname,
  });
  console.error(
    `READY persona-mcp cluster of ${nodes} nodes websocket=${cluster.wsUrl} rest=${cluster.apiUrl} ` +
      `database=${cluster.databaseUrl} logs=${dir}/node-*.log`,
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) Deno.exit(1);
    stopping = true;
    await cluster.stop();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", shutdown);
  Deno.addSignalListener("SIGTERM", shutdown);
}

if (import.meta.main) {
  await main().catch((error) => {
    console.error(`persona-mcp cluster: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  });
}
