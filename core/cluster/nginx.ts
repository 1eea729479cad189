/**
 * nginx (Debian's package) as the load balancer in front of persona-mcp nodes: one port for
 * `/mcp` (WebSocket JSON-RPC upgrades and MCP Streamable HTTP) and one for the REST API, each
 * spreading requests over every node (least connections). No sticky routing: REST and
 * Streamable HTTP sessions live in PostgreSQL, and a WebSocket stays on the node it reached.
 * `deno task cluster` writes this configuration and runs nginx with it; the cluster page
 * (`core/cluster/README.md`) shows it for three nodes.
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

function upstream(name: string, servers: string[]): string {
  return [
    `  upstream ${name} {`,
    "    least_conn;",
    ...servers.map((server) => `    server ${server} max_fails=1 fail_timeout=2s;`),
    "    keepalive 32;",
    "  }",
  ].join("\n");
}

/** The proxy settings both servers share: streaming answers pass through unbuffered. */
const PROXY = `      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      # A node that is down (killed, restarting) is skipped; a request it already took fails.
      proxy_next_upstream error timeout http_502 http_503;`;

/** nginx.conf for `layout`. */
export function nginxConfig(layout: NginxLayout): string {
  const { dir, listen, nodes } = layout;
  return `# persona-mcp behind nginx: ${nodes.length} nodes, one PostgreSQL (see core/cluster/README.md)
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

${upstream("persona_mcp", nodes.map((node) => `${node.host}:${node.serverPort}`))}

${upstream("persona_api", nodes.map((node) => `${node.host}:${node.apiPort}`))}

  # WebSocket JSON-RPC and MCP Streamable HTTP.
  server {
    listen ${listen.host}:${listen.serverPort};
    location / {
      proxy_pass http://persona_mcp;
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
