import { type Adapter, Wire } from "@nordscreen/core"

/** An identifier read from a row; `display` is safe to show (a sole trader's identity number is masked). */
export interface OrganizationIdentifier {
  readonly identifier: string
  readonly identifierType?: "DUNS"
  readonly display: string
}

/** The identifier rules of one country's organization endpoint. */
export interface OrganizationIdentifierRules<Type extends string = string> {
  readonly country: string
  /** Validator of the national organization number column. */
  readonly organizationNumber: Wire.IdentifierValidator<Type>
  readonly duns: Wire.IdentifierValidator<Type>
  /** `classifyIdentifier` of `@nordscreen/identifiers`. */
  readonly classify: (raw: string, country?: string) => ReadonlyArray<Type>
  /** Identifier types this endpoint takes from an organization column (besides DUNS). */
  readonly nationalTypes: ReadonlyArray<Type>
  /**
   * For the generic `identifier` column, when the country has its own rule (e.g. a 9-digit
   * orgnr-or-DUNS rule of identifiers.md §1, which needs the row's own country, if any).
   * Otherwise the value's shape picks the validator.
   */
  readonly resolveIdentifier?: (country: string | undefined) => Wire.IdentifierValidator<Type>
  /** Whether a DUNS without a country column is this endpoint's (only the home market's). */
  readonly dunsWithoutCountry: boolean
  /** Display form of a valid identifier, national identity numbers masked (`maskIdentifier`). */
  readonly display: (check: Wire.ValidIdentifier<Type>) => string
}

const organizationFields: ReadonlyArray<Adapter.RowField> = ["organizationNumber", "duns", "identifier"]

const byShape =
  <Type extends string>(
    rules: OrganizationIdentifierRules<Type>,
    country: string
  ): Wire.IdentifierValidator<Type> =>
  (raw, options) => {
    const types = rules.classify(raw, country)
    const national = rules.nationalTypes.some((type) => types.includes(type))
    return !national && types.some((type) => type === "DUNS")
      ? rules.duns(raw, options)
      : rules.organizationNumber(raw, options)
  }

const validatorFor = <Type extends string>(
  rules: OrganizationIdentifierRules<Type>,
  field: Adapter.RowField,
  country: string | undefined
): Wire.IdentifierValidator<Type> => {
  if (field === "organizationNumber") return rules.organizationNumber
  if (field === "duns") return rules.duns
  return rules.resolveIdentifier?.(country) ?? byShape(rules, country ?? rules.country)
}

/**
 * Reads the organization identifier of a row: the organization-number column, else the DUNS
 * column, else the generic identifier column (whose type the value's shape decides).
 */
export const readOrganizationIdentifier = <Type extends string>(
  row: Adapter.PortfolioRow,
  mode: Adapter.ValidationMode,
  rules: OrganizationIdentifierRules<Type>,
  country: string | undefined
): Wire.CellRead<OrganizationIdentifier> => {
  const field = Wire.firstPresent(row, organizationFields)
  if (field === undefined) {
    const message = "the row has no organisation number or DUNS number"
    return {
      ok: false,
      issue: Wire.rowIssue(row, "organizationNumber", { code: "E_EMPTY", message }),
      warnings: []
    }
  }
  const read = Wire.readIdentifier(row, field, validatorFor(rules, field, country), mode)
  if (!read.ok) return read
  const { type, value } = read.value
  const display = type === "DUNS" ? `DUNS ${value}` : rules.display(read.value)
  return {
    ok: true,
    value:
      type === "DUNS"
        ? { identifier: value, identifierType: "DUNS", display }
        : { identifier: value, display },
    warnings: read.warnings
  }
}

/** Whether a row's identifier has a shape this endpoint takes (the `likely` claim). */
export const organizationShapeFits = <Type extends string>(
  row: Adapter.PortfolioRow,
  rules: OrganizationIdentifierRules<Type>,
  country: string | undefined
): boolean => {
  const field = Wire.firstPresent(row, organizationFields)
  if (field === undefined) return false
  const types = rules.classify(row.cells[field]?.text ?? "", country)
  if (rules.nationalTypes.some((type) => types.includes(type))) return true
  const dunsHere = country === rules.country || (country === undefined && rules.dunsWithoutCountry)
  return dunsHere && types.some((type) => type === "DUNS")
}
