/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * Memory: search (with each hit's score and its parts, `explain: true`), filter by
 * type and importance, store, edit and delete memories; statistics and an importance/age chart;
 * decay and prune with confirmation.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import type { Memory } from "../types.ts";
import { attempt, ConfirmDialog, currentPersonaId, fixed, PersonaPicker, Status } from "../ui.tsx";
import { ImportanceChart, MemoryRow } from "./memory_parts.tsx";

type Action = { kind: "delete"; memory: Memory } | { kind: "decay" } | { kind: "prune" };

/** The Memory page. */
export function MemoryPage() {
  const personaId = currentPersonaId.value;
  const [query, setQuery] = useState("");
  const [type, setType] = useState("");
  const [minImportance, setMinImportance] = useState("0");
  const [memories, setMemories] = useState<Memory[]>([]);
  const [stats, setStats] = useState<Record<string, unknown> | null>(null);
  const [newContent, setNewContent] = useState("");
  const [newImportance, setNewImportance] = useState("");
  const [replacing, setReplacing] = useState<Memory | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);

  const load = () =>
    attempt(setError, async () => {
      if (!personaId) return;
      const found = await api<{ memories: Memory[] }>(`/personas/${personaId}/memories`, {
        query: query.trim()
          ? {
            query: query.trim(),
            memory_type: type,
            min_importance: minImportance,
            n_results: 50,
            explain: true,
          }
          : { memory_type: type, limit: 100 },
      });
      const min = Number(minImportance) || 0;
      setMemories(found.memories.filter((memory) => memory.importance >= min));
      setStats(await api(`/personas/${personaId}/memories/stats`));
    });
  useEffect(() => void load(), [personaId]);

  const store = (event: Event) => {
    event.preventDefault();
    void attempt(setError, async () => {
      await api(`/personas/${personaId}/memories`, {
        method: "POST",
        body: {
          content: newContent,
          ...(newImportance ? { importance: Number(newImportance) } : {}),
          ...(replacing ? { supersedes: [replacing.id] } : {}),
        },
      });
      setNewContent("");
      setOk(replacing ? "Memory stored; it replaces the older one" : "Memory stored");
      setReplacing(null);
      await load();
    });
  };
  const confirm = () =>
    attempt(setError, async () => {
      const current = action;
      setAction(null);
      if (!current) return;
      if (current.kind === "delete") {
        await api(`/memories/${current.memory.id}`, { method: "DELETE" });
        setOk("Memory deleted");
      } else {
        const result = await api<Record<string, unknown>>(
          `/personas/${personaId}/memories/${current.kind}`,
          { method: "POST", body: {} },
        );
        setOk(`${current.kind === "decay" ? "Decayed" : "Pruned"}: ${JSON.stringify(result)}`);
      }
      await load();
    });

  const totals = stats as
    | {
      total_memories?: number;
      average_importance?: number;
      memory_types?: Record<string, number>;
    }
    | null;
  return (
    <section aria-labelledby="memory-title">
      <h2 id="memory-title">Memory</h2>
      <Status error={error} ok={ok} />
      <form
        class="card row"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
        aria-label="Search memories"
      >
        <PersonaPicker id="memory-persona" />
        <div class="field">
          <label for="m-query">Search</label>
          <input id="m-query" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="m-type">Type</label>
          <input
            id="m-type"
            value={type}
            placeholder="any"
            list="m-types"
            onInput={(e) => setType(e.currentTarget.value)}
          />
          <datalist id="m-types">
            {Object.keys(totals?.memory_types ?? {}).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
        <div class="field">
          <label for="m-min">Importance at least</label>
          <input
            id="m-min"
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={minImportance}
            onInput={(e) => setMinImportance(e.currentTarget.value)}
          />
        </div>
        <button type="submit">Search</button>
      </form>
      <div class="split" style={{ marginTop: "12px" }}>
        <div class="card table-wrap" tabIndex={0} role="region" aria-label="Memories table">
          <table>
            <caption class="sr-only">Memories</caption>
            <thead>
              <tr>
                <th scope="col">Memory</th>
                <th scope="col">Type</th>
                <th scope="col">Importance</th>
                <th scope="col">Score</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {memories.map((memory) => (
                <MemoryRow
                  key={memory.id}
                  memory={memory}
                  fail={setError}
                  onSaved={() => {
                    setOk("Memory updated");
                    void load();
                  }}
                  onDelete={() => setAction({ kind: "delete", memory })}
                  onSupersede={() => {
                    setReplacing(memory);
                    setNewContent(memory.content);
                    document.getElementById("m-new")?.focus();
                  }}
                />
              ))}
            </tbody>
          </table>
          {memories.length === 0 && <p class="muted">No memories match.</p>}
        </div>
        <div>
          <form class="card" onSubmit={store} aria-labelledby="store-title">
            <h3 id="store-title">{replacing ? "Supersede a memory" : "Store a memory"}</h3>
            {replacing && (
              <p class="small">
                The new memory replaces “{replacing.content.slice(0, 80)}” (kept, ranked below it).
                {" "}
                <button
                  type="button"
                  class="secondary"
                  onClick={() => setReplacing(null)}
                >
                  Do not replace
                </button>
              </p>
            )}
            <label for="m-new">Content</label>
            <textarea
              id="m-new"
              required
              value={newContent}
              onInput={(e) => setNewContent(e.currentTarget.value)}
            />
            <div class="field">
              <label for="m-new-imp">
                Importance <span class="hint">(empty: scored by the server)</span>
              </label>
              <input
                id="m-new-imp"
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={newImportance}
                onInput={(e) => setNewImportance(e.currentTarget.value)}
              />
            </div>
            <button type="submit">Store</button>
          </form>
          <div class="card" style={{ marginTop: "12px" }}>
            <h3>Statistics</h3>
            <dl class="facts">
              <dt>Memories</dt>
              <dd>{totals?.total_memories ?? "–"}</dd>
              <dt>Mean importance</dt>
              <dd>{fixed(totals?.average_importance)}</dd>
            </dl>
            <ImportanceChart memories={memories} />
            <div class="row" style={{ marginTop: "8px" }}>
              <button type="button" class="secondary" onClick={() => setAction({ kind: "decay" })}>
                Decay now…
              </button>
              <button type="button" class="secondary" onClick={() => setAction({ kind: "prune" })}>
                Prune…
              </button>
            </div>
          </div>
        </div>
      </div>
      <ConfirmDialog
        open={action !== null}
        title={action?.kind === "delete"
          ? "Delete this memory?"
          : action?.kind === "decay"
          ? "Decay this persona's memories now?"
          : "Prune this persona's memories?"}
        confirmLabel={action?.kind === "delete"
          ? "Delete"
          : action?.kind === "decay"
          ? "Decay"
          : "Prune"}
        onConfirm={() => void confirm()}
        onCancel={() => setAction(null)}
      >
        {action?.kind === "delete"
          ? `"${action.memory.content}" will be gone for good.`
          : action?.kind === "decay"
          ? "Every memory's importance drops by one decay step."
          : "Memories of least importance are removed when the persona has more than the threshold."}
      </ConfirmDialog>
    </section>
  );
}
