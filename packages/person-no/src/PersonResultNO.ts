import {
  Links,
  Metadata,
  OpenEnum,
  opt,
  optList,
  ScreeningHit,
  WireDate,
  WireStruct,
  withKeyAliases
} from "@nordscreen/core"
import { Schema } from "effect"

// Contract §9.4. Person address objects come with the legacy spellings `postalcode` and
// `metaData`; both spellings decode to `postalCode` and `metadata`.
const legacySpellings = { postalCode: ["postalcode"], metadata: ["metaData"] }

export const PersonGender = OpenEnum("Male", "Female", "Unknown")

export const PersonKeyInformation = WireStruct(
  {
    name: opt(Schema.String),
    firstName: opt(Schema.String),
    middleName: opt(Schema.String),
    lastName: opt(Schema.String),
    dateOfBirth: opt(WireDate),
    ssn: opt(Schema.String),
    gender: opt(PersonGender),
    birthplace: opt(Schema.String),
    citizenship: optList(Schema.String),
    historicNames: optList(WireStruct({ name: opt(Schema.String), from: opt(WireDate), to: opt(WireDate) })),
    metadata: opt(Metadata)
  },
  "PersonKeyInformation"
)
export interface PersonKeyInformation extends Schema.Schema.Type<typeof PersonKeyInformation> {}

export const HouseType = OpenEnum(
  "DetachedHouse",
  "Duplex",
  "Terraced",
  "Unused",
  "Apartment",
  "OfficePublicStudentHouseOrOthers",
  "Other"
)

export const NumberOfResidents = withKeyAliases(
  WireStruct({ residents: opt(Schema.Number), houseType: opt(HouseType), metadata: opt(Metadata) }),
  legacySpellings
)

const addressFields = {
  address: opt(Schema.String),
  address2: opt(Schema.String),
  postalCode: opt(Schema.String),
  city: opt(Schema.String),
  country: opt(Schema.String),
  registeredDate: opt(WireDate),
  metadata: opt(Metadata)
}

export const PersonStatus = OpenEnum(
  "RESIDENT",
  "RELOCATED",
  "EMIGRATED",
  "DISAPPEARED",
  "DECEASED",
  "SSN_EXPIRED",
  "REGISTERED_AT_BIRTH",
  "ANNULLED_ACCESS",
  "UNREGISTERED",
  "NOT_FOUND",
  "UNKNOWN"
)

export const AddressStatus = OpenEnum(
  "ORDINARY_RESIDENT",
  "ABROAD",
  "MILITARY",
  "SVALBARD",
  "CLIENT_ADDRESS",
  "NO_PERMANENT_RESIDENCE",
  "RESTRICTED_CONFIDENTIAL",
  "RESTRICTED_STRICTLY_CONFIDENTIAL",
  "COMMUTER",
  "UNKNOWN"
)

export const PostalAddress = withKeyAliases(
  WireStruct({ ...addressFields, numberOfResidents: opt(NumberOfResidents) }),
  legacySpellings
)
export type PostalAddress = Schema.Schema.Type<typeof PostalAddress>

export const NationalAddress = withKeyAliases(
  WireStruct({
    ...addressFields,
    numberOfResidents: opt(NumberOfResidents),
    personStatus: opt(PersonStatus),
    addressStatus: opt(AddressStatus)
  }),
  legacySpellings
)
export type NationalAddress = Schema.Schema.Type<typeof NationalAddress>

export const HistoricAddress = withKeyAliases(WireStruct(addressFields), legacySpellings)
export type HistoricAddress = Schema.Schema.Type<typeof HistoricAddress>

export const PersonAddress = WireStruct(
  {
    national: opt(NationalAddress),
    postal: opt(PostalAddress),
    historic: optList(HistoricAddress),
    matchStatus: opt(OpenEnum("Equal", "NonEqual"))
  },
  "PersonAddress"
)
export interface PersonAddress extends Schema.Schema.Type<typeof PersonAddress> {}

export const PersonAml = WireStruct(
  {
    pepResults: optList(ScreeningHit),
    sanctionResults: optList(ScreeningHit),
    status: opt(OpenEnum("NONE", "PEP", "SANCTION", "PEP_AND_SANCTION", "UNKNOWN")),
    statusMessage: opt(Schema.String),
    list: optList(Schema.String),
    metadata: opt(Metadata)
  },
  "PersonAml"
)
export interface PersonAml extends Schema.Schema.Type<typeof PersonAml> {}

export const PersonRole = WireStruct(
  {
    role: opt(Schema.String),
    organizationNumber: opt(Schema.String),
    organizationName: opt(Schema.String),
    metadata: opt(Metadata)
  },
  "PersonRole"
)
export interface PersonRole extends Schema.Schema.Type<typeof PersonRole> {}

/** Only filled when the person was identified by a BankID login (not yet offered for sessions). */
export const BankIdIdentity = WireStruct(
  {
    name: opt(Schema.String),
    commonName: opt(Schema.String),
    ssn: opt(Schema.String),
    originator: opt(Schema.String),
    serialNumber: opt(Schema.String)
  },
  "BankIdIdentity"
)

/** Contract §9.4: the JSON result of `GET /person/session/no/{id}/json`. */
export const PersonResultNO = WireStruct(
  {
    keyInformation: opt(PersonKeyInformation),
    address: opt(PersonAddress),
    aml: opt(PersonAml),
    roles: optList(PersonRole),
    identity: opt(BankIdIdentity),
    links: opt(Links)
  },
  "PersonResultNO"
)
export interface PersonResultNO extends Schema.Schema.Type<typeof PersonResultNO> {}
