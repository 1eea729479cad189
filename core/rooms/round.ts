/**
 * One round of a room: after the user's line, the members present answer one at a time, each
 * chosen by the persona-to-persona rules (`speakers.ts`) until none is willing or the room's
 * cap is reached. Each speaker's prompt holds the transcript as it saw it; each line is
 * remembered by the members present when it was said, once the round answers. Its lines are
 * pending until then, seen only by its own prompts: a round that fails (model busy or failing,
 * call cancelled) removes them and remembers none, and one cut short (process killed) is never
 * seen and removed later (`round_writes.ts`), so a retry does not find the user's line twice.
 *
 * @module
 */
import { isoTime } from "../clock.ts";
import { macrosFor } from "../chat/prompt.ts";
import { recallSection } from "../chat/recall.ts";
import { socialSections } from "../chat/social_sections.ts";
import { cleanUtterance } from "../dialogue/utterance.ts";
import type { EmotionSnapshot } from "../emotions/mod.ts";
import { loreCharacterOf } from "../lore/chat_activation.ts";
import { roomLoreReport } from "../lore/report.ts";
import type { Persona } from "../personas/mod.ts";
import { buildRoomMessages } from "./prompt.ts";
import type { MemoryRetries } from "./memory_retry.ts";
import { RoundWrites } from "./round_writes.ts";
import type { Room, RoomMessage } from "./repository.ts";
import { nextInRound } from "./speakers.ts";
import { candidates, pairsOf, roundScore } from "./round_choice.ts";
import type { SpeakingTurns } from "./speaking.ts";
import type { RoomDeps, RoomReply, RoomSendInput, RoomSendResult } from "./types.ts";

/**
 * Appends the user's line to `room` and lets the members answer it. The caller holds the
 * room's turn gate (and on PostgreSQL its round claim), so rounds of one room never interleave,
 * on any node. Each speaker's turn is registered in `speaking`, which stops its model call when
 * the speaker or the room goes.
 */
export async function playRound(
  deps: RoomDeps & { retries?: MemoryRetries },
  { room, round, input, speaking }: {
    room: Room;
    /** The round's id (its lines' `round_id` until it answers). */
    round: string;
    input: RoomSendInput & { signal: AbortSignal };
    speaking: SpeakingTurns;
  },
): Promise<RoomSendResult> {
  const { repository, clock } = deps;
  // No other round of the room runs now (gate, claim): pending lines are a cut off round's.
  await repository.removeOtherRounds(room.id, round);
  const userLine = await repository.append({
    id: `rmsg_${crypto.randomUUID()}`,
    room_id: room.id,
    speaker_kind: "user",
    persona_id: null,
    speaker: input.sender,
    content: input.content,
    reason: null,
    model: null,
    tokens: 0,
    created_at: isoTime(clock.now()),
  }, round);
  // Kept and remembered when the round answers; removed when it fails (`round_writes.ts`).
  const writes = new RoundWrites(deps, { room, round });
  try {
    writes.add(userLine, { present: await presentMembers(deps, room.id) });
    const replies = await replyRounds(deps, { room, input, speaking, writes });
    await writes.commit();
    return { room_id: room.id, message_id: userLine.id, replies };
  } catch (error) {
    await writes.discard(error);
    throw error;
  }
}

/** The members' replies to the user's line, until none is willing or the cap is reached. */
async function replyRounds(
  deps: RoomDeps & { retries?: MemoryRetries },
  { room, input, speaking, writes }: {
    room: Room;
    input: RoomSendInput & { signal: AbortSignal };
    speaking: SpeakingTurns;
    writes: RoundWrites;
  },
): Promise<RoomReply[]> {
  const { repository } = deps;
  const replies: RoomReply[] = [];
  // Members whose reply was dropped this round (they left, or were deleted, while speaking).
  const gone = new Set<string>();
  let tokensUsed = 0;
  for (;;) {
    const present = (await presentMembers(deps, room.id)).filter((p) => !gone.has(p.id));
    const snapshots = new Map<string, EmotionSnapshot>();
    for (const p of present) snapshots.set(p.id, await deps.emotions.snapshot(p));
    const pairs = await pairsOf(deps, present);
    const transcript = (await repository.page(room.id, { limit: 20, round: writes.round }))
      .reverse();
    const choice = nextInRound(candidates({ present, snapshots, transcript }), {
      userMessage: input.content,
      replies: replies.map((reply) => ({ speakerId: reply.persona_id, content: reply.content })),
    }, {
      rules: {
        mode: room.reply_mode,
        maxReplies: room.max_replies,
        highScore: deps.settings.highScore,
      },
      score: (turns) =>
        roundScore(deps, { room, present, snapshots, transcript, turns, tokensUsed, pairs }),
    });
    if (!choice) break;
    const speaker = present.find((p) => p.id === choice.speaker.id);
    if (!speaker) break;
    const turn = speaking.begin(room.id, speaker.id, input.signal);
    let reply: RoomReply | null;
    try {
      reply = await replyOf(deps, {
        room,
        speaker,
        present,
        input: { ...input, signal: turn.signal },
        snapshots,
        writes,
      });
    } catch (error) {
      // Its speaker or the room went while its model spoke: the call was aborted.
      if (!turn.stopped || input.signal.aborted) throw error;
      reply = null;
    } finally {
      turn.end();
    }
    if (!reply) {
      // Gone while its model spoke (its call stopped, or its line refused): nothing of it is
      // kept, and the others still answer.
      gone.add(speaker.id);
      continue;
    }
    reply.reason = choice.reason;
    if (choice.score) reply.continue_score = choice.score.score;
    tokensUsed += reply.tokens.completion;
    replies.push(reply);
  }
  return replies;
}

