/**
 * `deno task chat [persona]`: a terminal chat over the server's WebSocket. Replies stream as the
 * model writes them; Ctrl-C cancels the reply in flight (and quits at the prompt). Commands:
 * `/switch NAME`, `/history [N]`, `/memory QUERY`, `/help`, `/quit`. The server is found
 * through PERSONA_WS (default `ws://127.0.0.1:8000/mcp`); AUTH_TOKEN is sent when set.
 *
 * @module
 */
import { ChatClient } from "./client.ts";

const HELP = "Commands: /switch NAME · /history [N] · /memory QUERY · /help · /quit. " +
  "Ctrl-C cancels a reply; at the prompt it quits.";

/** What `deno task chat --help` prints. */
export const USAGE = `Usage: deno task chat [PERSONA]

Chats in the terminal with PERSONA (a name in any case, or an id; the first persona when left
out), over the server's WebSocket: start the server first (deno task start).

Environment:
  PERSONA_WS   the server's WebSocket (default ws://127.0.0.1:8000/mcp, or SERVER_PORT's)
  AUTH_TOKEN   the server's bearer token, when it has one

${HELP}`;

const encoder = new TextEncoder();
function write(text: string): void {
  Deno.stdout.writeSync(encoder.encode(text));
}

/** `url` with its `token` query value hidden: the token is never printed. */
export function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.searchParams.has("token")) parsed.searchParams.set("token", "***");
  return parsed.toString();
}

/**
 * Why the WebSocket at `url` did not open, as one line: the same URL asked over HTTP tells a
 * refused token (401) or origin (403) from a server that does not answer.
 */
export async function connectFailure(url: string): Promise<string> {
  const http = new URL(url);
  http.protocol = http.protocol === "wss:" ? "https:" : "http:";
  let status: number | undefined;
  try {
    const answer = await fetch(http, {
      headers: { Accept: "application/json" },
      signal: AbortSignal.timeout(5_000),
    });
    await answer.body?.cancel();
    status = answer.status;
  } catch {
    status = undefined;
  }
  const shown = redacted(url);
  if (status === 401) {
    return `chat: the server at ${shown} refused the token (401): set AUTH_TOKEN to the server's token`;
  }
  if (status === 403) return `chat: the server at ${shown} refused this client (403)`;
  return `chat: cannot connect to ${shown}; is the server running (deno task start)?`;
}

/** The WebSocket URL from PERSONA_WS (or SERVER_PORT), with AUTH_TOKEN as `?token=`. */
export function serverUrl(env: { get(name: string): string | undefined }): string {
  const base = env.get("PERSONA_WS") ?? `ws://127.0.0.1:${env.get("SERVER_PORT") ?? "8000"}/mcp`;
  const token = env.get("AUTH_TOKEN");
  if (!token) return base;
  const url = new URL(base);
  url.searchParams.set("token", token);
  return url.toString();
}

async function* lines(): AsyncGenerator<string> {
  const reader = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n")) >= 0) {
      yield buffer.slice(0, end).replace(/\r$/, "");
      buffer = buffer.slice(end + 1);
    }
  }
  if (buffer.trim()) yield buffer;
}

/** How long after a cancel a SIGINT is taken for a copy of the Ctrl-C that cancelled. */
export const DUPLICATE_MS = 1000;

/**
 * What a SIGINT does. One Ctrl-C can reach the chat as several SIGINTs: `deno task` forwards each
 * one it gets twice, and a terminal also sends it to the chat directly. Under load the copies
 * arrive apart, the last after the cancelled reply has ended; so for {@linkcode DUPLICATE_MS}
 * after a cancel (or until the next line is typed) a SIGINT does nothing, instead of quitting the
 * chat. A Ctrl-C pressed later at the prompt quits, as it does before any cancel.
 */
export class CtrlC {
  /** When the last cancel was, if its copies may still arrive. */
  #cancelledAt: number | null = null;
  readonly #now: () => number;

  /** `now`: the clock, in ms (tests pass their own). */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** What this SIGINT does, given whether a reply is being written. */
  action(replying: boolean): "cancel" | "quit" | "ignore" {
    const now = this.#now();
    if (this.#cancelledAt !== null && now - this.#cancelledAt < DUPLICATE_MS) return "ignore";
    this.#cancelledAt = null;
    if (!replying) return "quit";
    this.#cancelledAt = now;
    return "cancel";
  }

  /** A line was typed: Ctrl-C cancels or quits again. */
  typed(): void {
    this.#cancelledAt = null;
  }
}

/** Runs the chat; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const option = args.find((arg) => arg.startsWith("-"));
  if (option !== undefined || args.length > 1) {
    console.error(`chat: unexpected ${option ?? `"${args[1]}"`}; deno task chat --help tells how`);
    return 2;
  }
  let client: ChatClient;
  const url = serverUrl(Deno.env);
  try {
    client = await ChatClient.connect(url);
  } catch {
    console.error(await connectFailure(url));
    return 1;
  }
  const quit = () => {
    client.close();
    Deno.exit(0);
  };
  const ctrlC = new CtrlC();
  Deno.addSignalListener("SIGINT", () => {
    const action = ctrlC.action(client.replying);
    if (action === "cancel") {
      void client.cancel();
      write("\n[cancelled]\n");
    } else if (action === "quit") quit();
  });
  let persona: string;
  try {
    persona = await client.start(args[0]);
  } catch (error) {
    console.error(`chat: ${(error as Error).message}`);
    client.close();
    return 1;
  }
  const greet = () => {
    if (client.greeting) write(`${client.personaName}> ${client.greeting}\n`);
  };
  try {
    write(`Talking to ${persona}. ${HELP}\n`);
    greet();
    const prompt = () => write(`you> `);
    prompt();
    for await (const line of lines()) {
      ctrlC.typed();
      const text = line.trim();
      try {
        if (text === "/quit" || text === "/exit") break;
        else if (text === "/help") write(`${HELP}\n`);
        else if (text.startsWith("/switch")) {
          write(`Now talking to ${await client.switchTo(text.slice(7).trim())}.\n`);
          greet();
        } else if (text.startsWith("/history")) {
          write(await client.history(Number(text.slice(8).trim()) || 10));
        } else if (text.startsWith("/memory")) write(await client.memories(text.slice(7).trim()));
        else if (text.startsWith("/")) write(`Unknown command ${text.split(" ")[0]}. ${HELP}\n`);
        else if (text !== "") {
          write(`${client.personaName}> `);
          const done = await client.send(text, write);
          if (done) write(`\n  (${done})\n`);
        }
      } catch (error) {
        write(`\n[error] ${(error as Error).message}\n`);
      }
      prompt();
    }
    write("\n");
    return 0;
  } finally {
    client.close();
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
