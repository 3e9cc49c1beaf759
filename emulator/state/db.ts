// The emulator's state, in SQLite (Node's built-in `node:sqlite`, no native build): in memory by
// default, or in a file that survives restarts.
import type { DatabaseSync, SQLInputValue, StatementResultingChanges } from "node:sqlite";

export type SqlValue = SQLInputValue;

/** A prepared statement. Rows come back untyped: each caller names the row type it selects. */
export interface Statement {
  get(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): unknown[];
  run(...params: SqlValue[]): StatementResultingChanges;
}

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
  mime_type TEXT NOT NULL, size INTEGER NOT NULL, bytes BLOB NOT NULL, created_at INTEGER NOT NULL, uploaded_by TEXT);
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
 * Loads `node:sqlite`. On Node 22 it is still flagged experimental and prints an
 * ExperimentalWarning when first loaded; that one warning is dropped, any other goes through.
 */
function loadSqlite(): typeof import("node:sqlite") {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (type === "ExperimentalWarning" && String(warning).includes("SQLite")) return;
    Reflect.apply(emitWarning, this, [warning, ...rest]);
  } as typeof process.emitWarning;
  try {
    return process.getBuiltinModule("node:sqlite");
  } finally {
    process.emitWarning = emitWarning;
  }
}

const { DatabaseSync: Database } = loadSqlite();

/**
 * A SQLite connection with the transaction helpers the emulator uses: `transaction(fn)()` runs fn
 * in a transaction, or in a savepoint inside one already open, and rolls back what fn did if it
 * throws; `begin`/`commit` hold a transaction open across calls (the group commit).
 */
export class Db {
  private depth = 0;
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly sqlite: DatabaseSync) {}

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  exec(text: string): void {
    this.sqlite.exec(text);
  }

  prepare(text: string): Statement {
    return this.sqlite.prepare(text);
  }

  /** A prepared statement, prepared once per connection. */
  statement(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.sqlite.prepare(text)));
    return statement;
  }

  transaction<T>(write: () => T): () => T {
    return () => {
      const savepoint = this.depth > 0 ? `nested_${this.depth}` : undefined;
      this.sqlite.exec(savepoint ? `SAVEPOINT ${savepoint}` : "BEGIN");
      this.depth += 1;
      try {
        const result = write();
        this.depth -= 1;
        this.sqlite.exec(savepoint ? `RELEASE ${savepoint}` : "COMMIT");
        return result;
      } catch (error) {
        this.depth -= 1;
        this.sqlite.exec(savepoint ? `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}` : "ROLLBACK");
        throw error;
      }
    };
  }

  begin(): void {
    this.sqlite.exec("BEGIN");
    this.depth = 1;
  }

  /** Commits the open transaction; if the commit fails, rolls it back and throws. */
  commit(): void {
    this.depth = 0;
    try {
      this.sqlite.exec("COMMIT");
    } catch (error) {
      this.rollbackIfOpen();
      throw error;
    }
  }

  /** A failed COMMIT may leave its transaction open (a deferred constraint, a busy lock) or not. */
  private rollbackIfOpen(): void {
    try {
      this.sqlite.exec("ROLLBACK");
    } catch (error) {
      if (!/no transaction is active/.test(String(error))) throw error;
    }
  }

  close(): void {
    this.sqlite.close();
  }
}

/**
 * Opens the database and creates its schema. A file database runs in WAL mode with
 * `synchronous = NORMAL`: every transaction is in the WAL (written with write(2)) before the call
 * that committed it returns, so before the 201 goes out; a killed process loses nothing. Only an
 * OS crash or power cut could lose the last transactions, which would need `synchronous = FULL`
 * and an fsync per write.
 */
export function openDatabase(file?: string): Db {
  const sqlite = new Database(file ?? ":memory:");
  if (file) sqlite.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
  sqlite.exec(SCHEMA);
  // A file kept by an emulator from before files recorded their uploader.
  const fileColumns = sqlite.prepare("SELECT name FROM pragma_table_info('files')").all() as { name: string }[];
  if (!fileColumns.some(({ name }) => name === "uploaded_by")) sqlite.exec("ALTER TABLE files ADD COLUMN uploaded_by TEXT");
  return new Db(sqlite);
}

/** A prepared statement, prepared once per database. */
export const sql = (db: Db, text: string): Statement => db.statement(text);
