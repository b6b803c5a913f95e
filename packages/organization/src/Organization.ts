import { Schema } from "effect"
import { Wire } from "@nordscreen/core"

// Element schemas of the organization result (contract §9.2). Each country composes its own
// result model from these (§9.3), so a country can replace one element without touching others.

const CodeDescription = Wire.WireStruct({
  code: Wire.opt(Schema.String),
  description: Wire.opt(Schema.String)
})

/**
 * The fields of §9.2 `KeyInformation`. `organizationType` is the registry's legal form, an open
 * string here: a country that knows its list (§9.6) replaces the field with its
 * own `OpenEnum`, and every country may add fields (`nationalFields`, §9.3).
 */
export const keyInformationFields = {
  name: Wire.opt(Schema.String),
  organizationNumber: Wire.opt(Schema.String),
  dunsNumber: Wire.opt(Schema.String),
  leiNumber: Wire.opt(Schema.String),
  organizationType: Wire.opt(Schema.String),
  phoneNumber: Wire.opt(Schema.String),
  country: Wire.opt(Schema.String),
  registeredDate: Wire.opt(Wire.WireDate),
  establishedDate: Wire.opt(Wire.WireDate),
  webpage: Wire.opt(Schema.String),
  purpose: Wire.opt(Schema.String),
  employees: Wire.opt(Wire.WireStruct({ from: Wire.opt(Schema.Number), to: Wire.opt(Schema.Number) })),
  memberOfRegistries: Wire.optList(Schema.String),
  institutionalSector: Wire.opt(CodeDescription),
  industrySector: Wire.opt(CodeDescription),
  statusCodes: Wire.optList(Schema.String),
  metadata: Wire.opt(Wire.Metadata)
}

export const KeyInformation = Wire.WireStruct(keyInformationFields, "KeyInformation")
export interface KeyInformation extends Schema.Schema.Type<typeof KeyInformation> {}

/** §9.3: the §9.2 fields plus the registry's own extras under `nationalFields`. */
export const nationalKeyInformationFields = {
  ...keyInformationFields,
  nationalFields: Wire.opt(Wire.OpenMap)
}

export const Lei = Wire.WireStruct(
  { leiNumber: Wire.opt(Schema.String), metadata: Wire.opt(Wire.Metadata) },
  "Lei"
)

export const Addresses = Wire.WireStruct(
  {
    visitingAddress: Wire.opt(Wire.Address),
    postalAddress: Wire.opt(Wire.Address),
    metadata: Wire.opt(Wire.Metadata)
  },
  "Addresses"
)

export const OrganizationRoleName = Wire.OpenEnum(
  "CEO",
  "CHAIRMAN_OF_THE_BOARD",
  "DEPUTY_CHAIRMAN_OF_THE_BOARD",
  "BOARD_MEMBER",
  "DEPUTY_BOARD_MEMBER",
  "EMPLOYEES_REPRESENTATIVE",
  "OBSERVER",
  "CONTACT",
  "LIABLE_PARTNER",
  "COMPANY_SECRETARY",
  "REPRESENTATIVE_FOREIGN_ENTITY",
  "AUDITOR",
  "AUDIT_EXEMPTION",
  "CERTIFIED_ACCOUNTANT",
  "PROPRIETOR",
  "TRUSTEE",
  "UNKNOWN",
  "PARTICIPANT_WITH_SHARED_LIABILITY",
  "PARTICIPANT_WITH_UNLIMITED_LIABILITY",
  "MANAGING_OWNER",
  "OWNERSHIP_COUNTY",
  "COMPLEMENTARY",
  "JOINT_OWNER"
)

