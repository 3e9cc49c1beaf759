import type { Handler } from "../context.ts";
import { toLine } from "../state/resources.ts";
import type { LineRow } from "../state/rows.ts";
import { listReply } from "./lists.ts";

/** The lines the key can see: all, or its own lines and the sandbox line. */
export const listLines: Handler = (request, emulator) => {
  const lines = request.key.lines;
  return listReply<LineRow>(emulator, request, {
    list: "lines",
    select: "SELECT * FROM lines WHERE (? OR is_sandbox = 1 OR handle IN (SELECT value FROM json_each(?)))",
    args: [lines ? 0 : 1, JSON.stringify(lines ? [...lines] : [])],
    sortBy: "seq",
    sortValue: (row) => row.seq,
    toResource: toLine,
  });
};
