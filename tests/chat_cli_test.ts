/**
 * The chat CLI driven through piped stdin, as a user would type: streaming replies, the
 * commands, and Ctrl-C (SIGINT) cancelling the reply in flight without quitting. The session is
 * started with `deno run` and the `chat` task's own flags: `deno task` forwards each SIGINT to its
 * child twice (flake19), which would make the test depend on how those copies race. That the
 * `deno task chat` entry itself runs is the last test's.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { REPO_ROOT, RpcClient, startTestServer } from "./_helpers.ts";
import { CtrlC } from "../core/server/chat_cli/main.ts";

/**
 * The `chat` task's command as deno.json has it (`deno run <flags> <script>`), without `deno`:
 * the test runs what the task runs, minus the task runner.
 */
function chatTaskArgs(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(`${REPO_ROOT}/deno.json`));
  const [deno, ...args] = String(config.tasks.chat).trim().split(/\s+/);
  assert.equal(deno, "deno");
  assert.equal(args[0], "run", "the chat task is one `deno run`");
  return args;
}

/** A running chat (the `chat` task's `deno run`) with what it printed so far. */
class ChatProcess {
  readonly #child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #read: Promise<void>;
  readonly #stderr: Promise<string>;
  #exit: Deno.CommandStatus | null = null;
  #waiters: Array<() => void> = [];
  output = "";

