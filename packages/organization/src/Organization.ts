import { Schema } from "effect"
import {
  Address,
  Links,
  Metadata,
  OpenEnum,
  OpenMap,
  opt,
  optList,
  ScreeningHit,
  WireDate,
  WireStruct
} from "@nordscreen/core"

// Element schemas of the organization result (contract §9.2). Each country composes its own
// result model from these (§9.3), so a country can replace one element without touching others.

const CodeDescription = WireStruct({ code: opt(Schema.String), description: opt(Schema.String) })

/**
 * The fields of §9.2 `KeyInformation`. `organizationType` is the registry's legal form, an open
 * string here: a country that knows its list (§9.6) replaces the field with its
 * own `OpenEnum`, and every country may add fields (`nationalFields`, §9.3).
 */
export const keyInformationFields = {
  name: opt(Schema.String),
  organizationNumber: opt(Schema.String),
  dunsNumber: opt(Schema.String),
  leiNumber: opt(Schema.String),
  organizationType: opt(Schema.String),
  phoneNumber: opt(Schema.String),
  country: opt(Schema.String),
  registeredDate: opt(WireDate),
  establishedDate: opt(WireDate),
  webpage: opt(Schema.String),
  purpose: opt(Schema.String),
  employees: opt(WireStruct({ from: opt(Schema.Number), to: opt(Schema.Number) })),
  memberOfRegistries: optList(Schema.String),
  institutionalSector: opt(CodeDescription),
  industrySector: opt(CodeDescription),
  statusCodes: optList(Schema.String),
  metadata: opt(Metadata)
}

export const KeyInformation = WireStruct(keyInformationFields, "KeyInformation")
export interface KeyInformation extends Schema.Schema.Type<typeof KeyInformation> {}

/** §9.3: the §9.2 fields plus the registry's own extras under `nationalFields`. */
export const nationalKeyInformationFields = { ...keyInformationFields, nationalFields: opt(OpenMap) }

export const Lei = WireStruct({ leiNumber: opt(Schema.String), metadata: opt(Metadata) }, "Lei")

export const Addresses = WireStruct(
  {
    visitingAddress: opt(Address),
    postalAddress: opt(Address),
    metadata: opt(Metadata)
  },
  "Addresses"
)

