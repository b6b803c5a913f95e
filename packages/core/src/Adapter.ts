import type { Schema } from "effect"
import type { EntitySummary } from "./EntitySummary.js"
import type { WireProfile } from "./WireProfile.js"

/** What an adapter looks up. */
export type EntityKind = "organization" | "person"

/** PDF reports of the contract (§8). Open: a future report type is a plain string. */
export type ReportType = "aml" | "certificate_of_incorporation" | (string & {})

/**
 * A report language (contract §5.1 `language`). The values an endpoint takes are its adapter's
 * (`CountryFacts.languages`); core passes the code on.
 */
export type Language = string

/**
 * Identifier rules follow the environment: `prod` validates in production mode, `simulator` and
 * `preprod` in test mode (identifiers.md §0).
 */
export type ValidationMode = "production" | "test"

/** A cell as the portfolio reader found it. `numeric` marks a spreadsheet number (identifiers.md §9.1). */
export interface Cell {
  readonly text: string
  readonly numeric: boolean
}

/** Canonical portfolio fields that header mapping produces. */
export type RowField =
  | "type"
  | "country"
  | "identifier"
  | "organizationNumber"
  | "duns"
  | "ssn"
  | "name"
  | "firstName"
  | "lastName"
  | "dateOfBirth"
  | "reference"

/** One portfolio row after header mapping. */
export interface PortfolioRow {
  /** File name as given by the user (for error messages). */
  readonly file: string
  /** Row number as a spreadsheet shows it (the header is row 1). */
  readonly rowNumber: number
  readonly cells: Readonly<Partial<Record<RowField, Cell>>>
  /** The header text each field was read from, so an error can name the column. */
  readonly columns: Readonly<Partial<Record<RowField, string>>>
}

/** An `E_*` (rejects the row) or `W_*` (reported only) finding, identifiers.md §0. */
export interface RowIssue {
  readonly code: string
  readonly field: RowField | undefined
  /** Plain-language reason; national identity numbers inside it are masked. */
  readonly message: string
}

export interface ValidRow<Input> {
  readonly _tag: "Valid"
  readonly input: Input
  /**
   * Stable key that makes two rows the same entity (e.g. `<adapter id>:<identifier>`). It may hold a
   * national identity number: never put it in a file name or a log line, use `hashKey` in core.
   */
  readonly entityKey: string
  /** Display label with national identity numbers masked. */
  readonly subject: string
  readonly warnings: ReadonlyArray<RowIssue>
}

export interface RejectedRow {
  readonly _tag: "Rejected"
  readonly issue: RowIssue
  readonly warnings: ReadonlyArray<RowIssue>
}

export type RowParse<Input> = ValidRow<Input> | RejectedRow

/**
 * How sure an adapter is that a row is for it: `explicit` when the row's type/country columns
 * name it, `likely` from the identifier's shape, `no` otherwise. The runner picks the single
 * explicit claim, else the single likely one; several likely claims make the row `E_AMBIGUOUS`.
 */
export type Claim = "explicit" | "likely" | "no"

/**
 * The type-column words of every registered adapter and English (`rowVocabulary`): a portfolio
 * names the kind in its own language, not the entity's (a bank's file uses its own word for the
 * companies of every country in it).
 */
export interface RowVocabulary {
  /** The kind a type-column text names; undefined when no word (or words of two kinds) fit. */
  readonly kindOf: (text: string) => EntityKind | undefined
}

/**
 * What a report shows of an entity's input (`Adapter.describe`): the adapter knows its input's
 * fields and which of them is a national identity number, the report does not guess.
 */
export interface InputDescription {
  /**
   * The identifier as sent to the API, or, for an entity looked up without one, what identifies
   * it (name and date of birth). May be a national identity number: show `identifierMasked`
   * unless the user asked to reveal identifiers.
   */
  readonly identifier: string
  /** The same with national identity numbers masked: safe in any output. */
  readonly identifierMasked: string
  /** The name the portfolio gave, if any (the registry's name comes with the result). */
  readonly name: string | null
  /** ISO 3166-1 alpha-2 of the registry looked up. */
  readonly country: string
  readonly kind: EntityKind
}

export interface RequestOptions {
  readonly expands?: ReadonlyArray<string> | undefined
  readonly reports?: ReadonlyArray<ReportType> | undefined
  readonly language?: Language | undefined
}

