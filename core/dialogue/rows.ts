/**
 * Dialogue rows: the shapes of a dialogue and a turn, and one row mapper per table (its column
 * list, INSERT and values), so the repository never repeats a positional value list.
 *
 * @module
 */
import { columnList, insertSql, rowMapper } from "../storage/rows.ts";

/** A dialogue: personas talking to each other (a "conversation" on the wire). */
export interface Dialogue {
  id: string;
  topic: string | null;
  token_budget: number;
  /** Completion tokens of all turns so far (derived from the turns). */
  tokens_used: number;
  /** Turns so far, the last one's continue score and speaker (derived from the turns). */
  turn_count: number;
  last_score: number | null;
  last_speaker_id: string | null;
  status: "active" | "ended";
  end_reason: string | null;
  started_at: number;
  ended_at: number | null;
  participant_ids: string[];
}

/** One turn. */
export interface DialogueTurn {
  dialogue_id: string;
  turn_number: number;
  speaker_id: string;
  speaker_name: string;
  content: string;
  continue_score: number;
  reasons: string[];
  factors: Record<string, number>;
  response_type: "full" | "short" | "closing";
  quality: number;
  tokens: number;
  created_at: number;
}

/**
 * What a turn reads of the turns before it: who said what, the score and the tokens; without
 * the reasons and factors (JSON, two parses a turn for every turn so far, and never read).
 */
export type TranscriptLine = Pick<DialogueTurn, (typeof TRANSCRIPT_FIELDS)[number]>;

/** The fields of a {@linkcode TranscriptLine}. */
const TRANSCRIPT_FIELDS = [
  "turn_number",
  "speaker_id",
  "speaker_name",
  "content",
  "continue_score",
  "tokens",
] as const satisfies ReadonlyArray<keyof DialogueTurn>;

/** A dialogue as stored: its participants live in their own table. */
export type DialogueRow = Omit<Dialogue, "participant_ids">;
/** The fields of a dialogue derived from its turns. */
export type Derived = "tokens_used" | "turn_count" | "last_score" | "last_speaker_id";
/** A turn as stored: its reasons and factors are JSON text. */
export type TurnRow = Omit<DialogueTurn, "reasons" | "factors"> & {
  reasons: string;
  factors: string;
};

/** The columns of `dialogues` (the derived fields are computed from the turns). */
export const dialogueRows = rowMapper<Dialogue>("dialogues", {
  id: true,
  topic: true,
  token_budget: true,
  status: true,
  end_reason: true,
  started_at: true,
  ended_at: true,
});

/** One participant of a dialogue, at its speaking position. */
export interface Participant {
  dialogue_id: string;
  persona_id: string;
  position: number;
}

/** The columns of `dialogue_participants`. */
export const participantRows = rowMapper<Participant>("dialogue_participants", {
  dialogue_id: true,
  persona_id: true,
  position: true,
});

/** The columns of `dialogue_turns`. */
export const turnRows = rowMapper<DialogueTurn>("dialogue_turns", {
  dialogue_id: true,
  turn_number: true,
  speaker_id: true,
  speaker_name: true,
  content: true,
  continue_score: true,
  reasons: "json",
  factors: "json",
  response_type: true,
  quality: true,
  tokens: true,
  created_at: true,
});

/** Inserts one dialogue row. */
export const INSERT_DIALOGUE = insertSql(dialogueRows);
/** Inserts one participant row. */
export const INSERT_PARTICIPANT = insertSql(participantRows);
/** Inserts one turn row. */
export const INSERT_TURN = insertSql(turnRows);
/** The stored columns of a dialogue, for SELECT. */
export const DIALOGUE_COLUMNS = columnList(dialogueRows);
/** {@linkcode DIALOGUE_COLUMNS} of the table aliased `d` (in a join). */
export const DIALOGUE_JOIN_COLUMNS = columnList(dialogueRows, "d.");
/** The columns of a turn, for SELECT. */
export const TURN_COLUMNS = columnList(turnRows);
/** The columns of a {@linkcode TranscriptLine}, for SELECT: the turn mapper's, in its order. */
export const TRANSCRIPT_LINE_COLUMNS = columnList({
  ...turnRows,
  columns: turnRows.columns.filter((name) =>
    (TRANSCRIPT_FIELDS as readonly string[]).includes(name)
  ),
});
