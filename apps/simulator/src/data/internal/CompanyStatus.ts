/** The registry status of a synthetic company. */
export type CompanyStatus = "ACTIVE" | "BANKRUPT" | "BANKRUPT_ESTATE" | "UNDER_LIQUIDATION" | "DISSOLVED"
