/**
 * Task records that count their reads of a task's row or result: tests that pin what a view,
 * a poll or a listen's fingerprint reads from the table.
 *
 * @module
 */
import type { Database } from "../../storage/mod.ts";
import { TaskRecords } from "../records.ts";

/** Records on `db` and the number of row or result reads made through them so far. */
export function countingRecords(db: Database): { records: TaskRecords; reads: () => number } {
  let reads = 0;
  const records = new class extends TaskRecords {
    override get(id: string) {
      reads++;
      return super.get(id);
    }
    override resultJson(id: string) {
      reads++;
      return super.resultJson(id);
    }
  }(db);
  return { records, reads: () => reads };
}
