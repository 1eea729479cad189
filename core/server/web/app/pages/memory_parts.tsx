/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * The Memory page's parts: one memory's row (edit, delete, supersede) and the chart of importance
 * against age.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { api } from "../api.ts";
import type { Memory } from "../types.ts";
import { attempt, fixed, when } from "../ui.tsx";

function ageDays(memory: Memory): number {
  return Math.max(0, (Date.now() - Date.parse(memory.created_at)) / 86_400_000);
}

/** Importance (up) against age in days (right), one dot per memory listed. */
export function ImportanceChart(props: { memories: Memory[] }) {
  const width = 480, height = 200, pad = 32;
  const maxAge = Math.max(1, ...props.memories.map(ageDays));
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Importance against age of ${props.memories.length} memories`}
    >
      <line x1={pad} y1={height - pad} x2={width - 8} y2={height - pad} stroke="#8b95a7" />
      <line x1={pad} y1={8} x2={pad} y2={height - pad} stroke="#8b95a7" />
      <text x={pad} y={height - 8} font-size="11" fill="#4f596b">0 days</text>
      <text x={width - 70} y={height - 8} font-size="11" fill="#4f596b">
        {maxAge.toFixed(1)} days
      </text>
      <text x={2} y={16} font-size="11" fill="#4f596b">1.0</text>
      {props.memories.map((memory) => (
        <circle
          key={memory.id}
          cx={pad + (ageDays(memory) / maxAge) * (width - pad - 16)}
          cy={height - pad - memory.importance * (height - pad - 16)}
          r={4}
          fill="#2450b3"
          fill-opacity={0.7}
        >
          <title>{memory.content}</title>
        </circle>
      ))}
    </svg>
  );
}

/** One memory in the table: its fields, edited in place, and its actions. */
export function MemoryRow(props: {
  memory: Memory;
  onSaved(): void;
  onDelete(): void;
  onSupersede(): void;
  fail(message: string | null): void;
}) {
  const { memory } = props;
  const [editing, setEditing] = useState(false);
  const [content, setContent] = useState(memory.content);
  const [importance, setImportance] = useState(String(memory.importance));
  const [visibility, setVisibility] = useState(memory.visibility ?? "private");
  const save = (event: Event) => {
    event.preventDefault();
    void attempt(props.fail, async () => {
      await api(`/memories/${memory.id}`, {
        method: "PATCH",
        body: { content, importance: Number(importance), visibility },
      });
      setEditing(false);
      props.onSaved();
    });
  };
  const parts = Object.entries(memory.score_parts ?? {});
  return (
    <tr>
      <td>
        {editing
          ? (
            <form onSubmit={save} aria-label="Edit memory">
              <label for={`m-content-${memory.id}`}>Content</label>
              <textarea
                id={`m-content-${memory.id}`}
                value={content}
                onInput={(e) => setContent(e.currentTarget.value)}
              />
              <div class="row">
                <div class="field">
                  <label for={`m-imp-${memory.id}`}>Importance</label>
                  <input
                    id={`m-imp-${memory.id}`}
                    type="number"
                    min={0}
                    max={1}
                    step={0.05}
                    value={importance}
                    onInput={(e) => setImportance(e.currentTarget.value)}
                  />
                </div>
                <div class="field">
                  <label for={`m-vis-${memory.id}`}>Visibility</label>
                  <select
                    id={`m-vis-${memory.id}`}
                    value={visibility}
                    onChange={(e) => setVisibility(e.currentTarget.value)}
                  >
                    {["private", "shared", "public"].map((v) => (
                      <option key={v} value={v}>{v}</option>
                    ))}
                  </select>
                </div>
              </div>
              <div class="row">
                <button type="submit">Save</button>
                <button type="button" class="secondary" onClick={() => setEditing(false)}>
                  Cancel
                </button>
              </div>
            </form>
          )
          : memory.content}
        {(memory.supersedes?.length ?? 0) > 0 && (
          <div class="small muted">replaces {memory.supersedes?.length} older</div>
        )}
        {memory.superseded_by && (
          <div class="small">
            <span class="pill">replaced</span> by a newer memory
          </div>
        )}
      </td>
      <td>{memory.memory_type}</td>
      <td class="num">{fixed(memory.importance)}</td>
      <td class="num">
        {memory.score === undefined ? "–" : fixed(memory.score)}
        {parts.length > 0 && (
          <ul class="parts small muted" aria-label="Score parts">
            {parts.map(([name, value]) => <li key={name}>{name} {fixed(value)}</li>)}
          </ul>
        )}
      </td>
      <td>{when(memory.created_at)}</td>
      <td>
        <div class="row">
          <button
            type="button"
            class="secondary"
            onClick={() => setEditing(true)}
            aria-label={`Edit memory: ${memory.content.slice(0, 40)}`}
          >
            Edit
          </button>
          <button
            type="button"
            class="secondary"
            onClick={props.onSupersede}
            aria-label={`Supersede memory: ${memory.content.slice(0, 40)}`}
          >
            Supersede
          </button>
          <button
            type="button"
            class="danger"
            onClick={props.onDelete}
            aria-label={`Delete memory: ${memory.content.slice(0, 40)}`}
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}
