// The emulator's state, in SQLite: in memory by default, or in a file that survives restarts.
import Database from "better-sqlite3";

export type Db = Database.Database;
type Statement = Database.Statement<unknown[], unknown>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lines (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, handle TEXT NOT NULL UNIQUE, label TEXT,
  service TEXT NOT NULL, is_active INTEGER NOT NULL, advanced_features INTEGER NOT NULL,
  is_sandbox INTEGER NOT NULL, paired_phone TEXT, daily_quota INTEGER, activated_at INTEGER);
CREATE TABLE IF NOT EXISTS chats (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, line_id TEXT NOT NULL, identifier TEXT NOT NULL,
  service TEXT NOT NULL, name TEXT, is_group INTEGER NOT NULL, participants TEXT NOT NULL,
  last_message_at INTEGER, has_received_inbound INTEGER NOT NULL, UNIQUE (line_id, identifier));
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, line_id TEXT NOT NULL, chat_id TEXT NOT NULL,
  guid TEXT NOT NULL UNIQUE, sender TEXT NOT NULL, text TEXT, attachments TEXT NOT NULL, service TEXT,
  is_from_me INTEGER NOT NULL, is_audio_message INTEGER, sent_at INTEGER NOT NULL,
  synced_at INTEGER NOT NULL, outbox_id TEXT, reply_to_guid TEXT);
CREATE INDEX IF NOT EXISTS messages_by_chat ON messages (chat_id, sent_at DESC, seq DESC);
CREATE TABLE IF NOT EXISTS reactions (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, message_id TEXT NOT NULL, chat_id TEXT NOT NULL,
  line_id TEXT NOT NULL, type TEXT NOT NULL, sender TEXT NOT NULL, is_from_me INTEGER NOT NULL,
  added INTEGER NOT NULL, sent_at INTEGER NOT NULL, synced_at INTEGER NOT NULL,
  UNIQUE (message_id, sender, type));
CREATE TABLE IF NOT EXISTS typing_indicators (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, chat_id TEXT NOT NULL, handle TEXT NOT NULL,
  is_typing INTEGER NOT NULL, updated_at INTEGER NOT NULL, UNIQUE (chat_id, handle));
CREATE TABLE IF NOT EXISTS read_receipts (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, chat_id TEXT NOT NULL, handle TEXT NOT NULL,
  last_read_at INTEGER NOT NULL, synced_at INTEGER NOT NULL, UNIQUE (chat_id, handle));
CREATE TABLE IF NOT EXISTS files (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, token TEXT NOT NULL UNIQUE, filename TEXT,
  mime_type TEXT NOT NULL, size INTEGER NOT NULL, bytes BLOB NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS webhooks (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, line_id TEXT NOT NULL, url TEXT NOT NULL,
  events TEXT NOT NULL, secret TEXT NOT NULL, is_active INTEGER NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, line_id TEXT NOT NULL, kind TEXT NOT NULL,
  payload TEXT NOT NULL, target TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL, created_at INTEGER NOT NULL, completed_at INTEGER, error TEXT,
  due_at INTEGER NOT NULL, fail_with TEXT);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (due_at) WHERE status IN ('pending', 'claimed');
CREATE INDEX IF NOT EXISTS outbox_sandbox_quota ON outbox (line_id, kind, created_at);
CREATE TABLE IF NOT EXISTS deliveries (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, webhook_id TEXT NOT NULL, event TEXT NOT NULL,
  data TEXT NOT NULL, url TEXT NOT NULL, attempts INTEGER NOT NULL, status TEXT NOT NULL,
  last_status_code INTEGER, created_at INTEGER NOT NULL, delivered_at INTEGER, due_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (due_at) WHERE status = 'pending';
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export const TABLES = [
  "lines", "chats", "messages", "reactions", "typing_indicators", "read_receipts",
  "files", "webhooks", "outbox", "deliveries", "settings",
] as const;

/**
 * Opens the database and creates its schema. A file database runs in WAL mode with
 * `synchronous = NORMAL`: every transaction is in the WAL (written with write(2)) before the call
 * that committed it returns, so before the 201 goes out; a killed process loses nothing. Only an
 * OS crash or power cut could lose the last transactions, which would need `synchronous = FULL`
 * and an fsync per write.
 */
export function openDatabase(file?: string): Db {
  const db = new Database(file ?? ":memory:");
  if (file) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
  }
  db.exec(SCHEMA);
  return db;
}

const cache = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, prepared once per database. */
export function sql(db: Db, text: string): Statement {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = db.prepare(text)));
  return statement;
}
