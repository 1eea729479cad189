/**
 * nginx (Debian's package) as the load balancer in front of persona-mcp nodes: one port for
 * `/mcp` (WebSocket JSON-RPC upgrades and MCP Streamable HTTP) and one for the REST API.
 * `deno task cluster` writes this configuration and runs nginx with it; the cluster page
 * (`core/storage/README.md`, "A deployment") shows it for three nodes.
 *
 * Routing:
 * - A client stays on one node while that node is up (consistent hash of its session id:
 *   `Mcp-Session-Id` on `/mcp`, `X-Session-Id` on REST; without one, of its address), so it reads
 *   its own writes at once: another node may serve a cached persona up to 100 ms behind
 *   (`CHANGE_CHECK_MS`). Sessions live in PostgreSQL, so a client whose node goes down goes on
 *   with its session on another node.
 * - WebSocket upgrades go to the node with the fewest connections, through an upstream of their
 *   own that never marks a node down: a node at MAX_CONNECTIONS refuses an upgrade with 503,
 *   which nginx passes on to the next node, and a burst of such refusals must not take the nodes
 *   out of the Streamable HTTP upstream.
 * - nginx sends the client's address (`X-Forwarded-For`, `X-Real-IP`): set the nodes'
 *   TRUSTED_PROXIES to nginx's address so that rate limits count each client, not nginx.
 *
 * @module
 */

/** One node's two ports. */
export interface NodeAddress {
  host: string;
  serverPort: number;
  apiPort: number;
}

/** What the configuration is made of. */
export interface NginxLayout {
  /** nginx's prefix folder: pid file, logs and temporary files go there. */
  dir: string;
  /** Where clients connect: the `/mcp` port and the REST port. */
  listen: { host: string; serverPort: number; apiPort: number };
  nodes: readonly NodeAddress[];
}

/**
 * An upstream of `servers` spread by `balance`. A server that fails `maxFails` times within
 * 2 s is left out for 2 s; 0 never leaves it out (nginx then tries it first each time).
 */
function upstream(
  name: string,
  servers: string[],
  { balance, maxFails, keepalive }: { balance: string; maxFails: number; keepalive: boolean },
): string {
  return [
    `  upstream ${name} {`,
    `    ${balance};`,
    ...servers.map((server) => `    server ${server} max_fails=${maxFails} fail_timeout=2s;`),
    ...(keepalive ? ["    keepalive 32;"] : []),
    "  }",
  ].join("\n");
}

/** The proxy settings both servers share: streaming answers pass through unbuffered. */
const PROXY = `      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      # The client's address, believed by nodes whose TRUSTED_PROXIES names this nginx.
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      # A node that is down (killed, restarting) is skipped; a request it already took fails.
      proxy_next_upstream error timeout http_502 http_503;`;

/** nginx.conf for `layout`. */
export function nginxConfig(layout: NginxLayout): string {
  const { dir, listen, nodes } = layout;
  const mcp = nodes.map((node) => `${node.host}:${node.serverPort}`);
  const api = nodes.map((node) => `${node.host}:${node.apiPort}`);
  return `# persona-mcp behind nginx: ${nodes.length} nodes, one PostgreSQL (see core/storage/README.md)
# A real deployment also needs, on every node: AUTH_TOKEN, ALLOWED_HOSTS=<the public name>
# (nginx passes the client's Host) and TRUSTED_PROXIES=<this nginx's address>.
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
daemon off;

events {
  worker_connections 1024;
}

http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # Card and bundle uploads can be large (CARD_MAX_BYTES); the nodes enforce the real limits.
  client_max_body_size 32m;

  map $http_upgrade $connection_upgrade {
    default upgrade;
    "" "";
  }

  # WebSocket upgrades and Streamable HTTP requests to /mcp go to different upstreams.
  map $http_upgrade $mcp_upstream {
    default persona_ws;
    "" persona_mcp;
  }

  # Which node a client stays on: by its session, else by its address.
  map $http_mcp_session_id $mcp_client {
    default $http_mcp_session_id;
    "" $remote_addr;
  }
  map $http_x_session_id $api_client {
    default $http_x_session_id;
    "" $remote_addr;
  }

${
    upstream("persona_mcp", mcp, {
      balance: "hash $mcp_client consistent",
      maxFails: 3,
      keepalive: true,
    })
  }

  # A refused upgrade (503: the node is at MAX_CONNECTIONS) is passed on, never counted.
${upstream("persona_ws", mcp, { balance: "least_conn", maxFails: 0, keepalive: false })}

${
    upstream("persona_api", api, {
      balance: "hash $api_client consistent",
      maxFails: 3,
      keepalive: true,
    })
  }

  # WebSocket JSON-RPC and MCP Streamable HTTP.
  server {
    listen ${listen.host}:${listen.serverPort};
    location / {
      proxy_pass http://$mcp_upstream;
${PROXY}
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
    }
  }

  # The REST PersonaAPI.
  server {
    listen ${listen.host}:${listen.apiPort};
    location / {
      proxy_pass http://persona_api;
${PROXY}
      proxy_set_header Connection "";
    }
  }
}
`;
}

/** Where Debian's nginx is, or null. */
export function nginxBinary(): string | null {
  for (const path of ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]) {
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch {
      // not there
    }
  }
  return null;
}

/** A running nginx. */
export interface RunningNginx {
  /** Stops it (QUIT: connections end gracefully) and waits. */
  stop(): Promise<void>;
}

/** Writes the configuration of `layout` into its folder and runs nginx in the foreground. */
export async function startNginx(layout: NginxLayout): Promise<RunningNginx> {
  const binary = nginxBinary();
  if (!binary) throw new Error("nginx is not installed (Debian: apt-get install -y nginx)");
  for (const sub of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    await Deno.mkdir(`${layout.dir}/${sub}`, { recursive: true });
    // Workers run as an unprivileged user when nginx starts as root.
    await Deno.chmod(`${layout.dir}/${sub}`, 0o777);
  }
  const config = `${layout.dir}/nginx.conf`;
  await Deno.writeTextFile(config, nginxConfig(layout));
  const check = await new Deno.Command(binary, {
    args: ["-t", "-q", "-p", layout.dir, "-c", config],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!check.success) {
    throw new Error(`nginx refused the configuration: ${new TextDecoder().decode(check.stderr)}`);
  }
  const child = new Deno.Command(binary, {
    args: ["-p", layout.dir, "-c", config],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  await waitForPort(layout.listen.host, layout.listen.apiPort);
  await waitForPort(layout.listen.host, layout.listen.serverPort);
  return {
    async stop() {
      try {
        child.kill("SIGQUIT");
      } catch {
        // Already gone.
      }
      await child.status;
    },
  };
}

async function waitForPort(hostname: string, port: number): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    try {
      (await Deno.connect({ hostname, port })).close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nothing listens on ${hostname}:${port}`);
}