export const OrganizationRoleName = OpenEnum(
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

export const OrganizationRole = WireStruct(
  {
    role: opt(OrganizationRoleName),
    name: opt(Schema.String),
    firstName: opt(Schema.String),
    lastName: opt(Schema.String),
    dateOfBirth: opt(WireDate),
    organizationNumber: opt(Schema.String),
    country: opt(Schema.String),
    metadata: opt(Metadata)
  },
  "OrganizationRole"
)
export interface OrganizationRole extends Schema.Schema.Type<typeof OrganizationRole> {}

export const BeneficialOwnerReason = OpenEnum(
  "DIRECT_OWNERSHIP",
  "INDIRECT_CONTROL_OR_OWNERSHIP",
  "ROLE_IN_FOUNDATION",
  "INDIRECT_CONTROL_THROUGH_FOUNDATION_ROLE",
  "VOTING_RIGHTS",
  "VOTING_RIGHTS_AND_DIRECT_OWNERSHIP"
)

export const BeneficialOwner = WireStruct(
  {
    name: opt(Schema.String),
    firstName: opt(Schema.String),
    lastName: opt(Schema.String),
    dateOfBirth: opt(WireDate),
    address: opt(Address),
    percentageControl: opt(Schema.Number),
    integratedOwnership: opt(Schema.Number),
    reason: opt(BeneficialOwnerReason),
    reasonPhrase: opt(Schema.String),
    citizenship: optList(Schema.String),
    birthplace: opt(Schema.String),
    otherInformation: opt(WireStruct({ deceased: opt(Schema.Boolean), deceasedDate: opt(WireDate) }))
  },
  "BeneficialOwner"
)
export interface BeneficialOwner extends Schema.Schema.Type<typeof BeneficialOwner> {}

export const Shareholder = WireStruct(
  {
    name: opt(Schema.String),
    organizationNumber: opt(Schema.String),
    dateOfBirth: opt(WireDate),
    percentage: opt(Schema.Number),
    type: opt(OpenEnum("PERSON", "ORGANIZATION"))
  },
  "Shareholder"
)

export const Subsidiary = WireStruct(
  {
    name: opt(Schema.String),
    organizationNumber: opt(Schema.String),
    percentage: opt(Schema.Number)
  },
  "Subsidiary"
)

export const Ownership = WireStruct(
  {
    beneficials: optList(BeneficialOwner),
    shareholders: optList(Shareholder),
    subsidiaries: optList(Subsidiary),
    indicators: opt(OpenMap),
    metadata: opt(Metadata)
  },
  "Ownership"
)
export interface Ownership extends Schema.Schema.Type<typeof Ownership> {}

const Signer = WireStruct({ name: opt(Schema.String), dateOfBirth: opt(WireDate), role: opt(Schema.String) })

/** Signature rights or procuration; note the contract's spelling `IN_CONCLUSIVE`. */
export const Authority = WireStruct(
  {
    status: opt(OpenEnum("CONCLUSIVE", "IN_CONCLUSIVE", "NOT_SET")),
    description: opt(Schema.String),
    options: optList(WireStruct({ required: optList(Signer) })),
    remarks: optList(
      WireStruct({
        category: opt(OpenEnum("EXCEPTIONS_POSSIBLE", "SUPPLEMENTED", "INCOMPLETE_DATA")),
        comment: opt(Schema.String)
      })
    ),
    metadata: opt(Metadata)
  },
  "Authority"
)
export interface Authority extends Schema.Schema.Type<typeof Authority> {}

const amount = opt(Schema.Number)

export const AccountingYear = WireStruct(
  {
    year: opt(Schema.Number),
    incomeStatement: opt(
      WireStruct({
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
    balanceSheet: opt(
      WireStruct({
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

const Firm = WireStruct({
  name: opt(Schema.String),
  organizationNumber: opt(Schema.String),
  metadata: opt(Metadata)
})

export const Financials = WireStruct(
  {
    accounting: opt(WireStruct({ years: optList(AccountingYear), metadata: opt(Metadata) })),
    keyFigures: opt(
      WireStruct({
        shareCapital: amount,
        turnOver: amount,
        operatingProfit: amount,
        equity: amount,
        earnings: amount,
        financialIncome: amount,
        metadata: opt(Metadata)
      })
    ),
    auditor: opt(Firm),
    accountant: opt(Firm)
  },
  "Financials"
)
export interface Financials extends Schema.Schema.Type<typeof Financials> {}

/** Sanction screening of the organization itself (legacy name `sanction`). */
export const OrganizationAml = WireStruct(
  {
    sanctionResults: optList(ScreeningHit),
    status: opt(OpenEnum("NONE", "SANCTION", "UNKNOWN")),
    message: opt(Schema.String),
    metadata: opt(Metadata)
  },
  "OrganizationAml"
)
export interface OrganizationAml extends Schema.Schema.Type<typeof OrganizationAml> {}

/**
 * Top-level elements of §9.2 except `keyInformation`, which each country supplies. Spread into
 * a country's own `WireStruct`, or use `organizationResult`.
 */
export const organizationElementFields = {
  lei: opt(Lei),
  addresses: opt(Addresses),
  roles: optList(OrganizationRole),
  ownership: opt(Ownership),
  signatureRights: opt(Authority),
  procuration: opt(Authority),
  financials: opt(Financials),
  aml: opt(OrganizationAml),
  links: opt(Links)
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
  WireStruct({ keyInformation: opt(keyInformation), ...organizationElementFields }, identifier)
