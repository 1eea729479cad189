/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * Chat: talk to a persona over the WebSocket with streamed tokens, cancel a reply, page back
 * through the history; beside the reply: the memories recalled, mood, the relationship with the
 * sender (when the sender is a persona) and token counts.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, rpc, RpcSocket } from "../api.ts";
import type { Relationship, SendMessageResult } from "../types.ts";
import { attempt, currentPersonaId, fixed, PersonaPicker, personas, Status, when } from "../ui.tsx";

/** The chat's room: history kept per persona across reloads (a socket's own is per session). */
const ROOM = "dashboard";

interface Line {
  key: string;
  sender: string;
  text: string;
  reply: string;
  streaming: boolean;
  at: string;
  meta?: string;
}

interface HistoryMessage {
  id: string;
  content: string;
  sender: string;
  timestamp: string;
  persona_response: string;
}

interface Beside {
  result: SendMessageResult;
  mood: number | null;
  relationship: Relationship | null;
}

let socket: RpcSocket | null = null;
function connection(): RpcSocket {
  socket ??= new RpcSocket();
  return socket;
}

function lineOf(message: HistoryMessage): Line {
  return {
    key: message.id,
    sender: message.sender,
    text: message.content,
    reply: message.persona_response,
    streaming: false,
    at: message.timestamp,
  };
}

