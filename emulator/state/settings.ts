// Small named values the emulator keeps beside its tables: the sandbox's activation code, the
// injected failures, the faults injected per operation.
import { sql, type Db } from "./db.ts";

export type SettingKey = "sandbox_activation_code" | "failures" | `fault:${string}`;

export function setting(db: Db, key: SettingKey): string | undefined {
  return (sql(db, "SELECT value FROM settings WHERE key = ?").get(key) as { value: string } | undefined)?.value;
}

export function saveSetting(db: Db, key: SettingKey, value: string): void {
  sql(db, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, value);
}

export function deleteSetting(db: Db, key: SettingKey): void {
  sql(db, "DELETE FROM settings WHERE key = ?").run(key);
}
