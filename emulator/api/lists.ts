// The list operations' shared shape: a page of resources, newest first (unless the config's
// readings say otherwise).
import type { ApiRequest, EmulatorContext, Success } from "../context.ts";
import { listPage, type ListQuery } from "../state/pagination.ts";

export function listReply<Row extends { seq: number }>(emulator: EmulatorContext, request: ApiRequest, query: ListQuery<Row>): Success {
  const limit = request.query.number("limit") ?? request.operation.defaultPageSize;
  if (limit === undefined) throw new Error(`${request.operation.operationId} has no page size in the spec`);
  const page = listPage(emulator.db, query, limit, request.query.optional("cursor"));
  const data = emulator.config.readings.list_order === "oldest_first" ? page.data.toReversed() : page.data;
  return { body: { data, has_more: page.has_more, next_cursor: page.next_cursor } };
}
