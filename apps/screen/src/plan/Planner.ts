import { type Adapter, Wire } from "@nordscreen/core"
import type { SourceRow } from "../ingest/readPortfolio.js"
import { KeyTable } from "./internal/KeyTable.js"
import { RowPairs } from "./internal/RowPairs.js"
import { truncateText } from "../internal/truncateText.js"
import { maskRejectedRow, type RejectedRow } from "./RejectedRow.js"

export interface PlannerOptions {
  readonly adapters: ReadonlyArray<Adapter.AnyAdapter>
  readonly mode: Adapter.ValidationMode
  /** Show national identity numbers unmasked in rejected rows (else `maskRejectedRow`). */
  readonly revealIds?: boolean | undefined
  /**
   * Distinct entities to expect (e.g. the rows a file probably holds): the key table is made that
   * large at once, instead of doubling and leaving each smaller table for the collector.
   */
  readonly expectedEntities?: number | undefined
  /**
   * The header-level message for a field that rows need and no column of the file gives (see
   * `missingColumnMessage`); every such row carries it instead of a message of its own.
   */
  readonly describeMissingColumn?: ((field: Adapter.RowField) => string) | undefined
}

/** The first row of an entity: screened once, for every row that names it. */
export interface PlannedEntity {
  readonly _tag: "Entity"
  readonly rowNumber: number
  readonly reference: string | null
  readonly adapter: Adapter.AnyAdapter
  readonly input: unknown
  /**
   * The adapter's entity key. It may hold a national identity number: hash it (core `hashKey`)
   * before it goes to a file name, a log line or the journal.
   */
  readonly entityKey: string
  /** Display label, national identity numbers masked. */
  readonly subject: string
  readonly warnings: ReadonlyArray<Adapter.RowIssue>
}

/** A later row naming an entity already planned. */
export interface DuplicateRow {
  readonly _tag: "Duplicate"
  readonly rowNumber: number
  readonly reference: string | null
  readonly firstRowNumber: number
  readonly adapterId: string
  readonly warnings: ReadonlyArray<Adapter.RowIssue>
}

export interface Rejection {
  readonly _tag: "Rejected"
  readonly rejected: RejectedRow
  readonly warnings: ReadonlyArray<Adapter.RowIssue>
  /**
   * The field this row needs and the file has no column for: a fault of the header, reported
   * once (`PlanCounts.missingColumns`) rather than row by row.
   */
  readonly missingColumn?: Adapter.RowField | undefined
}

/** Rows that needed a field the header has no column for. */
export interface MissingColumn {
  readonly field: Adapter.RowField
  readonly rows: number
  readonly firstRow: number
  readonly message: string
}

export type PlanEvent = PlannedEntity | DuplicateRow | Rejection

export interface PlanCounts {
  readonly rows: number
  readonly entities: number
  readonly duplicates: number
  readonly rejected: number
  readonly rowsWithWarnings: number
  readonly entitiesByAdapter: Readonly<Record<string, number>>
  readonly rejectedByCode: Readonly<Record<string, number>>
  readonly warningsByCode: Readonly<Record<string, number>>
  /** By field, in the order first met; their rows are in `rejected` under `E_NO_COLUMN`. */
  readonly missingColumns: ReadonlyArray<MissingColumn>
}

export interface Planner {
  readonly plan: (source: SourceRow) => PlanEvent
  readonly counts: () => PlanCounts
  /**
   * Row numbers of the later rows that named the entity first seen at `firstRowNumber`. Scans every
   * duplicate recorded so far: for a report or a test, not for each row.
   */
  readonly duplicatesOf: (firstRowNumber: number) => ReadonlyArray<number>
}

const referenceOf = (row: Adapter.PortfolioRow): string | null => {
  const text = row.cells.reference?.text.trim()
  return text === undefined || text === "" ? null : text
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1
}

/** How many rows a missing column cost, for the one message that stands for them all. */
export const missingRowsText = (missing: MissingColumn): string =>
  `${missing.rows} row(s) need it and were not screened, the first is row ${missing.firstRow}.`

