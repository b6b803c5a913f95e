import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Layer } from "effect"
import { durableStepsConformance } from "../src/conformance.js"
import { EmbeddedDurableSteps, StepJournal } from "../src/index.js"
import { sqlDurableStepsLayer } from "../src/sql.js"

durableStepsConformance({
  name: "embedded, in memory",
  storage: async () => {
    const journal = StepJournal.makeMemoryJournal()
    return { process: EmbeddedDurableSteps.embeddedDurableStepsLayer(journal), close: async () => {} }
  }
})

durableStepsConformance({
  name: "embedded, SQLite through @effect/sql",
  storage: async () => {
    const dir = mkdtempSync(join(tmpdir(), "nordscreen-steps-"))
    // Every build opens the file anew: a restart is a new connection to the same database.
    const process = sqlDurableStepsLayer().pipe(
      Layer.provide(SqliteClient.layer({ filename: join(dir, "steps.sqlite") }))
    )
    return { process, close: async () => rmSync(dir, { recursive: true, force: true }) }
  }
})