  constructor(wsUrl: string, args: string[]) {
    const child = new Deno.Command(Deno.execPath(), {
      args: [...chatTaskArgs(), ...args],
      cwd: REPO_ROOT,
      env: { PERSONA_WS: wsUrl, NO_COLOR: "1" },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#child = child;
    this.#writer = child.stdin.getWriter();
    this.#read = (async () => {
      for await (const text of child.stdout.pipeThrough(new TextDecoderStream())) {
        this.output += text;
        this.#waiters.splice(0).forEach((wake) => wake());
      }
    })();
    this.#stderr = new Response(child.stderr).text();
    child.status.then((status) => this.#exit = status);
  }

  async type(line: string): Promise<void> {
    await this.#writer.write(new TextEncoder().encode(`${line}\n`));
  }

  /** Resolves once the output (after `from`) matches `pattern`; fails after 20 s. */
  async waitFor(pattern: RegExp, from = 0): Promise<string> {
    const deadline = Date.now() + 20_000;
    while (!pattern.test(this.output.slice(from))) {
      const left = deadline - Date.now();
      if (left <= 0) {
        const exit = this.#exit ? `exited with ${JSON.stringify(this.#exit)}` : "still running";
        const stderr = this.#exit ? await this.#stderr : "(not read while running)";
        throw new Error(
          `no ${pattern} in:\n${this.output.slice(from)}\n(chat ${exit}; stderr: ${stderr})`,
        );
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
    }
    return this.output.slice(from);
  }

  interrupt(): void {
    this.#child.kill("SIGINT");
  }

  /** The exit status once the chat ends by itself (stdin left open); fails after 20 s. */
  async exited(): Promise<Deno.CommandStatus> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        this.#child.status,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("the chat is still running")), 20_000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async end(): Promise<{ code: number; stderr: string }> {
    await this.#writer.close().catch(() => {});
    const [status, stderr] = await Promise.all([
      this.#child.status,
      this.#stderr,
    ]);
    await this.#read;
    return { code: status.code, stderr };
  }
}

Deno.test("the chat streams replies, runs /switch, /history, /memory, and Ctrl-C cancels a reply", async () => {
  const fake = FakeOllama.start({ tokenDelayMs: 30 });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const chat = new ChatProcess(server.wsUrl, ["Aria"]);
  try {
    await chat.waitFor(/Talking to Aria\..*\nyou> $/s);

    // A reply streams: its first words are out before its last token was sent.
    let mark = chat.output.length;
    await chat.type("Tell me about the harbour");
    await chat.waitFor(/Aria> Well met!/, mark);
    assert.ok(!/What a tale that would make\./.test(chat.output.slice(mark)), "not all at once");
    await chat.waitFor(/What a tale that would make\.\n {2}\(\d+ tokens, \d+ ms\)\nyou> $/, mark);

    mark = chat.output.length;
    await chat.type("/memory harbour");
    await chat.waitFor(/- user said: Tell me about the harbour.*\(score \d\.\d\d/s, mark);

    mark = chat.output.length;
    await chat.type("/history");
    await chat.waitFor(/user: Tell me about the harbour\nAria: Well met!/, mark);

    mark = chat.output.length;
    await chat.type("/switch kira");
    await chat.waitFor(/Now talking to Kira\.\nyou> $/, mark);

    // Ctrl-C while Kira answers slowly: the reply stops, the chat goes on.
    fake.behavior.tokenDelayMs = 400;
    mark = chat.output.length;
    await chat.type("Read me a long passage");
    await chat.waitFor(/Kira> Well met!/, mark);
    chat.interrupt();
    await chat.waitFor(/\[cancelled\]\nyou> $/, mark);
    await fake.waitForAbandoned(1);
    assert.ok(!/What a tale/.test(chat.output.slice(mark)), "the rest of the reply never came");
    fake.behavior.tokenDelayMs = 0;

    mark = chat.output.length;
    await chat.type("/nonsense");
    await chat.waitFor(/Unknown command \/nonsense.*\nyou> $/s, mark);

    // Once a line was typed, Ctrl-C at the prompt quits (its input still open).
    chat.interrupt();
    assert.equal((await chat.exited()).code, 0);
    const { code, stderr } = await chat.end();
    assert.equal(code, 0, stderr);
  } finally {
    await chat.end().catch(() => {});
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("one Ctrl-C arriving as several SIGINTs cancels the reply and never quits the chat", () => {
  // `deno task` forwards each SIGINT to the chat twice (users start it so); under load the copy can land after the
  // cancelled reply has ended, when the chat is at its prompt again (CI of 6e95635: it quit).
  let now = 1_000_000;
  const ctrlC = new CtrlC(() => now);
  assert.equal(ctrlC.action(true), "cancel");
  now += 10;
  assert.equal(ctrlC.action(true), "ignore", "the copy while the cancel is in flight");
  now += 500;
  assert.equal(ctrlC.action(false), "ignore", "the copy after the reply ended");
  ctrlC.typed();
  assert.equal(ctrlC.action(true), "cancel", "the next reply can be cancelled");
  ctrlC.typed();
  assert.equal(ctrlC.action(false), "quit", "at the prompt after a typed line, Ctrl-C quits");
});

Deno.test("a Ctrl-C at the prompt a second after a cancel quits, without a line typed", () => {
  // One second, as core/server/web/README.md says (pinned here by value, not by DUPLICATE_MS).
  let now = 1_000_000;
  const ctrlC = new CtrlC(() => now);
  assert.equal(ctrlC.action(true), "cancel");
  now += 999;
  assert.equal(ctrlC.action(false), "ignore", "still a copy");
  now += 1;
  assert.equal(ctrlC.action(false), "quit", "a deliberate Ctrl-C");
  // A reply still being cancelled that long after: another Ctrl-C cancels it again.
  assert.equal(ctrlC.action(true), "cancel");
  now += 1_000;
  assert.equal(ctrlC.action(true), "cancel");
});

Deno.test("deno task chat says what to do when no server answers", async () => {
  const child = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "chat"],
    cwd: REPO_ROOT,
    env: { PERSONA_WS: "ws://127.0.0.1:9/mcp" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(child.code, 1);
  assert.match(new TextDecoder().decode(child.stderr), /cannot connect.*deno task start/);
});

Deno.test("chat --help prints usage; an unknown persona is one line listing the personas; a card's greeting is printed", async () => {
  for (const flag of ["--help", "-h"]) {
    const help = await new Deno.Command(Deno.execPath(), {
      args: [...chatTaskArgs(), flag],
      cwd: REPO_ROOT,
      env: { PERSONA_WS: "ws://127.0.0.1:9/mcp", NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(help.code, 0);
    const text = new TextDecoder().decode(help.stdout);
    assert.match(text, /^Usage: deno task chat \[PERSONA\]/);
    for (const word of ["PERSONA_WS", "AUTH_TOKEN", "/switch"]) assert.ok(text.includes(word));
  }
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  try {
    const unknown = new ChatProcess(server.wsUrl, ["Nobody"]);
    const { code, stderr } = await unknown.end();
    assert.equal(code, 1);
    assert.equal(stderr.trim(), 'chat: no persona named or with id "Nobody"; personas: Aria, Kira');

    const rpc = await RpcClient.connect(server.wsUrl);
    // The server's own message: a name was given, so it says names count too (newuser23 M3).
    const refused = await rpc.call("persona.switch", { persona_id: "Nobody" }).catch((e) => e);
    assert.equal(refused.message, 'Cannot find persona "Nobody": no persona has this id or name');
    await rpc.call("persona.create", {
      name: "Seraphina",
      first_mes: "*Seraphina smiles.* You're awake, {{user}}.",
    });
    await rpc.close();
    const chat = new ChatProcess(server.wsUrl, ["seraphina"]);
    await chat.waitFor(
      /Talking to Seraphina\..*\nSeraphina> \*Seraphina smiles\.\* You're awake, user\.\nyou> $/s,
    );
    const mark = chat.output.length;
    await chat.type("/switch Nobody");
    await chat.waitFor(
      /\[error\] no persona named or with id "Nobody"; personas: Aria, Kira, Seraphina/,
      mark,
    );
    await chat.end();
  } finally {
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("deno task chat never prints the token, and says when the server refused it", async () => {
  const server = await startTestServer({ AUTH_TOKEN: "right_token_0123456789abcdef" });
  try {
    for (const token of ["wrong_token_secret_xyz", undefined]) {
      const child = await new Deno.Command(Deno.execPath(), {
        args: ["task", "--quiet", "chat"],
        cwd: REPO_ROOT,
        env: { PERSONA_WS: server.wsUrl, ...(token ? { AUTH_TOKEN: token } : {}) },
        clearEnv: true,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder().decode(child.stderr) + new TextDecoder().decode(child.stdout);
      assert.equal(child.code, 1, text);
      assert.match(text, /refused the token \(401\): set AUTH_TOKEN/);
      assert.doesNotMatch(text, /is the server running/);
      assert.ok(!text.includes("wrong_token_secret_xyz"), text);
    }
  } finally {
    await server.shutdown();
  }
});
