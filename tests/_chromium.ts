/**
 * Headless Chromium driven over the Chrome DevTools Protocol with Deno's own WebSocket (no npm
 * dependency): launch it on a free debugging port, open a page, collect script errors, evaluate
 * expressions and take screenshots. Chromium is Debian's `chromium` package (`.ci/run` installs
 * it); CHROMIUM_PATH points to another binary.
 *
 * @module
 */

/** Candidate binaries, in order. */
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium binary, or a clear error saying how to get one. */
export function chromiumPath(): string {
  const configured = Deno.env.get("CHROMIUM_PATH");
  for (const path of configured ? [configured] : CANDIDATES) {
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch {
      // Not there; try the next one.
    }
  }
  throw new Error(
    `Chromium not found (${
      configured ?? CANDIDATES.join(", ")
    }): run "apt-get install -y chromium" (bash .ci/run does) or set CHROMIUM_PATH`,
  );
}

/** Runs `work` with a deadline; the timer is always cleared (Deno's sanitizers stay green). */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Chromium: ${what} took over ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

/** A page (a flattened CDP session) and what it reported. */
export interface CdpPage {
  /** Exceptions and console/log errors seen so far. */
  readonly errors: string[];
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Navigates and resolves when the load event fired. */
  navigate(url: string): Promise<void>;
  /** Evaluates `expression` in the page and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG screenshot of the whole page. */
  screenshot(): Promise<Uint8Array>;
}

/** A running headless Chromium. Always `close()` it in `finally`. */
export class Chromium {
  readonly #child: Deno.ChildProcess;
  readonly #socket: WebSocket;
  readonly #profile: string;
  readonly #drain: Promise<void>;
  readonly #pending = new Map<number, (message: CdpMessage) => void>();
  readonly #listeners: Array<(message: CdpMessage) => void> = [];
  #nextId = 1;

  private constructor(
    child: Deno.ChildProcess,
    socket: WebSocket,
    profile: string,
    drain: Promise<void>,
  ) {
    this.#child = child;
    this.#socket = socket;
    this.#profile = profile;
    this.#drain = drain;
    // A closed connection answers every open command, so nothing waits for its timeout.
    socket.addEventListener("close", () => {
      for (const [id, answer] of this.#pending) answer({ id, error: { message: "closed" } });
      this.#pending.clear();
    });
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data as string) as CdpMessage;
      if (message.id !== undefined) {
        this.#pending.get(message.id)?.(message);
        this.#pending.delete(message.id);
      } else this.#listeners.forEach((listen) => listen(message));
    });
  }

  /** Starts Chromium with a fresh profile and connects to its DevTools endpoint. */
  static async launch(): Promise<Chromium> {
    const profile = await Deno.makeTempDir({ prefix: "persona-chromium-" });
    const child = new Deno.Command(chromiumPath(), {
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${profile}`,
        "--remote-debugging-port=0",
        "about:blank",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    let url: string | undefined;
    const found = (async () => {
      while (!url) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`Chromium exited before DevTools listened:\n${text}`);
        text += value;
        url = /DevTools listening on (ws:\/\/\S+)/.exec(text)?.[1];
      }
      return url;
    })();
    try {
      await within(30_000, "starting", found);
    } catch (error) {
      child.kill("SIGKILL");
      await child.status;
      await reader.cancel();
      await Deno.remove(profile, { recursive: true });
      throw error;
    }
    // Keep reading stderr so Chromium never blocks on a full pipe.
    const drain = (async () => {
      while (!(await reader.read()).done) { /* discard */ }
    })();
    const socket = new WebSocket(url!);
    await within(
      10_000,
      "connecting",
      new Promise((resolve, reject) => {
        socket.addEventListener("open", resolve, { once: true });
        socket.addEventListener("error", () => reject(new Error("cannot reach DevTools")), {
          once: true,
        });
      }),
    );
    return new Chromium(child, socket, profile, drain);
  }

  #send(method: string, params: Record<string, unknown>, sessionId?: string) {
    const id = this.#nextId++;
    const answer = new Promise<CdpMessage>((resolve) => this.#pending.set(id, resolve));
    this.#socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return within(30_000, method, answer).then((message) => {
      if (message.error) throw new Error(`${method}: ${message.error.message}`);
      return message.result ?? {};
    });
  }

  /** Opens a new page with a viewport of `width` × `height`. */
  async openPage(width = 1200, height = 900): Promise<CdpPage> {
    const { targetId } = await this.#send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.#send("Target.attachToTarget", { targetId, flatten: true });
    const session = sessionId as string;
    const errors: string[] = [];
    const loads: Array<() => void> = [];
    this.#listeners.push((message) => {
      if (message.sessionId !== session || !message.method) return;
      const p = message.params ?? {};
      if (message.method === "Page.loadEventFired") loads.splice(0).forEach((wake) => wake());
      if (message.method === "Runtime.exceptionThrown") {
        const details = p.exceptionDetails as {
          text: string;
          exception?: { description?: string };
        };
        errors.push(`exception: ${details.exception?.description ?? details.text}`);
      }
      if (message.method === "Runtime.consoleAPICalled" && p.type === "error") {
        errors.push(`console.error: ${JSON.stringify(p.args)}`);
      }
      const entry = p.entry as { level?: string; text?: string } | undefined;
      if (message.method === "Log.entryAdded" && entry?.level === "error") {
        errors.push(`log: ${entry.text}`);
      }
    });
    const send = (method: string, params: Record<string, unknown> = {}) =>
      this.#send(method, params, session);
    for (const domain of ["Page", "Runtime", "Log"]) await send(`${domain}.enable`);
    await send("Emulation.setDeviceMetricsOverride", {
      width,
      height,
      deviceScaleFactor: 1,
      mobile: false,
    });
    return {
      errors,
      send,
      async navigate(url) {
        const loaded = new Promise<void>((resolve) => loads.push(resolve));
        const result = await send("Page.navigate", { url });
        if (result.errorText) throw new Error(`navigating to ${url}: ${result.errorText}`);
        await within(30_000, "loading the page", loaded);
      },
      async evaluate<T>(expression: string) {
        const result = await send("Runtime.evaluate", { expression, returnByValue: true });
        if (result.exceptionDetails) throw new Error(`evaluating ${expression} threw`);
        return (result.result as { value: T }).value;
      },
      async screenshot() {
        const { data } = await send("Page.captureScreenshot", {
          format: "png",
          captureBeyondViewport: true,
        });
        return Uint8Array.from(atob(data as string), (c) => c.charCodeAt(0));
      },
    };
  }

  /** Closes the browser, the socket and the pipes, and removes the profile. */
  async close(): Promise<void> {
    await this.#send("Browser.close", {}).catch(() => {});
    if (this.#socket.readyState !== WebSocket.CLOSED) {
      const closed = new Promise((resolve) => this.#socket.addEventListener("close", resolve));
      this.#socket.close();
      await closed;
    }
    const exited = await within(10_000, "exiting", this.#child.status).catch(() => null);
    if (!exited) {
      this.#child.kill("SIGKILL");
      await this.#child.status;
    }
    await this.#drain;
    await Deno.remove(this.#profile, { recursive: true }).catch(() => {});
  }
}
