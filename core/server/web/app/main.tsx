/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * The dashboard: a Preact app with one page per part of the server, chosen by the URL's hash
 * (`#/chat`), so links and the back button work and the server serves one page. Built into
 * `../app.gen.js` by `deno task gen`.
 *
 * @module
 */
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { signal } from "@preact/signals";
import { adoptTokenFromAddress, needsToken, openWithToken, setToken } from "./api.ts";
import { ChatPage } from "./pages/chat.tsx";
import { ConversationsPage } from "./pages/conversations.tsx";
import { MemoryPage } from "./pages/memory.tsx";
import { PersonasPage } from "./pages/personas.tsx";
import { RelationshipsPage } from "./pages/relationships.tsx";
import { SimulationPage } from "./pages/simulation.tsx";
import { SystemPage } from "./pages/system.tsx";
import { attempt, loadPersonas, Status } from "./ui.tsx";

/** The pages, in menu order: hash, title, component. */
const PAGES = [
  ["personas", "Personas", PersonasPage],
  ["chat", "Chat", ChatPage],
  ["memory", "Memory", MemoryPage],
  ["relationships", "Relationships", RelationshipsPage],
  ["conversations", "Conversations", ConversationsPage],
  ["simulation", "Simulation", SimulationPage],
  ["system", "System", SystemPage],
] as const;

function pageOfHash(): string {
  const name = location.hash.replace(/^#\/?/, "");
  return PAGES.some(([hash]) => hash === name) ? name : "personas";
}

const page = signal(pageOfHash());
addEventListener("hashchange", () => page.value = pageOfHash());

function TokenForm() {
  const [value, setValue] = useState("");
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(value);
        location.reload();
      }}
      aria-labelledby="token-title"
    >
      <h2 id="token-title">This server needs its token</h2>
      <p>
        The server runs with{" "}
        <code>AUTH_TOKEN</code>. Enter it once; this tab keeps it until it closes.
      </p>
      <label for="token">Token</label>
      <input
        id="token"
        type="password"
        autocomplete="current-password"
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />
      <button type="submit">Continue</button>
    </form>
  );
}

function App() {
  const [error, setError] = useState<string | null>(null);
  const firstPage = useRef(true);
  useEffect(() => void attempt(setError, loadPersonas), []);
  useEffect(() => {
    const title = PAGES.find(([hash]) => hash === page.value)?.[1] ?? "";
    document.title = `${title} · persona-mcp`;
    // After a page change, focus moves to the new page (not on load: the skip link comes first).
    if (!firstPage.current) document.getElementById("page")?.focus();
    firstPage.current = false;
  }, [page.value]);
  const Page = PAGES.find(([hash]) => hash === page.value)?.[2] ?? PersonasPage;
  return (
    <>
      <a class="skip" href="#page">Skip to content</a>
      <header class="top">
        <h1>persona-mcp</h1>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map(([hash, title]) => (
              <li key={hash}>
                <a href={`#/${hash}`} aria-current={page.value === hash ? "page" : undefined}>
                  {title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="links">
          <a href="/api/docs">API</a>
          <a href="/metrics" onClick={(event) => openWithToken(event, "/metrics")}>Metrics</a>
        </div>
      </header>
      <main id="page" tabIndex={-1}>
        {needsToken.value ? <TokenForm /> : (
          <>
            <Status error={error} />
            <Page />
          </>
        )}
      </main>
    </>
  );
}

adoptTokenFromAddress();
const root = document.getElementById("app")!;
root.textContent = ""; // the "Loading" line the page shows until this script runs
render(<App />, root);
