// Shapes of §6.2, §7.2, §9 and §10.2 written down from the contract, so a test can list every
// field whose type differs from the document and every field the document does not know.

export type Shape =
  | "string"
  | "number"
  | "boolean"
  | "scalar"
  | { readonly object: Fields; readonly open?: Shape }
  | { readonly list: Shape }
  | { readonly map: Shape }

export interface Field {
  readonly shape: Shape
  readonly required?: boolean
  readonly nullable?: boolean
}

export type Fields = Readonly<Record<string, Field | Shape>>

const asField = (f: Field | Shape): Field =>
  typeof f === "object" && "shape" in f ? f : { shape: f, nullable: true }

const typeProblem = (shape: Shape, value: unknown): boolean => {
  if (shape === "string") return typeof value !== "string"
  if (shape === "number") return typeof value !== "number"
  if (shape === "boolean") return typeof value !== "boolean"
  if (shape === "scalar") return !["string", "number", "boolean"].includes(typeof value)
  return false
}

/** Lists every deviation of `value` from `shape`, as `path: problem` lines. */
export const check = (shape: Shape, value: unknown, path = "$"): Array<string> => {
  if (typeof shape === "string") return typeProblem(shape, value) ? [`${path}: expected ${shape}`] : []
  if ("list" in shape) {
    if (!Array.isArray(value)) return [`${path}: expected a list`]
    return value.flatMap((item, i) =>
      item === null ? [`${path}[${i}]: null item`] : check(shape.list, item, `${path}[${i}]`)
    )
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return [`${path}: expected an object`]
  const entries = Object.entries(value)
  if ("map" in shape)
    return entries.flatMap(([k, v]) => (v === null ? [] : check(shape.map, v, `${path}.${k}`)))
  const problems: Array<string> = []
  for (const [name, spec] of Object.entries(shape.object)) {
    const field = asField(spec)
    if (field.required === true && !(name in value)) problems.push(`${path}.${name}: missing`)
  }
  for (const [name, v] of entries) {
    const spec = shape.object[name]
    if (spec === undefined) {
      if (shape.open !== undefined) problems.push(...check(shape.open, v, `${path}.${name}`))
      else problems.push(`${path}.${name}: not in the contract`)
      continue
    }
    const field = asField(spec)
    if (v === null) {
      if (field.nullable !== true) problems.push(`${path}.${name}: null`)
      continue
    }
    problems.push(...check(field.shape, v, `${path}.${name}`))
  }
  return problems
}

const o = (fields: Fields): Shape => ({ object: fields })
const l = (shape: Shape): Shape => ({ list: shape })
const req = (shape: Shape, nullable = false): Field => ({ shape, required: true, nullable })

const metadata = o({
  sources: l("string"),
  urls: l("string"),
  lastChanged: "string",
  accountingYear: "number"
})
const linkItem = o({ href: req("string"), contentType: req("string"), rel: req("string") })
const links = o({ reports: l(linkItem), external: l(linkItem) })
const address = o({ street: "string", postalCode: "string", city: "string", country: "string" })
const listedAddress = o({
  countryName: "string",
  countryCode: "string",
  street: "string",
  postCode: "string",
  city: "string"
})
const screeningHit = o({
  matchIndicator: "number",
  matchIndicatorDescription: "string",
  nameMatchValue: "number",
  name: "string",
  birthDate: "string",
  birthDateInfo: l("string"),
  gender: "string",
  title: "string",
  function: "string",
  comment: "string",
  aliasList: l("string"),
  addressList: l(listedAddress),
  urlList: l("string"),
  provider: "string",
  source: "string",
  externalId: "string",
  firstUpdate: "string",
  lastUpdate: "string",
  metadata
})

const codeText = o({ code: "string", description: "string" })
const keyInformationFields: Fields = {
  name: "string",
  organizationNumber: "string",
  dunsNumber: "string",
  leiNumber: "string",
  organizationType: "string",
  phoneNumber: "string",
  country: "string",
  registeredDate: "string",
  establishedDate: "string",
  webpage: "string",
  purpose: "string",
  employees: o({ from: "number", to: "number" }),
  memberOfRegistries: l("string"),
  institutionalSector: codeText,
  industrySector: codeText,
  statusCodes: l("string"),
  metadata
}
const role = o({
  role: req("string"),
  name: "string",
  firstName: "string",
  lastName: "string",
  dateOfBirth: "string",
  organizationNumber: "string",
  country: "string",
  metadata
})
const beneficial = o({
  name: "string",
  firstName: "string",
  lastName: "string",
  dateOfBirth: "string",
  address,
  percentageControl: "number",
  integratedOwnership: "number",
  reason: "string",
  reasonPhrase: "string",
  citizenship: l("string"),
  birthplace: "string",
  otherInformation: o({ deceased: "boolean", deceasedDate: "string" })
})
const ownership = o({
  beneficials: l(beneficial),
  shareholders: l(
    o({
      name: "string",
      organizationNumber: "string",
      dateOfBirth: "string",
      percentage: "number",
      type: "string"
    })
  ),
  subsidiaries: l(o({ name: "string", organizationNumber: "string", percentage: "number" })),
  indicators: { map: "scalar" },
  metadata
})
const authority = o({
  status: "string",
  description: "string",
  options: l(o({ required: l(o({ name: "string", dateOfBirth: "string", role: "string" })) })),
  remarks: l(o({ category: "string", comment: "string" })),
  metadata
})
const numbers = (names: ReadonlyArray<string>): Shape =>
  o(Object.fromEntries(names.map((n): [string, Shape] => [n, "number"])))
const accountingYear = o({
  year: "number",
  incomeStatement: numbers([
    "salesRevenues",
    "otherRevenues",
    "totalRevenues",
    "costOfGoodsSold",
    "inventoryChanges",
    "salaryCosts",
    "financialCosts",
    "depreciations",
    "amortizations",
    "otherOperatingCosts",
    "operatingProfits",
    "ordinaryProfits",
    "taxes",
    "extraordinaryRevenues",
    "extraordinaryCosts",
    "minorityInterests",
    "resultBeforeTax",
    "netProfits"
  ]),
  balanceSheet: numbers(["currentAssets", "fixedAssets", "sumAssets", "equity", "debt", "sumEquityAndDebt"])
})
const firm = o({ name: "string", organizationNumber: "string", metadata })
const financials = o({
  accounting: o({ years: l(accountingYear), metadata }),
  keyFigures: o({
    shareCapital: "number",
    turnOver: "number",
    operatingProfit: "number",
    equity: "number",
    earnings: "number",
    financialIncome: "number",
    metadata
  }),
  auditor: firm,
  accountant: firm
})

const organizationResult = (keyInformation: Shape): Shape =>
  o({
    keyInformation: req(keyInformation),
    lei: o({ leiNumber: "string", metadata }),
    addresses: o({ visitingAddress: address, postalAddress: address, metadata }),
    roles: l(role),
    ownership,
    signatureRights: authority,
    procuration: authority,
    financials,
    aml: o({ sanctionResults: l(screeningHit), status: "string", message: "string", metadata }),
    links
  })

export const organizationResultNO = organizationResult(o(keyInformationFields))
export const organizationResultSEFI = organizationResult(
  o({ ...keyInformationFields, nationalFields: { map: "scalar" } })
)

const numberOfResidents = o({ residents: "number", houseType: "string", metaData: metadata })
const postalFields: Fields = {
  address: "string",
  address2: "string",
  postalcode: "string",
  city: "string",
  country: "string",
  registeredDate: "string",
  metaData: metadata
}
export const personResultNO = o({
  keyInformation: req(
    o({
      name: "string",
      firstName: "string",
      middleName: "string",
      lastName: "string",
      dateOfBirth: "string",
      ssn: "string",
      gender: "string",
      birthplace: "string",
      citizenship: l("string"),
      historicNames: l(o({ name: "string", from: "string", to: "string" })),
      metadata
    })
  ),
  address: o({
    national: o({ ...postalFields, numberOfResidents, personStatus: "string", addressStatus: "string" }),
    postal: o({ ...postalFields, numberOfResidents }),
    historic: l(o(postalFields)),
    matchStatus: "string"
  }),
  aml: o({
    pepResults: l(screeningHit),
    sanctionResults: l(screeningHit),
    status: "string",
    statusMessage: "string",
    list: l("string"),
    metadata
  }),
  roles: l(o({ role: "string", organizationNumber: "string", organizationName: "string", metadata })),
  identity: o({
    name: "string",
    commonName: "string",
    ssn: "string",
    originator: "string",
    serialNumber: "string"
  }),
  links
})

export const apiError = o({
  status: req("number"),
  error: req("string"),
  errorCode: req("string"),
  message: req("string"),
  path: "string",
  timestamp: req("string"),
  traceId: "string",
  details: l(o({ field: { shape: "string" }, issue: { shape: "string" } }))
})

const entityState = o({ status: req("string"), href: "string", readyAt: "string", expiresAt: "string" })
export const sessionInfo = o({
  sessionId: req("string"),
  resource: req("string"),
  country: req("string"),
  status: req("string"),
  createdAt: req("string"),
  updatedAt: req("string"),
  reference: "string",
  jsonData: req(entityState),
  reports: req({ map: entityState }),
  error: apiError
})

export const webhookPayload = o({
  sessionId: req("string"),
  status: req("string"),
  entity: req("string", true),
  resource: req("string"),
  country: req("string"),
  timestamp: req("string"),
  reference: req("string", true)
})
