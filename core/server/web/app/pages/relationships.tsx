/** @jsxImportSource preact */
/// <reference lib="dom" />
/**
 * Relationships: a graph of the personas (edges coloured by type, thickness by strength) and a
 * pair's history; every edge is also a button in a list, for the keyboard.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { api, rpc } from "../api.ts";
import type { Relationship } from "../types.ts";
import type { RelationshipType } from "../../../../relationships/schema.ts";
import { attempt, fixed, personas, Status, when } from "../ui.tsx";

interface Edge extends Relationship {
  source_persona_id: string;
  source_persona_name: string;
}

const TYPE_COLOURS: Record<RelationshipType, string> = {
  stranger: "#8b95a7",
  acquaintance: "#4f7bd9",
  friend: "#1d8a45",
  close_friend: "#0b5d2a",
  rival: "#c0392b",
  enemy: "#7b0d0d",
  mentor: "#a86b00",
  student: "#8c6d1f",
  romantic: "#b0279d",
  family: "#255f73",
};

function colourOf(type: string): string {
  return TYPE_COLOURS[type as RelationshipType] ?? "#4f596b";
}

interface PairHistory {
  relationship: Record<string, unknown> & { history?: Array<Record<string, unknown>> } | null;
}

/** The Relationships page. */
export function RelationshipsPage() {
  const [edges, setEdges] = useState<Edge[]>([]);
  const [selected, setSelected] = useState<Edge | null>(null);
  const [history, setHistory] = useState<PairHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const people = personas.value;

  useEffect(() => {
    void attempt(setError, async () => {
      const seen = new Set<string>();
      const all: Edge[] = [];
      for (const persona of people) {
        const { relationships } = await api<{ relationships: Relationship[] }>(
          `/personas/${persona.id}/relationships`,
        );
        for (const relationship of relationships) {
          const key = [persona.id, relationship.target_persona_id].sort().join("|");
          if (seen.has(key)) continue;
          seen.add(key);
          all.push({
            ...relationship,
            source_persona_id: persona.id,
            source_persona_name: persona.name,
          });
        }
      }
      setEdges(all);
    });
  }, [people]);

  const open = (edge: Edge) =>
    attempt(setError, async () => {
      setSelected(edge);
      setHistory(
        await rpc<PairHistory>("relationship.get", {
          persona1_id: edge.source_persona_id,
          persona2_id: edge.target_persona_id,
        }),
      );
    });

  const size = 420, centre = size / 2, radius = size / 2 - 60;
  const position = new Map(people.map((persona, index) => {
    const angle = (2 * Math.PI * index) / Math.max(1, people.length) - Math.PI / 2;
    return [persona.id, {
      x: centre + radius * Math.cos(angle),
      y: centre + radius * Math.sin(angle),
    }];
  }));
  return (
    <section aria-labelledby="rel-title">
      <h2 id="rel-title">Relationships</h2>
      <Status error={error} />
      <div class="split">
        <div class="card">
          <svg
            class="graph"
            viewBox={`0 0 ${size} ${size}`}
            role="img"
            aria-label={`${people.length} personas and ${edges.length} relationships`}
          >
            {edges.map((edge) => {
              const a = position.get(edge.source_persona_id);
              const b = position.get(edge.target_persona_id);
              if (!a || !b) return null;
              return (
                <line
                  key={`${edge.source_persona_id}-${edge.target_persona_id}`}
                  x1={a.x}
                  y1={a.y}
                  x2={b.x}
                  y2={b.y}
                  stroke={colourOf(edge.relationship_type)}
                  stroke-width={1 + Math.abs(edge.strength) * 8}
                  stroke-opacity={selected === edge ? 1 : 0.7}
                  onClick={() => void open(edge)}
                >
                  <title>
                    {edge.source_persona_name} – {edge.target_persona_name}:{" "}
                    {edge.relationship_type}
                  </title>
                </line>
              );
            })}
            {people.map((persona) => {
              const at = position.get(persona.id)!;
              return (
                <g key={persona.id}>
                  <circle cx={at.x} cy={at.y} r={22} fill="#14213d" />
                  <text
                    x={at.x}
                    y={at.y + 38}
                    text-anchor="middle"
                    font-size="13"
                    fill="#17202e"
                  >
                    {persona.name}
                  </text>
                  <text x={at.x} y={at.y + 5} text-anchor="middle" font-size="14" fill="#fff">
                    {persona.name.slice(0, 1)}
                  </text>
                </g>
              );
            })}
          </svg>
          <p class="small muted">
            Colour: type; thickness: strength.{" "}
            {Object.entries(TYPE_COLOURS).map(([type, colour]) => (
              <span key={type} class="pill" style={{ borderLeft: `8px solid ${colour}` }}>
                {type}
              </span>
            ))}
          </p>
        </div>
        <div class="card">
          <h3>Pairs</h3>
          {edges.length === 0 && (
            <p class="muted">No relationships yet: personas meet in conversations.</p>
          )}
          <ul style={{ paddingLeft: "18px" }}>
            {edges.map((edge) => (
              <li key={`${edge.source_persona_id}-${edge.target_persona_id}`}>
                <button type="button" class="secondary" onClick={() => void open(edge)}>
                  {edge.source_persona_name} – {edge.target_persona_name}
                </button>{" "}
                {edge.relationship_type}, strength {fixed(edge.strength)}
              </li>
            ))}
          </ul>
          {selected && history && (
            <div aria-live="polite">
              <h3>
                {selected.source_persona_name} and {selected.target_persona_name}
              </h3>
              <dl class="facts">
                <dt>Type</dt>
                <dd>{selected.relationship_type}</dd>
                <dt>Affinity</dt>
                <dd>{fixed(selected.affinity)}</dd>
                <dt>Trust</dt>
                <dd>{fixed(selected.trust)}</dd>
                <dt>Respect</dt>
                <dd>{fixed(selected.respect)}</dd>
                <dt>Intimacy</dt>
                <dd>{fixed(selected.intimacy)}</dd>
                <dt>Interactions</dt>
                <dd>{selected.interaction_count}</dd>
              </dl>
              <h4>History</h4>
              <ol class="small">
                {(history.relationship?.history ?? []).map((entry, index) => (
                  <li key={index}>
                    {when(String(entry.created_at ?? ""))}: {String(entry.context ?? "")}, quality
                    {" "}
                    {fixed(Number(entry.quality))}, {String(entry.duration_minutes ?? 0)} min
                  </li>
                ))}
              </ol>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