/** The fields whose column would give a row what an empty field asked for. */
const standIns: Partial<Record<Adapter.RowField, ReadonlyArray<Adapter.RowField>>> = {
  identifier: ["identifier", "organizationNumber", "duns", "ssn"],
  organizationNumber: ["organizationNumber", "duns", "identifier"],
  duns: ["organizationNumber", "duns", "identifier"],
  ssn: ["ssn", "identifier"],
  name: ["name", "firstName", "lastName"],
  firstName: ["name", "firstName", "lastName"],
  lastName: ["name", "firstName", "lastName"],
  dateOfBirth: ["dateOfBirth"]
}

/** The field a row lacks because no column of the file could hold it (not because a cell is empty). */
const missingColumnOf = (
  row: Adapter.PortfolioRow,
  issue: Adapter.RowIssue
): Adapter.RowField | undefined => {
  if (issue.code !== "E_EMPTY" || issue.field === undefined) return undefined
  const fields = standIns[issue.field]
  return fields?.every((field) => row.columns[field] === undefined) === true ? issue.field : undefined
}

/**
 * A rejected row is written to the journal, rejected.csv/json and the report once per row: its
 * texts are bounded here, whatever the reader let through, so that a huge value repeated in many
 * rows cannot grow those to gigabytes.
 */
const MAX_STORED_CHARS = 256
const boundStored = (text: string | null): string | null =>
  text === null || text.length <= MAX_STORED_CHARS ? text : truncateText(text, 200)

type Choice = { readonly adapter: Adapter.AnyAdapter } | { readonly issue: Adapter.RowIssue }

const identifierField = (row: Adapter.PortfolioRow) =>
  (["identifier", "organizationNumber", "ssn", "duns"] as const).find(
    (field) => (row.cells[field]?.text.trim() ?? "") !== ""
  )

const choose = (
  adapters: ReadonlyArray<Adapter.AnyAdapter>,
  vocabulary: Adapter.RowVocabulary,
  row: Adapter.PortfolioRow
): Choice => {
  const claims = adapters.map((adapter) => ({ adapter, claim: safeClaim(adapter, vocabulary, row) }))
  const explicit = claims.filter((c) => c.claim === "explicit")
  const likely = claims.filter((c) => c.claim === "likely")
  const pick = explicit.length > 0 ? explicit : likely
  if (pick.length === 1) return { adapter: pick[0]!.adapter }
  if (pick.length > 1)
    return {
      issue: {
        code: "E_AMBIGUOUS",
        field: undefined,
        message: `row fits ${pick.map((c) => c.adapter.id).join(" and ")}; add a type and country column to say which`
      }
    }
  const field = identifierField(row)
  return {
    issue: {
      code: field === undefined ? "E_EMPTY" : "E_NO_ADAPTER",
      field,
      message:
        field === undefined
          ? "row has no identifier (and not enough to look the entity up without one)"
          : `no adapter takes this row: supported are ${adapters.map((a) => `${a.id} (${a.kind}, ${a.country})`).join(", ")}; check the identifier, type and country columns`
    }
  }
}

const safeClaim = (
  adapter: Adapter.AnyAdapter,
  vocabulary: Adapter.RowVocabulary,
  row: Adapter.PortfolioRow
) => {
  try {
    return adapter.claim(row, vocabulary)
  } catch {
    return "no" as const
  }
}

/**
 * Classifies, validates and de-duplicates rows one at a time. State is a table from a seeded
 * 128-bit hash of the entity key to the first row number (plus 8 bytes per duplicate row), so
 * memory grows with distinct entities (~40 bytes each), not with the rows read, and holds no
 * raw national identity number. A cryptographic HMAC per row was measured at ~2 µs, a fifth of
 * the whole per-row budget, for no gain inside the process; see KeyTable.
 */