/** The Chat page. */
export function ChatPage() {
  const [lines, setLines] = useState<Line[]>([]);
  const [more, setMore] = useState(false);
  const [text, setText] = useState("");
  const [sender, setSender] = useState("user");
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [beside, setBeside] = useState<Beside | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const personaId = currentPersonaId.value;
  const persona = personas.value.find((p) => p.id === personaId);

  const loadHistory = (before?: string) =>
    attempt(setError, async () => {
      if (!personaId) return;
      const page = await api<{ messages: HistoryMessage[]; has_more?: boolean }>(
        `/personas/${personaId}/history`,
        { query: { limit: 20, room_id: ROOM, before_id: before } },
      );
      const older = [...page.messages].sort((a, b) => a.timestamp.localeCompare(b.timestamp))
        .map(lineOf);
      setLines((current) => before ? [...older, ...current] : older);
      setMore(page.has_more ?? page.messages.length === 20);
    });

  useEffect(() => {
    setLines([]);
    setBeside(null);
    void loadHistory();
  }, [personaId]);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: "nearest" });
  }, [lines]);

  const send = (event: Event) => {
    event.preventDefault();
    const content = text.trim();
    if (!content || !personaId || busy !== null) return;
    const rpcSocket = connection();
    const key = `pending-${Date.now()}`;
    const requestId = rpcSocket.nextId;
    setBusy(requestId);
    setText("");
    setLines((current) => [...current, {
      key,
      sender,
      text: content,
      reply: "",
      streaming: true,
      at: new Date().toISOString(),
    }]);
    const update = (patch: Partial<Line>) =>
      setLines((current) => current.map((line) => line.key === key ? { ...line, ...patch } : line));
    let streamed = "";
    const stop = rpcSocket.listen((notification) => {
      if (notification.method !== "conversation.chunk") return;
      if (notification.params.request_id !== requestId) return;
      streamed += String(notification.params.text);
      update({ reply: streamed });
    });
    void attempt(setError, async () => {
      try {
        const result = await rpcSocket.call<SendMessageResult>("conversation.send_message", {
          persona_id: personaId,
          content,
          sender,
          room_id: ROOM,
          stream: true,
        });
        update({
          reply: result.response,
          streaming: false,
          meta: `${result.tokens.prompt} + ${result.tokens.completion} tokens · ` +
            `${result.response_time_ms} ms · ${result.model}`,
        });
        const status = await api<{ emotional_state?: { mood?: number } }>(
          `/personas/${personaId}/status`,
        );
        const other = personas.value.find((p) =>
          p.name.toLowerCase() === sender.toLowerCase() && p.id !== personaId
        );
        const pair = other
          ? await rpc<{ relationship: Relationship | null }>("relationship.get", {
            persona1_id: personaId,
            persona2_id: other.id,
          })
          : null;
        setBeside({
          result,
          mood: status.emotional_state?.mood ?? null,
          relationship: pair?.relationship ?? null,
        });
      } catch (error) {
        update({ streaming: false, meta: "No reply" });
        throw error;
      } finally {
        stop();
        setBusy(null);
      }
    });
  };
  const cancel = () => {
    if (busy === null) return;
    void attempt(setError, () => connection().call("conversation.cancel", { request_id: busy }));
  };

  return (
    <section aria-labelledby="chat-title">
      <h2 id="chat-title">Chat{persona ? ` with ${persona.name}` : ""}</h2>
      <div class="split">
        <div class="card">
          <div class="row">
            <PersonaPicker id="chat-persona" />
            <div class="field">
              <label for="chat-sender">You are</label>
              <input
                id="chat-sender"
                value={sender}
                onInput={(e) => setSender(e.currentTarget.value || "user")}
              />
            </div>
          </div>
          {more && (
            <button
              type="button"
              class="secondary"
              onClick={() => void loadHistory(lines[0]?.key)}
            >
              Load older messages
            </button>
          )}
          <ol class="messages" ref={list} aria-label="Messages" aria-live="polite">
            {lines.map((line) => [
              <li key={`${line.key}-u`} class="msg user">
                {line.text}
                <span class="meta">{line.sender} · {when(line.at)}</span>
              </li>,
              <li
                key={`${line.key}-p`}
                class="msg persona"
                data-streaming={line.streaming ? "true" : "false"}
              >
                {line.reply || (line.streaming ? "…" : "")}
                {line.meta && <span class="meta">{line.meta}</span>}
              </li>,
            ])}
          </ol>
          <form onSubmit={send} style={{ marginTop: "10px" }}>
            <label for="chat-text">Message</label>
            <textarea
              id="chat-text"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey) send(e);
              }}
            />
            <div class="row">
              <button type="submit" disabled={busy !== null || !personaId}>Send</button>
              <button type="button" class="secondary" disabled={busy === null} onClick={cancel}>
                Cancel reply
              </button>
            </div>
          </form>
          <Status error={error} />
        </div>
        <aside class="card" aria-labelledby="beside-title">
          <h3 id="beside-title">Beside the reply</h3>
          {beside
            ? (
              <div>
                <dl class="facts">
                  <dt>Tokens</dt>
                  <dd>
                    {beside.result.tokens.prompt} prompt, {beside.result.tokens.completion} reply
                  </dd>
                  <dt>Time</dt>
                  <dd>{beside.result.response_time_ms} ms</dd>
                  <dt>Mood</dt>
                  <dd>{fixed(beside.mood)}</dd>
                  <dt>Memory stored</dt>
                  <dd>{beside.result.memory_stored ? "yes" : "no"}</dd>
                  {beside.relationship && (
                    <>
                      <dt>With {sender}</dt>
                      <dd>
                        {beside.relationship.relationship_type}, strength{" "}
                        {fixed(beside.relationship.strength)}
                      </dd>
                    </>
                  )}
                </dl>
                <h4>Memories recalled</h4>
                {beside.result.recalled_memories.length === 0
                  ? <p class="muted">None</p>
                  : (
                    <ul class="recalled" aria-label="Memories recalled">
                      {beside.result.recalled_memories.map((memory) => (
                        <li key={memory.id}>
                          {memory.content} <span class="pill">score {fixed(memory.score)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                <h4>Lore used</h4>
                {beside.result.lore_used.length === 0
                  ? <p class="muted">None</p>
                  : (
                    <ul aria-label="Lore used">
                      {beside.result.lore_used.map((entry) => (
                        <li key={`${entry.lorebook_id}-${entry.entry}`}>
                          {entry.label} <span class="pill">{entry.lorebook_name}</span>{" "}
                          <span class="small muted">{entry.via}</span>
                        </li>
                      ))}
                    </ul>
                  )}
              </div>
            )
            : <p class="muted">Send a message to see what the persona recalled.</p>}
        </aside>
      </div>
    </section>
  );
}
