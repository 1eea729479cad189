/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * Conversations: start a persona-to-persona conversation and watch its turns arrive, each with
 * its speaker, why they spoke and the continue score; earlier conversations below.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.ts";
import type { Turn } from "../types.ts";
import type { DialogueView } from "../../../../dialogue/effects.ts";
import { attempt, fixed, personas, Status, when } from "../ui.tsx";

type ConversationView = DialogueView;

function names(view: ConversationView): string {
  return view.participants.map((p) => p.name ?? p.id).join(", ");
}

/** The Conversations page. */
export function ConversationsPage() {
  const [chosen, setChosen] = useState<string[]>([]);
  const [topic, setTopic] = useState("");
  const [turns, setTurns] = useState<Turn[]>([]);
  const [running, setRunning] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const [recent, setRecent] = useState<ConversationView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef(false);

  const loadRecent = () =>
    attempt(setError, async () => {
      const list = await api<{ conversations: ConversationView[] }>("/conversations", {
        query: { limit: 10 },
      });
      setRecent(list.conversations);
    });
  useEffect(() => {
    void loadRecent();
    return () => {
      stop.current = true;
    };
  }, []);

  const toggle = (id: string) =>
    setChosen((current) =>
      current.includes(id) ? current.filter((x) => x !== id) : [...current, id]
    );

  const start = (event: Event) => {
    event.preventDefault();
    stop.current = false;
    setTurns([]);
    setEnded(null);
    void attempt(setError, async () => {
      const started = await api<{ conversation_id: string }>("/conversations", {
        method: "POST",
        body: { participants: chosen, ...(topic.trim() ? { topic: topic.trim() } : {}) },
      });
      setRunning(started.conversation_id);
      try {
        while (!stop.current) {
          const turn = await api<Turn>(`/conversations/${started.conversation_id}/turns`, {
            method: "POST",
          });
          setTurns((current) => [...current, turn]);
          if (turn.ended) {
            setEnded(turn.end_reason ?? "ended");
            break;
          }
        }
        if (stop.current) {
          await api(`/conversations/${started.conversation_id}`, {
            method: "DELETE",
            query: { reason: "stopped from the dashboard" },
          });
          setEnded("stopped from the dashboard");
        }
      } finally {
        setRunning(null);
        await loadRecent();
      }
    });
  };

  return (
    <section aria-labelledby="conv-title">
      <h2 id="conv-title">Conversations</h2>
      <Status error={error} />
      <div class="split">
        <div class="card">
          <form onSubmit={start} aria-label="Start a conversation">
            <fieldset>
              <legend>Participants (two or more)</legend>
              {personas.value.map((persona) => (
                <label key={persona.id} style={{ fontWeight: 400 }}>
                  <input
                    type="checkbox"
                    checked={chosen.includes(persona.id)}
                    onChange={() => toggle(persona.id)}
                  />{" "}
                  {persona.name}
                </label>
              ))}
            </fieldset>
            <div class="field">
              <label for="c-topic">
                Topic <span class="hint">(optional)</span>
              </label>
              <input id="c-topic" value={topic} onInput={(e) => setTopic(e.currentTarget.value)} />
            </div>
            <div class="row">
              <button type="submit" disabled={chosen.length < 2 || running !== null}>
                Start conversation
              </button>
              <button
                type="button"
                class="secondary"
                disabled={running === null}
                onClick={() => stop.current = true}
              >
                Stop
              </button>
            </div>
          </form>
          <h3>Turns</h3>
          <ol class="turns" aria-live="polite" aria-label="Turns">
            {turns.map((turn) => (
              <li key={turn.turn_number}>
                <strong>{turn.speaker_name}</strong>{" "}
                <span class="pill">continue {fixed(turn.continue_score, 1)}</span>{" "}
                <span class="pill">{turn.response_type}</span>
                <p>{turn.content}</p>
                <span class="small muted">{turn.speaker_reason}</span>
              </li>
            ))}
          </ol>
          {running && <p class="muted">Turn {turns.length + 1} is being written…</p>}
          {ended && <p class="status ok" role="status">Ended: {ended}</p>}
        </div>
        <div class="card">
          <h3>Recent conversations</h3>
          <ul class="small" style={{ paddingLeft: "18px" }}>
            {recent.map((view) => (
              <li key={view.conversation_id}>
                {names(view)}
                {view.topic ? ` on ${view.topic}` : ""}: {view.status}, {view.turn_count} turns
                {view.end_reason ? ` (${view.end_reason})` : ""} · {when(view.started_at)}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