export const makePlanner = (options: PlannerOptions): Planner => {
  const firstRowByKey = new KeyTable(KeyTable.capacityFor(options.expectedEntities ?? 0))
  const duplicateRows = new RowPairs()
  let rows = 0
  let duplicates = 0
  let rejected = 0
  let rowsWithWarnings = 0
  const entitiesByAdapter: Record<string, number> = {}
  const rejectedByCode: Record<string, number> = {}
  const warningsByCode: Record<string, number> = {}
  const missingColumns = new Map<Adapter.RowField, MissingColumn>()

  const missing = (row: Adapter.PortfolioRow, field: Adapter.RowField): Adapter.RowIssue => {
    const seen = missingColumns.get(field)
    const message =
      seen?.message ??
      options.describeMissingColumn?.(field) ??
      `no column of the header row was recognised as ${field}; name it with --map "<column>=${field}"`
    missingColumns.set(field, {
      field,
      rows: (seen?.rows ?? 0) + 1,
      firstRow: seen?.firstRow ?? row.rowNumber,
      message
    })
    return { code: "E_NO_COLUMN", field: undefined, message }
  }

  const reject = (
    row: Adapter.PortfolioRow,
    found: Adapter.RowIssue,
    adapterId: string | null,
    warnings: ReadonlyArray<Adapter.RowIssue>
  ): Rejection => {
    const missingColumn = missingColumnOf(row, found)
    const issue = missingColumn === undefined ? found : missing(row, missingColumn)
    rejected++
    bump(rejectedByCode, issue.code)
    const record: RejectedRow = {
      file: row.file,
      rowNumber: row.rowNumber,
      reference: referenceOf(row),
      column: issue.field === undefined ? null : (row.columns[issue.field] ?? null),
      value: (issue.field === undefined ? undefined : row.cells[issue.field]?.text) ?? null,
      code: issue.code,
      message: issue.message,
      adapterId
    }
    // Masked first (a cut could split an identity number), then bounded.
    const shown = options.revealIds === true ? record : maskRejectedRow(record, issue.field)
    return {
      _tag: "Rejected",
      warnings,
      missingColumn,
      rejected: {
        ...shown,
        reference: boundStored(shown.reference),
        column: boundStored(shown.column),
        value: boundStored(shown.value),
        // Ours, but it may quote a header or a cell.
        message: shown.message.length <= 1000 ? shown.message : truncateText(shown.message, 1000)
      }
    }
  }

  // The type-column words of all the adapters, collected once for every row of the plan.
  const vocabulary = Wire.rowVocabulary(options.adapters)

  const parse = (adapter: Adapter.AnyAdapter, row: Adapter.PortfolioRow) => {
    try {
      return adapter.parseRow(row, options.mode)
    } catch {
      return undefined
    }
  }

  const plan = ({ row, issue }: SourceRow): PlanEvent => {
    rows++
    if (issue !== undefined) return reject(row, issue, null, [])
    const choice = choose(options.adapters, vocabulary, row)
    if ("issue" in choice) return reject(row, choice.issue, null, [])
    const { adapter } = choice
    const parsed = parse(adapter, row)
    if (parsed === undefined)
      return reject(
        row,
        { code: "E_ADAPTER", field: undefined, message: `adapter ${adapter.id} failed on this row` },
        adapter.id,
        []
      )
    for (const warning of parsed.warnings) bump(warningsByCode, warning.code)
    if (parsed.warnings.length > 0) rowsWithWarnings++
    if (parsed._tag === "Rejected") return reject(row, parsed.issue, adapter.id, parsed.warnings)
    const entityKey = parsed.entityKey
    const first = firstRowByKey.firstOrAdd(entityKey, row.rowNumber)
    if (first !== undefined) {
      duplicates++
      duplicateRows.add(first, row.rowNumber)
      return {
        _tag: "Duplicate",
        rowNumber: row.rowNumber,
        reference: referenceOf(row),
        firstRowNumber: first,
        adapterId: adapter.id,
        warnings: parsed.warnings
      }
    }
    bump(entitiesByAdapter, adapter.id)
    return {
      _tag: "Entity",
      rowNumber: row.rowNumber,
      reference: referenceOf(row),
      adapter,
      input: parsed.input,
      entityKey,
      subject: parsed.subject,
      warnings: parsed.warnings
    }
  }

  return {
    plan,
    counts: () => ({
      rows,
      entities: firstRowByKey.size,
      duplicates,
      rejected,
      rowsWithWarnings,
      entitiesByAdapter: { ...entitiesByAdapter },
      rejectedByCode: { ...rejectedByCode },
      warningsByCode: { ...warningsByCode },
      missingColumns: [...missingColumns.values()]
    }),
    duplicatesOf: (firstRowNumber) => duplicateRows.laterOf(firstRowNumber)
  }
}