async function presentMembers(deps: RoomDeps, roomId: string): Promise<Persona[]> {
  const present: Persona[] = [];
  for (const member of await deps.repository.members(roomId)) {
    const persona = await deps.personas.find(member.persona_id);
    if (persona) present.push(persona);
  }
  return present;
}

async function replyOf(
  deps: RoomDeps & { retries?: MemoryRetries },
  turn: {
    room: Room;
    speaker: Persona;
    present: Persona[];
    input: RoomSendInput & { signal: AbortSignal };
    snapshots: Map<string, EmotionSnapshot>;
    writes: RoundWrites;
  },
): Promise<RoomReply | null> {
  const { room, speaker, present, input } = turn;
  const { repository, llm, clock, settings } = deps;
  const others = present.filter((p) => p.id !== speaker.id);
  const { round } = turn.writes;
  const seen = await repository.seenBy(room.id, {
    personaId: speaker.id,
    limit: settings.transcriptLines,
    round,
  });
  const lore = await loreFor(deps, { speaker, room, round, seen, user: input.sender });
  const query = seen.slice(-2).map((line) => line.content).join(" ");
  const memories = await recallSection(
    { memory: deps.memory, log: deps.log },
    { persona: speaker, query, limit: settings.memoryCount, signal: input.signal },
  );
  const emotions = turn.snapshots.get(speaker.id)?.emotions ??
    await deps.emotions.view(speaker);
  const messages = buildRoomMessages({
    speaker,
    present: [...others.map((o) => o.name), input.sender],
    user: input.sender,
    transcript: seen,
    sections: [
      ...await deps.core?.sections(speaker, [...others.map((o) => o.name), input.sender]) ??
        [],
      ...await socialSections(deps, { persona: speaker, emotions, others }),
      ...memories,
    ],
    lore,
    scene: room.scenario,
  });
  let index = 0;
  const answer = await llm.chat({
    model: speaker.model ?? settings.defaultModel,
    messages,
    temperature: settings.temperature,
    maxTokens: settings.maxTokens,
    signal: input.signal,
    onToken: input.onChunk && ((text) => input.onChunk?.(speaker, index++, text)),
  });
  const content = cleanUtterance(answer.text, speaker.name, [
    ...others.map((o) => o.name),
    input.sender,
  ]);
  // Only while the speaker is still a member: one deleted, or gone by room.leave, while its
  // model spoke is not heard.
  const line = await repository.appendWhilePresent({
    id: `rmsg_${crypto.randomUUID()}`,
    room_id: room.id,
    speaker_kind: "persona",
    persona_id: speaker.id,
    speaker: speaker.name,
    content,
    reason: null,
    model: answer.model,
    tokens: answer.completionTokens,
    created_at: isoTime(clock.now()),
  }, round);
  if (!line) return null;
  // Whoever left while the model spoke did not hear it. A reply cut at the token limit is
  // remembered as cut off ("…"), as a chat's is; the transcript keeps it as said.
  turn.writes.add(line, {
    present: await presentMembers(deps, room.id),
    truncated: answer.truncated,
  });
  return {
    message_id: line.id,
    persona_id: speaker.id,
    speaker: speaker.name,
    content,
    reason: "most_willing",
    ...roomLoreReport(lore),
    model: answer.model,
    tokens: { prompt: answer.promptTokens, completion: answer.completionTokens },
    ...(answer.truncated ? { truncated: true as const } : {}),
  };
}

async function loreFor(
  deps: RoomDeps,
  scan: {
    speaker: Persona;
    room: Room;
    round: string;
    seen: readonly RoomMessage[];
    user: string;
  },
) {
  const { lore } = deps;
  const { speaker, room } = scan;
  const books = await lore?.booksFor(speaker, room.id) ?? [];
  if (!lore || books.length === 0) return null;
  return await lore.activate({
    books,
    messages: scan.seen.map((line) => ({ name: line.speaker, text: line.content })),
    defaults: lore.defaults,
    substitute: macrosFor(speaker, scan.user),
    characterMessages: scan.seen.filter((line) => line.persona_id === speaker.id).length,
    character: loreCharacterOf(speaker),
    // The room's transcript (every line, whoever heard it) is the chat of the timed effects.
    chat: { id: { roomId: room.id }, length: () => deps.repository.count(room.id, scan) },
  });
}
