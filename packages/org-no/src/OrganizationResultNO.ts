import { keyInformationFields, organizationResult } from "@nordscreen/organization"
import { Wire } from "@nordscreen/core"
import type { Schema } from "effect"

/** §9.6: the legal forms of the Brønnøysund registers, as the API names them (open: new forms pass). */
export const OrganizationTypeNO = Wire.OpenEnum(
  "LIMITED_COMPANY",
  "PUBLIC_LIMITED_COMPANY",
  "SOLE_PROPRIETORSHIP",
  "GENERAL_PARTNERSHIP",
  "GENERAL_PARTNERSHIP_WITH_SHARED_LIABILITY",
  "LIMITED_PARTNERSHIP",
  "COOPERATIVE",
  "HOUSING_COOPERATIVE",
  "HOUSE_BUILDING_COOPERATIVE",
  "CONDOMINIUM_FLAT_OWNER",
  "ASSOCIATION_CLUB_ORGANIZATION",
  "FOUNDATION",
  "SAVINGS_BANK",
  "MUTUAL_INSURANCE_COMPANY",
  "PENSION_FUND",
  "STATE",
  "MUNICIPALITY",
  "COUNTY_MUNICIPALITY",
  "MUNICIPAL_BUSINESS_ENTERPRISE",
  "COUNTY_MUNICIPAL_BUSINESS_ENTERPRISE",
  "INTERMUNICIPAL_COMPANY",
  "PUBLIC_CORPORATION",
  "ADMINISTRATIVE_ENTITY_PUBLIC_SECTOR",
  "HEALTH_AUTHORITIES_AND_HEALTH_TRUSTS",
  "REGIONAL_HEALTH_AUTHORITIES_AND_HEALTH_TRUSTS",
  "THE_CHURCH_OF_NORWAY",
  "EUROPEAN_COMPANY",
  "EUROPEAN_COOPERATIVE_SOCIETY",
  "EUROPEAN_ECONOMIC_ENTERPRISE_GROUP",
  "NORWEGIAN_REGISTERED_FOREIGN_BUSINESS",
  "JOINTLY_OWNED_SHIPPING_COMPANY",
  "JOINT_OWNERSHIP_ACCORDING_TO_THE_LAW_OF_PROPERTY",
  "JOINT_OFFICE",
  "BANKRUPT_ESTATE",
  "OTHER_ESTATES",
  "OTHER_BODY_CORPORATE",
  "OTHER_NONBODY_CORPORATE",
  "SPECIALLY_SECTIONED_UNIT",
  "ORGANIZATIONAL_SECTION",
  "OTHER_INDIVIDUALS_REGISTERED_IN_AFFILIATED_REGISTER",
  "COMPANY_WITH_LIMITED_LIABILITY",
  "UNKNOWN"
)

/** §9.2 `KeyInformation` with Norway's legal forms. */
export const KeyInformationNO = Wire.WireStruct(
  { ...keyInformationFields, organizationType: Wire.opt(OrganizationTypeNO) },
  "KeyInformation"
)
export interface KeyInformationNO extends Schema.Schema.Type<typeof KeyInformationNO> {}

/** Contract §9.2: the JSON result of `GET /organization/session/no/{id}/json`. */
export const OrganizationResultNO = organizationResult(KeyInformationNO, "OrganizationResultNO")
export interface OrganizationResultNO extends Schema.Schema.Type<typeof OrganizationResultNO> {}
