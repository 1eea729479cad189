/**
 * The transcript resources: a persona's chat with users (`persona://{id}/transcript`) and a
 * persona-to-persona conversation (`conversation://{id}`), each rendered as Markdown from what
 * its JSON-RPC method returns.
 *
 * @module
 */
import { AppError } from "../../errors.ts";
import {
  findPersona,
  personaPlace,
  personaUri,
  placed,
  PRIVATE_FRESH,
  type ResourceKind,
} from "./resource_kind.ts";

/** The parts of `conversation.get_history`'s messages a transcript shows. */
interface HistoryMessage {
  sender: string;
  content: string;
  timestamp: string;
  persona_response: string;
}

/** The parts of `conversation.transcript`'s result a transcript shows. */
interface Transcript {
  participants: Array<{ id: string; name: string | null }>;
  topic: string | null;
  status: string;
  end_reason: string | null;
  turn_count: number;
  started_at: string;
  turns: Array<{ speaker_name: string; content: string }>;
}

/** How many recent exchanges `persona://{id}/transcript` shows. */
export const TRANSCRIPT_MESSAGES = 50;
/** How many recent persona-to-persona conversations `resources/list` names. */
export const LISTED_DIALOGUES = 20;

/**
 * A conversation's place among its kind's resources, newest first: its list key
 * (`started_at|rowid`) negated, so ascending order is the list's.
 */
function dialoguePlace(key: string): Array<string | number> {
  const [startedAt, rowid] = key.split("|").map(Number);
  return [-(startedAt ?? 0), -(rowid ?? 0)];
}

/** Each persona's chat with users, as a readable transcript, through `conversation.get_history`. */
export const chatTranscripts: ResourceKind = {
  method: "conversation.get_history",
  template: {
    uriTemplate: "persona://{id}/transcript",
    name: "persona-transcript",
    title: "Chat transcript",
    description: `A persona's last ${TRANSCRIPT_MESSAGES} exchanges with users, oldest first, as ` +
      "Markdown (who said what, and when)",
    mimeType: "text/markdown",
  },
  pattern: /^persona:\/\/([^/?#]+)\/transcript$/,
  cache: PRIVATE_FRESH,
  async list(ctx) {
    return (await ctx.personas.list()).map((persona) =>
      placed({
        uri: `${personaUri(persona)}/transcript`,
        name: `${persona.name}'s transcript`,
        title: `Chat with ${persona.name}`,
        description: `The last ${TRANSCRIPT_MESSAGES} exchanges with ${persona.name}`,
        mimeType: "text/markdown",
      }, personaPlace(persona))
    );
  },
  async read(ctx, match) {
    const persona = await findPersona(ctx, match[1]);
    if (!persona) return undefined;
    const page = await ctx.call("conversation.get_history", {
      persona_id: persona.id,
      limit: TRANSCRIPT_MESSAGES,
    }) as { messages: HistoryMessage[] };
    const lines = [`# Chat with ${persona.name}`, ""];
    if (page.messages.length === 0) lines.push("_No messages yet._");
    for (const message of [...page.messages].reverse()) {
      lines.push(`**${message.sender}** (${message.timestamp}): ${message.content}`, "");
      lines.push(`**${persona.name}**: ${message.persona_response}`, "");
    }
    return { uri: match[0], mimeType: "text/markdown", text: lines.join("\n").trimEnd() + "\n" };
  },
};

/** Persona-to-persona conversations, as readable transcripts, through `conversation.transcript`. */
export const dialogueTranscripts: ResourceKind = {
  method: "conversation.transcript",
  template: {
    uriTemplate: "conversation://{id}",
    name: "conversation",
    title: "Persona-to-persona transcript",
    description: "A conversation between personas: who took part, its topic and status, and " +
      "every turn in order, as Markdown",
    mimeType: "text/markdown",
  },
  pattern: /^conversation:\/\/([^/?#]+)$/,
  cache: PRIVATE_FRESH,
  async list(ctx) {
    return (await ctx.dialogues.page({ limit: LISTED_DIALOGUES })).map(({ view, key }) => {
      const names = view.participants.map((p) => p.name ?? p.id).join(", ");
      return placed({
        uri: `conversation://${view.conversation_id}`,
        name: `${names}${view.topic ? ` on ${view.topic}` : ""}`,
        title: `Conversation of ${names}`,
        description: `${view.status} conversation, ${view.turn_count} turns, started ` +
          view.started_at,
        mimeType: "text/markdown",
      }, dialoguePlace(key));
    });
  },
  async read(ctx, match) {
    let transcript: Transcript;
    try {
      transcript = await ctx.call("conversation.transcript", {
        conversation_id: decodeURIComponent(match[1]!),
      }) as Transcript;
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return undefined;
      if (error instanceof URIError) return undefined;
      throw error;
    }
    const names = transcript.participants.map((p) => p.name ?? p.id).join(", ");
    const lines = [
      `# ${names}${transcript.topic ? `: ${transcript.topic}` : ""}`,
      "",
      `_${transcript.status}${transcript.end_reason ? ` (${transcript.end_reason})` : ""}, ` +
      `${transcript.turn_count} turns, started ${transcript.started_at}_`,
      "",
    ];
    for (const turn of transcript.turns) {
      lines.push(`**${turn.speaker_name}**: ${turn.content}`, "");
    }
    return { uri: match[0], mimeType: "text/markdown", text: lines.join("\n").trimEnd() + "\n" };
  },
};
