/**
 * The shapes the dashboard reads, as the server sends them (the domain's own types, imported as
 * types only: nothing of the server lands in the page's script).
 *
 * @module
 */
import type { Persona as StoredPersona } from "../../../personas/mod.ts";
export type { SendMessageResult } from "../../../chat/engine.ts";
export type { RunView } from "../../../simulation/run_view.ts";
export type { RoomReply, RoomSendResult, RoomView } from "../../../rooms/service.ts";
import type { ScoreParts } from "../../../memory/search.ts";

/** A persona as `persona.list` returns it: with its avatar (null when it has none). */
export interface Persona extends StoredPersona {
  avatar?: { mime: string; size_bytes: number; url: string } | null;
}

/** A memory as the memory routes return it (search hits add score and relevance). */
export interface Memory {
  id: string;
  persona_id: string;
  content: string;
  memory_type: string;
  importance: number;
  visibility?: string;
  created_at: string;
  last_accessed?: string | null;
  accessed_count?: number;
  score?: number;
  relevance?: number;
  /** Parts of the score (`explain: true`). */
  score_parts?: ScoreParts;
  /** Older memories this one replaces. */
  supersedes?: string[];
  /** The newer memory that replaces this one (it ranks below it), or null. */
  superseded_by?: string | null;
}

/** One relationship of a persona. */
export interface Relationship {
  target_persona_id: string;
  target_persona_name: string;
  relationship_type: string;
  strength: number;
  affinity: number;
  trust: number;
  respect: number;
  intimacy: number;
  interaction_count: number;
}

/** One turn of a persona-to-persona conversation. */
export interface Turn {
  conversation_id: string;
  turn_number: number;
  speaker_id: string;
  speaker_name: string;
  speaker_reason: string;
  content: string;
  continue_score: number;
  response_type: string;
  ended: boolean;
  end_reason?: string;
}
