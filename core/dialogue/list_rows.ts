/**
 * Listing dialogues (`conversation.list`): newest first, by `(started_at, rowid)`, each with the
 * key a next page starts after, read in the same query as the page.
 *
 * @module
 */
import { badCursor } from "../paging.ts";
import type { Database } from "../storage/database.ts";

/** Which dialogues `DialogueRepository.list` returns. */
export interface DialogueFilter {
  personaId?: string;
  status?: "active" | "ended";
  limit: number;
  /** Dialogues skipped first (paging; ignored with `after`). */
  offset?: number;
  /** A {@linkcode ListedDialogue.key}: the list starts right after that dialogue. */
  after?: string;
}

/** A listed dialogue and its place in the list (`started_at|rowid`, opaque to callers). */
export interface ListedDialogue {
  id: string;
  key: string;
}

/**
 * Dialogues of `db`, newest first, optionally of one persona and/or one status, after
 * `filter.after`'s key or from `filter.offset`, each with its key.
 */
export async function listDialogues(
  db: Database,
  filter: DialogueFilter,
): Promise<ListedDialogue[]> {
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (filter.personaId) {
    where.push(
      "id IN (SELECT dialogue_id FROM dialogue_participants WHERE persona_id = ?)",
    );
    params.push(filter.personaId);
  }
  if (filter.status) {
    where.push("status = ?");
    params.push(filter.status);
  }
  if (filter.after !== undefined) {
    // By key: dialogues started or ended meanwhile neither repeat nor hide unseen ones.
    const key = /^(\d{1,16})\|(\d{1,16})$/.exec(filter.after);
    if (!key) throw badCursor();
    where.push("(started_at, rowid) < (?, ?)");
    params.push(Number(key[1]), Number(key[2]));
  }
  const clause = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const rows = await db.all<
    { id: string; started_at: number | string; rowid: number | string }
  >(
    `SELECT id, started_at, rowid FROM dialogues ${clause}
     ORDER BY started_at DESC, rowid DESC LIMIT ? OFFSET ?`,
    ...params,
    filter.limit,
    filter.after === undefined ? filter.offset ?? 0 : 0,
  );
  return rows.map((row) => ({ id: row.id, key: `${row.started_at}|${row.rowid}` }));
}
