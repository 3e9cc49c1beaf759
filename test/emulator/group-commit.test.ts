import { describe, expect, it } from "vitest";
import { openDatabase } from "../../emulator/state/db.ts";
import { GroupCommit } from "../../emulator/state/group-commit.ts";

function setUp() {
  const db = openDatabase();
  db.exec("CREATE TABLE items (name TEXT NOT NULL UNIQUE)");
  const insert = (name: string) => () => db.prepare("INSERT INTO items (name) VALUES (?)").run(name);
  const names = () => (db.prepare("SELECT name FROM items ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return { db, commits: new GroupCommit(db), insert, names };
}

describe("group commit", () => {
  it("commits the writes of one turn together, before any of them resolves", async () => {
    const { db, commits, insert, names } = setUp();
    const committedWhenResolved: boolean[] = [];
    const writes = ["a", "b", "c"].map((name) => commits.run(insert(name)).then(() => committedWhenResolved.push(!db.inTransaction)));
    expect(db.inTransaction).toBe(true);
    await Promise.all(writes);
    expect(committedWhenResolved).toEqual([true, true, true]);
    expect(names()).toEqual(["a", "b", "c"]);
  });

  it("rolls back a write that throws, alone", async () => {
    const { commits, insert, names } = setUp();
    const first = commits.run(insert("a"));
    expect(() => commits.run(insert("a"))).toThrow(/UNIQUE/);
    await first;
    await commits.run(insert("b"));
    expect(names()).toEqual(["a", "b"]);
  });

  it("rejects every write of the group when its commit fails, so none is acknowledged", async () => {
    const { db, commits, insert } = setUp();
    // A deferred foreign key is only checked at COMMIT: the write succeeds, the group's commit fails.
    db.exec("CREATE TABLE parents (id INTEGER PRIMARY KEY); CREATE TABLE children (parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)");
    const orphan = () => db.prepare("INSERT INTO children (parent) VALUES (1)").run();
    const writes = [commits.run(insert("a")), commits.run(orphan), commits.run(insert("b"))];
    for (const write of writes) await expect(write).rejects.toThrow(/FOREIGN KEY/);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare("SELECT COUNT(*) AS n FROM items").get()).toEqual({ n: 0 });
  });
});
