// Newest-first keyset pagination with opaque cursors. A cursor names the list it came from and the
// position after the last item of its page, so pages stay stable while new items arrive.
import type { JsonObject } from "../../spec/openapi.ts";
import { ApiError } from "../http/errors.ts";
import { sql, type Db, type SqlValue } from "./db.ts";

export interface Page {
  data: JsonObject[];
  has_more: boolean;
  next_cursor: string | null;
}

export interface ListQuery<Row> {
  /** Names the list, so a cursor from another list is refused. */
  list: string;
  /** `SELECT * FROM <table> WHERE …` without ORDER BY or LIMIT. */
  select: string;
  args: SqlValue[];
  /** The column (or expression) to sort by, newest first; ties are broken by insertion order. */
  sortBy: string;
  sortValue: (row: Row) => number;
  toResource: (row: Row) => JsonObject;
}

/** The rows of `table` whose `column` is `value`, newest first by the numeric column `sortBy`. */
export function rowsWhere<Row extends { seq: number }>(
  table: string,
  column: string,
  value: string,
  sortBy: keyof Row & string,
  toResource: (row: Row) => JsonObject,
): ListQuery<Row> {
  return {
    list: `${table}:${value}`,
    select: `SELECT * FROM ${table} WHERE ${column} = ?`,
    args: [value],
    sortBy,
    sortValue: (row) => row[sortBy] as number,
    toResource,
  };
}

interface Position {
  list: string;
  key: number;
  seq: number;
}

export function listPage<Row extends { seq: number }>(db: Db, query: ListQuery<Row>, limit: number, cursor: string | undefined): Page {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, query.list);
  const where = after ? ` AND (${query.sortBy} < ? OR (${query.sortBy} = ? AND seq < ?))` : "";
  const rows = sql(db, `${query.select}${where} ORDER BY ${query.sortBy} DESC, seq DESC LIMIT ?`).all(
    ...query.args,
    ...(after ? [after.key, after.key, after.seq] : []),
    limit + 1,
  ) as Row[];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const hasMore = rows.length > limit && last !== undefined;
  return {
    data: page.map(query.toResource),
    has_more: hasMore,
    next_cursor: hasMore ? encodeCursor({ list: query.list, key: query.sortValue(last), seq: last.seq }) : null,
  };
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.list, position.key, position.seq])).toString("base64url");
}

function decodeCursor(cursor: string, list: string): Position {
  try {
    const [name, key, seq] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (name === list && Number.isInteger(key) && Number.isInteger(seq)) return { list, key: key as number, seq: seq as number };
  } catch {
    // fall through: not one of our cursors
  }
  throw new ApiError("invalid_parameter_value", "cursor", "The 'cursor' parameter is not a cursor from this list. Pass back a next_cursor unchanged.");
}