export const OrganizationRole = Wire.WireStruct(
  {
    role: Wire.opt(OrganizationRoleName),
    name: Wire.opt(Schema.String),
    firstName: Wire.opt(Schema.String),
    lastName: Wire.opt(Schema.String),
    dateOfBirth: Wire.opt(Wire.WireDate),
    organizationNumber: Wire.opt(Schema.String),
    country: Wire.opt(Schema.String),
    metadata: Wire.opt(Wire.Metadata)
  },
  "OrganizationRole"
)
export interface OrganizationRole extends Schema.Schema.Type<typeof OrganizationRole> {}

export const BeneficialOwnerReason = Wire.OpenEnum(
  "DIRECT_OWNERSHIP",
  "INDIRECT_CONTROL_OR_OWNERSHIP",
  "ROLE_IN_FOUNDATION",
  "INDIRECT_CONTROL_THROUGH_FOUNDATION_ROLE",
  "VOTING_RIGHTS",
  "VOTING_RIGHTS_AND_DIRECT_OWNERSHIP"
)

export const BeneficialOwner = Wire.WireStruct(
  {
    name: Wire.opt(Schema.String),
    firstName: Wire.opt(Schema.String),
    lastName: Wire.opt(Schema.String),
    dateOfBirth: Wire.opt(Wire.WireDate),
    address: Wire.opt(Wire.Address),
    percentageControl: Wire.opt(Schema.Number),
    integratedOwnership: Wire.opt(Schema.Number),
    reason: Wire.opt(BeneficialOwnerReason),
    reasonPhrase: Wire.opt(Schema.String),
    citizenship: Wire.optList(Schema.String),
    birthplace: Wire.opt(Schema.String),
    otherInformation: Wire.opt(
      Wire.WireStruct({ deceased: Wire.opt(Schema.Boolean), deceasedDate: Wire.opt(Wire.WireDate) })
    )
  },
  "BeneficialOwner"
)
export interface BeneficialOwner extends Schema.Schema.Type<typeof BeneficialOwner> {}

export const Shareholder = Wire.WireStruct(
  {
    name: Wire.opt(Schema.String),
    organizationNumber: Wire.opt(Schema.String),
    dateOfBirth: Wire.opt(Wire.WireDate),
    percentage: Wire.opt(Schema.Number),
    type: Wire.opt(Wire.OpenEnum("PERSON", "ORGANIZATION"))
  },
  "Shareholder"
)

export const Subsidiary = Wire.WireStruct(
  {
    name: Wire.opt(Schema.String),
    organizationNumber: Wire.opt(Schema.String),
    percentage: Wire.opt(Schema.Number)
  },
  "Subsidiary"
)

export const Ownership = Wire.WireStruct(
  {
    beneficials: Wire.optList(BeneficialOwner),
    shareholders: Wire.optList(Shareholder),
    subsidiaries: Wire.optList(Subsidiary),
    indicators: Wire.opt(Wire.OpenMap),
    metadata: Wire.opt(Wire.Metadata)
  },
  "Ownership"
)
export interface Ownership extends Schema.Schema.Type<typeof Ownership> {}

const Signer = Wire.WireStruct({
  name: Wire.opt(Schema.String),
  dateOfBirth: Wire.opt(Wire.WireDate),
  role: Wire.opt(Schema.String)
})

/** Signature rights or procuration; note the contract's spelling `IN_CONCLUSIVE`. */
export const Authority = Wire.WireStruct(
  {
    status: Wire.opt(Wire.OpenEnum("CONCLUSIVE", "IN_CONCLUSIVE", "NOT_SET")),
    description: Wire.opt(Schema.String),
    options: Wire.optList(Wire.WireStruct({ required: Wire.optList(Signer) })),
    remarks: Wire.optList(
      Wire.WireStruct({
        category: Wire.opt(Wire.OpenEnum("EXCEPTIONS_POSSIBLE", "SUPPLEMENTED", "INCOMPLETE_DATA")),
        comment: Wire.opt(Schema.String)
      })
    ),
    metadata: Wire.opt(Wire.Metadata)
  },
  "Authority"
)
export interface Authority extends Schema.Schema.Type<typeof Authority> {}

const amount = Wire.opt(Schema.Number)

