import { Wire } from "@nordscreen/core"
import { Schema } from "effect"

// Contract §9.4. Person address objects come with the legacy spellings `postalcode` and
// `metaData`; both spellings decode to `postalCode` and `metadata`.
const legacySpellings = { postalCode: ["postalcode"], metadata: ["metaData"] }

export const PersonGender = Wire.OpenEnum("Male", "Female", "Unknown")

export const PersonKeyInformation = Wire.WireStruct(
  {
    name: Wire.opt(Schema.String),
    firstName: Wire.opt(Schema.String),
    middleName: Wire.opt(Schema.String),
    lastName: Wire.opt(Schema.String),
    dateOfBirth: Wire.opt(Wire.WireDate),
    ssn: Wire.opt(Schema.String),
    gender: Wire.opt(PersonGender),
    birthplace: Wire.opt(Schema.String),
    citizenship: Wire.optList(Schema.String),
    historicNames: Wire.optList(
      Wire.WireStruct({
        name: Wire.opt(Schema.String),
        from: Wire.opt(Wire.WireDate),
        to: Wire.opt(Wire.WireDate)
      })
    ),
    metadata: Wire.opt(Wire.Metadata)
  },
  "PersonKeyInformation"
)
export interface PersonKeyInformation extends Schema.Schema.Type<typeof PersonKeyInformation> {}

export const HouseType = Wire.OpenEnum(
  "DetachedHouse",
  "Duplex",
  "Terraced",
  "Unused",
  "Apartment",
  "OfficePublicStudentHouseOrOthers",
  "Other"
)

export const NumberOfResidents = Wire.withKeyAliases(
  Wire.WireStruct({
    residents: Wire.opt(Schema.Number),
    houseType: Wire.opt(HouseType),
    metadata: Wire.opt(Wire.Metadata)
  }),
  legacySpellings
)

const addressFields = {
  address: Wire.opt(Schema.String),
  address2: Wire.opt(Schema.String),
  postalCode: Wire.opt(Schema.String),
  city: Wire.opt(Schema.String),
  country: Wire.opt(Schema.String),
  registeredDate: Wire.opt(Wire.WireDate),
  metadata: Wire.opt(Wire.Metadata)
}

export const PersonStatus = Wire.OpenEnum(
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

export const AddressStatus = Wire.OpenEnum(
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

export const PostalAddress = Wire.withKeyAliases(
  Wire.WireStruct({ ...addressFields, numberOfResidents: Wire.opt(NumberOfResidents) }),
  legacySpellings
)
export type PostalAddress = Schema.Schema.Type<typeof PostalAddress>

export const NationalAddress = Wire.withKeyAliases(
  Wire.WireStruct({
    ...addressFields,
    numberOfResidents: Wire.opt(NumberOfResidents),
    personStatus: Wire.opt(PersonStatus),
    addressStatus: Wire.opt(AddressStatus)
  }),
  legacySpellings
)
export type NationalAddress = Schema.Schema.Type<typeof NationalAddress>

export const HistoricAddress = Wire.withKeyAliases(Wire.WireStruct(addressFields), legacySpellings)
export type HistoricAddress = Schema.Schema.Type<typeof HistoricAddress>

export const PersonAddress = Wire.WireStruct(
  {
    national: Wire.opt(NationalAddress),
    postal: Wire.opt(PostalAddress),
    historic: Wire.optList(HistoricAddress),
    matchStatus: Wire.opt(Wire.OpenEnum("Equal", "NonEqual"))
  },
  "PersonAddress"
)
export interface PersonAddress extends Schema.Schema.Type<typeof PersonAddress> {}

export const PersonAml = Wire.WireStruct(
  {
    pepResults: Wire.optList(Wire.ScreeningHit),
    sanctionResults: Wire.optList(Wire.ScreeningHit),
    status: Wire.opt(Wire.OpenEnum("NONE", "PEP", "SANCTION", "PEP_AND_SANCTION", "UNKNOWN")),
    statusMessage: Wire.opt(Schema.String),
    list: Wire.optList(Schema.String),
    metadata: Wire.opt(Wire.Metadata)
  },
  "PersonAml"
)
export interface PersonAml extends Schema.Schema.Type<typeof PersonAml> {}

export const PersonRole = Wire.WireStruct(
  {
    role: Wire.opt(Schema.String),
    organizationNumber: Wire.opt(Schema.String),
    organizationName: Wire.opt(Schema.String),
    metadata: Wire.opt(Wire.Metadata)
  },
  "PersonRole"
)
export interface PersonRole extends Schema.Schema.Type<typeof PersonRole> {}

/** Only filled when the person was identified by a BankID login (not yet offered for sessions). */
export const BankIdIdentity = Wire.WireStruct(
  {
    name: Wire.opt(Schema.String),
    commonName: Wire.opt(Schema.String),
    ssn: Wire.opt(Schema.String),
    originator: Wire.opt(Schema.String),
    serialNumber: Wire.opt(Schema.String)
  },
  "BankIdIdentity"
)

/** Contract §9.4: the JSON result of `GET /person/session/no/{id}/json`. */
export const PersonResultNO = Wire.WireStruct(
  {
    keyInformation: Wire.opt(PersonKeyInformation),
    address: Wire.opt(PersonAddress),
    aml: Wire.opt(PersonAml),
    roles: Wire.optList(PersonRole),
    identity: Wire.opt(BankIdIdentity),
    links: Wire.opt(Wire.Links)
  },
  "PersonResultNO"
)
export interface PersonResultNO extends Schema.Schema.Type<typeof PersonResultNO> {}
