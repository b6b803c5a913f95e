import { type Adapter, type EntitySummary, Wire, WireProfile } from "@nordscreen/core"
import { Schema } from "effect"
import type { OrganizationResultCommon } from "./Organization.js"
import {
  organizationDefaultExpands,
  organizationExpandAliases,
  organizationExpands,
  organizationReports
} from "./OrganizationExpands.js"
import {
  type OrganizationIdentifierRules,
  organizationShapeFits,
  readOrganizationIdentifier
} from "./OrganizationIdentifier.js"
import { type RegistryVocabulary, summarizeOrganization } from "./OrganizationSummary.js"

/** Validated input of an organization session (contract §5.1). */
export interface OrganizationInput {
  /** Canonical identifier as sent to the API. */
  readonly identifier: string
  /** Set for DUNS numbers only; an organization number needs no disambiguator. */
  readonly identifierType?: "DUNS"
  /** The name the portfolio gave, for display only: the registry name comes with the result. */
  readonly name?: string
}

/** The encoded (JSON) form of an `OrganizationInput`, as a request carries it. */
export const OrganizationInputSchema: Schema.Schema<OrganizationInput, unknown> = Wire.fromWire(
  Schema.Struct({
    identifier: Schema.String,
    identifierType: Schema.optionalWith(Schema.Literal("DUNS"), { exact: true }),
    name: Schema.optionalWith(Schema.String, { exact: true })
  })
)

export interface OrganizationAdapterSpec<
  Result extends OrganizationResultCommon,
  Encoded,
  Type extends string
> {
  readonly id: string
  /** ISO alpha-2, upper case; the session path uses it in lower case. */
  readonly country: string
  readonly identifiers: Omit<OrganizationIdentifierRules<Type>, "country">
  /**
   * The country's words for its type and country columns, its identity numbers (a person's
   * number can stand in an organisation column, for a sole trader) and report languages.
   */
  readonly facts: Adapter.CountryFacts
  /**
   * The input's identifier as any output may show it: a national identity number (a sole
   * trader's, in an organisation column) masked, as in the row's `subject`.
   */
  readonly maskedIdentifier: (input: OrganizationInput) => string
  readonly resultSchema: Schema.Schema<Result, Encoded>
  /** Status code stems and legal forms of the country's registry that raise the summary's flags. */
  readonly registry?: RegistryVocabulary | undefined
  /**
   * Adjusts the shared request body for what only this endpoint wants (as `transformRequestBody`
   * of the AI SDK's openai-compatible provider). A convention of the wire that is ours rather than
   * the contract's belongs in the wire profile, not here.
   */
  readonly transformRequestBody?:
    | ((
        body: Record<string, unknown>,
        input: OrganizationInput,
        options: Adapter.RequestOptions
      ) => Record<string, unknown>)
    | undefined
  /** Adds to the shared summary what only this country's result carries. */
  readonly transformSummary?:
    | ((summary: EntitySummary.EntitySummary, result: Result) => EntitySummary.EntitySummary)
    | undefined
}

const displayName = (row: Adapter.PortfolioRow): string | undefined => {
  const cell = Wire.presentCell(row, "name")
  return cell === undefined ? undefined : cell.text.normalize("NFC").trim().replace(/\s+/g, " ")
}

/**
 * An organization adapter for one country's endpoint. Countries differ in identifier rules,
 * result model and registry words; the request body, claim rules and summary are the same
 * contract for all, with a hook for each place a country may differ.
 */
export const makeOrganizationAdapter = <
  Result extends OrganizationResultCommon,
  Encoded,
  Type extends string
>(
  spec: OrganizationAdapterSpec<Result, Encoded, Type>
): Adapter.Adapter<OrganizationInput, Result> => {
  const rules: OrganizationIdentifierRules<Type> = { ...spec.identifiers, country: spec.country }
  const namesCountry = Wire.countryNamer(spec.country, spec.facts.countryWords)
  const claim = Wire.makeClaim({
    kind: "organization",
    country: spec.country,
    fitsShape: (claimed, country) => organizationShapeFits(claimed, rules, country),
    words: { kind: spec.facts.kindWords, country: spec.facts.countryWords }
  })
  const adapter: Adapter.Adapter<OrganizationInput, Result> = {
    id: spec.id,
    kind: "organization",
    country: spec.country,
    facts: spec.facts,
    sessionPath: `/organization/session/${spec.country.toLowerCase()}`,
    scopes: ["aml_organization/basic"],
    expands: {
      all: organizationExpands,
      defaults: organizationDefaultExpands,
      aliases: organizationExpandAliases
    },
    reports: { all: organizationReports, defaults: organizationReports },
    claim,
    parseRow: (row, mode) => {
      const country = Wire.rowCountry(row, spec.country, namesCountry)
      const read = readOrganizationIdentifier(row, mode, rules, country === "other" ? undefined : country)
      if (!read.ok) return Wire.rejectRow(read.issue, read.warnings)
      const { identifier, identifierType, display } = read.value
      const name = displayName(row)
      const warnings: ReadonlyArray<Adapter.RowIssue> = read.warnings
      return {
        _tag: "Valid",
        input: {
          identifier,
          ...(identifierType === undefined ? {} : { identifierType }),
          ...(name === undefined ? {} : { name })
        },
        entityKey: `${spec.id}:${identifierType === "DUNS" ? "duns:" : ""}${identifier}`,
        subject: name === undefined ? display : `${name} (${display})`,
        warnings
      }
    },
    inputSchema: OrganizationInputSchema,
    describe: (input) => ({
      identifier: input.identifier,
      identifierMasked: spec.maskedIdentifier(input),
      name: input.name ?? null,
      country: spec.country,
      kind: "organization"
    }),
    requestBody: (input, options, profile = WireProfile.BUILT_IN_PROFILES.simulator) => {
      const body = {
        identifier: input.identifier,
        ...(profile.sendNationality ? { nationality: spec.country } : {}),
        ...(input.identifierType === undefined || !profile.sendIdentifierType
          ? {}
          : { identifierType: input.identifierType }),
        ...Wire.selectionFields(Wire.chooseExpands(adapter, options).expands, profile),
        language: options.language ?? "en"
      }
      return spec.transformRequestBody === undefined ? body : spec.transformRequestBody(body, input, options)
    },
    resultSchema: Wire.fromWire(spec.resultSchema),
    summarize: (result) => {
      const summary = summarizeOrganization(result, spec.registry)
      return spec.transformSummary === undefined ? summary : spec.transformSummary(summary, result)
    }
  }
  return adapter
}