export const AccountingYear = Wire.WireStruct(
  {
    year: Wire.opt(Schema.Number),
    incomeStatement: Wire.opt(
      Wire.WireStruct({
        salesRevenues: amount,
        otherRevenues: amount,
        totalRevenues: amount,
        costOfGoodsSold: amount,
        inventoryChanges: amount,
        salaryCosts: amount,
        financialCosts: amount,
        depreciations: amount,
        amortizations: amount,
        otherOperatingCosts: amount,
        operatingProfits: amount,
        ordinaryProfits: amount,
        taxes: amount,
        extraordinaryRevenues: amount,
        extraordinaryCosts: amount,
        minorityInterests: amount,
        resultBeforeTax: amount,
        netProfits: amount
      })
    ),
    balanceSheet: Wire.opt(
      Wire.WireStruct({
        currentAssets: amount,
        fixedAssets: amount,
        sumAssets: amount,
        equity: amount,
        debt: amount,
        sumEquityAndDebt: amount
      })
    )
  },
  "AccountingYear"
)

const Firm = Wire.WireStruct({
  name: Wire.opt(Schema.String),
  organizationNumber: Wire.opt(Schema.String),
  metadata: Wire.opt(Wire.Metadata)
})

export const Financials = Wire.WireStruct(
  {
    accounting: Wire.opt(
      Wire.WireStruct({ years: Wire.optList(AccountingYear), metadata: Wire.opt(Wire.Metadata) })
    ),
    keyFigures: Wire.opt(
      Wire.WireStruct({
        shareCapital: amount,
        turnOver: amount,
        operatingProfit: amount,
        equity: amount,
        earnings: amount,
        financialIncome: amount,
        metadata: Wire.opt(Wire.Metadata)
      })
    ),
    auditor: Wire.opt(Firm),
    accountant: Wire.opt(Firm)
  },
  "Financials"
)
export interface Financials extends Schema.Schema.Type<typeof Financials> {}

/** Sanction screening of the organization itself (legacy name `sanction`). */
export const OrganizationAml = Wire.WireStruct(
  {
    sanctionResults: Wire.optList(Wire.ScreeningHit),
    status: Wire.opt(Wire.OpenEnum("NONE", "SANCTION", "UNKNOWN")),
    message: Wire.opt(Schema.String),
    metadata: Wire.opt(Wire.Metadata)
  },
  "OrganizationAml"
)
export interface OrganizationAml extends Schema.Schema.Type<typeof OrganizationAml> {}

/**
 * Top-level elements of §9.2 except `keyInformation`, which each country supplies. Spread into
 * a country's own `WireStruct`, or use `organizationResult`.
 */
export const organizationElementFields = {
  lei: Wire.opt(Lei),
  addresses: Wire.opt(Addresses),
  roles: Wire.optList(OrganizationRole),
  ownership: Wire.opt(Ownership),
  signatureRights: Wire.opt(Authority),
  procuration: Wire.opt(Authority),
  financials: Wire.opt(Financials),
  aml: Wire.opt(OrganizationAml),
  links: Wire.opt(Wire.Links)
}

/** What every country's organization result has in common; the shared summary reads this. */
export interface OrganizationResultCommon {
  readonly keyInformation?: KeyInformation | null
  readonly roles?: ReadonlyArray<OrganizationRole> | null
  readonly ownership?: Ownership | null
  readonly aml?: OrganizationAml | null
}

/**
 * A country's organization result (§9.2/§9.3): its own `keyInformation` and the shared elements.
 * `keyInformation` is a `WireStruct` of `keyInformationFields` (or `nationalKeyInformationFields`)
 * plus or minus what the country's registry sends.
 */
export const organizationResult = <Key extends Schema.Schema.Any>(keyInformation: Key, identifier: string) =>
  Wire.WireStruct({ keyInformation: Wire.opt(keyInformation), ...organizationElementFields }, identifier)
