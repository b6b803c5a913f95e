import type Database from "better-sqlite3"

/**
 * Prepared statements of `db` by SQL text, the oldest dropped beyond `capacity` (multi-row
 * inserts make many distinct texts).
 */
export const statementCache = (db: Database.Database, capacity = 256) => {
  const prepared = new Map<string, Database.Statement>()
  return (sql: string): Database.Statement => {
    let statement = prepared.get(sql)
    if (statement === undefined) {
      statement = db.prepare(sql)
      if (prepared.size >= capacity) {
        const oldest = prepared.keys().next()
        if (oldest.done !== true) prepared.delete(oldest.value)
      }
      prepared.set(sql, statement)
    }
    return statement
  }
}
