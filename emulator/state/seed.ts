// The seeded state: the config's lines. Starting on an existing database keeps its state and
// brings the lines up to date with the config; a reset empties everything and seeds again.
import type { ResolvedConfig } from "../config.ts";
import { stableId } from "../ids.ts";
import { sql, TABLES, type Db } from "./db.ts";

export function seedLines(db: Db, config: ResolvedConfig, now: number): void {
  db.transaction(() => {
    for (const line of config.lines) {
      sql(
        db,
        `INSERT INTO lines (id, handle, label, service, is_active, advanced_features, is_sandbox, paired_phone, daily_quota, activated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (handle) DO UPDATE SET label = excluded.label, service = excluded.service, is_active = excluded.is_active,
           advanced_features = excluded.advanced_features, is_sandbox = excluded.is_sandbox, paired_phone = excluded.paired_phone,
           daily_quota = excluded.daily_quota, activated_at = COALESCE(lines.activated_at, excluded.activated_at)`,
      ).run(
        stableId("LineId", line.handle), line.handle, line.label, line.service, line.is_active ? 1 : 0, line.advanced_features ? 1 : 0,
        line.sandbox ? 1 : 0, line.sandbox?.paired_phone ?? null, line.sandbox?.daily_quota ?? null, line.sandbox?.activated ? now : null,
      );
    }
  })();
}

export function resetState(db: Db, config: ResolvedConfig, now: number): void {
  db.transaction(() => {
    for (const table of TABLES) db.exec(`DELETE FROM ${table}`);
    seedLines(db, config, now);
  })();
}
