/**
 * The books in play for a persona (and room), kept between chats (`LorebookRepository.inPlay`, a
 * `KeptReads` of core/storage/kept_reads.ts): every chat read them with two statements (43-77 µs,
 * session 28) though they change rarely. They go when this process writes a book or an attachment
 * (before and after each write, so a read that overlapped one is not kept), when a persona is
 * deleted (its own book goes with it, from others' books in play too), and when the change stamp
 * of {@linkcode LORE_TOPIC} moves: another process's or node's commit (SQLite: any table's;
 * PostgreSQL: the lore tables', by the migration `lorebooks_5_change_topic`), within
 * `CHANGE_CHECK_MS` as every cache of `Database.changeStamp`.
 *
 * @module
 */

/** The change topic (`Database.changeStamp`) of the lore tables. */
export const LORE_TOPIC = "lore";