/** National identity numbers as the logger must see them: it redacts every match, whoever logs it. */
export interface IdentityNumberFacts {
  /** Shapes of the country's identity numbers in running text (global regular expressions). */
  readonly patterns: ReadonlyArray<RegExp>
  /** Field names (in the country's languages) that hold one: their values are redacted whatever they are. */
  readonly fieldNames: ReadonlyArray<string>
}

/**
 * What the core needs to know of an adapter's country at run time. The core keeps no table of
 * countries: these facts come with the adapters and are collected from the `AdapterRegistry`.
 */
export interface CountryFacts {
  /**
   * Words a portfolio's country column uses for this country, in any language (its own name,
   * the English one, its neighbours'); compared without case or accents. The ISO code counts too.
   */
  readonly countryWords: ReadonlyArray<string>
  /**
   * Words for this adapter's kind in the country's languages. A portfolio's type column is in
   * the portfolio's language, not the entity's, so every adapter reads every registered
   * adapter's words (`rowVocabulary`); the English words (organization, company, ...) are core's.
   */
  readonly kindWords: ReadonlyArray<string>
  readonly identityNumbers: IdentityNumberFacts
  /** Report languages the endpoint takes (contract §5.1 `language`). */
  readonly languages: ReadonlyArray<Language>
}

/**
 * A country/resource plugin. The core runs any adapter registered in the `AdapterRegistry`;
 * adding a country is adding a package that exports one of these.
 */
export interface Adapter<Input = unknown, Result = unknown> {
  /** Unique among the registered adapters: `org-<country>`, `person-<country>`, ... */
  readonly id: string
  readonly kind: EntityKind
  /** ISO 3166-1 alpha-2 of the registry looked up. */
  readonly country: string
  /** The country's words, identity-number shapes and languages that the core needs at run time. */
  readonly facts: CountryFacts
  /** Create path relative to the AML base URL, e.g. `/organization/session/<country>`. */
  readonly sessionPath: string
  /** OAuth scopes the session endpoint needs (plus any optional widening scopes). */
  readonly scopes: ReadonlyArray<string>
  readonly expands: {
    readonly all: ReadonlyArray<string>
    readonly defaults: ReadonlyArray<string>
    /** Other spellings a caller may use → the expand of `all` they mean (e.g. `keyInformation.lei` → `lei`). */
    readonly aliases?: Readonly<Record<string, string>> | undefined
  }
  readonly reports: { readonly all: ReadonlyArray<ReportType>; readonly defaults: ReadonlyArray<ReportType> }
  /**
   * How sure the adapter is that `row` is its own. `vocabulary` holds the type-column words of
   * every registered adapter (`rowVocabulary`), as a portfolio names kinds in its own language.
   */
  readonly claim: (row: PortfolioRow, vocabulary: RowVocabulary) => Claim
  readonly parseRow: (row: PortfolioRow, mode: ValidationMode) => RowParse<Input>
  /**
   * The validated input `parseRow` produces, decoded from its encoded (JSON) form: a
   * `ScreenRequest` and the run journal carry the input encoded, so it can be stored or sent and
   * the adapter looked up by id.
   */
  readonly inputSchema: Schema.Schema<Input, unknown>
  /** What a report shows of an input: identifier (and its masked form), name, country, kind. */
  readonly describe: (input: Input) => InputDescription
  /**
   * The JSON body of the create call, without `webhook` and `reference` (the engine adds both
   * where the profile says so). Every convention of the wire (person shape, optional fields, PDF
   * selection, expand spellings) comes from `profile`; without one, the `simulator` profile.
   */
  readonly requestBody: (
    input: Input,
    options: RequestOptions,
    profile?: WireProfile
  ) => Record<string, unknown>
  /** Decodes the JSON result; tolerant of unknown fields, nulls and open enums. */
  readonly resultSchema: Schema.Schema<Result, unknown>
  readonly summarize: (result: Result) => EntitySummary
}

/** An adapter whose input and result types are not known to the caller (registry entries). */
// biome-ignore lint/suspicious/noExplicitAny: variance escape for heterogeneous registries; values stay typed inside each adapter
export type AnyAdapter = Adapter<any, any>
