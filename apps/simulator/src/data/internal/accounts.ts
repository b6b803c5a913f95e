import type { Country } from "../types.js"
import { CURRENCY_SCALE, type FormKind } from "./catalog.js"
import type { CompanyStatus } from "./CompanyStatus.js"
import type { Rng } from "./Rng.js"

/** Latest year with filed accounts; fixed so a document does not change with the calendar. */
export const LATEST_ACCOUNTING_YEAR = 2024

export interface AccountingYear {
  readonly year: number
  readonly incomeStatement: Readonly<Record<string, number>>
  readonly balanceSheet: Readonly<Record<string, number>>
  /** Part of key figures only; the income statement of the contract has no such line. */
  readonly financialIncome: number
}

export interface Accounts {
  readonly shareCapital: number | null
  readonly years: ReadonlyArray<AccountingYear>
}

interface AccountsInput {
  readonly country: Country
  readonly kind: FormKind
  readonly employees: readonly [number, number | null]
  readonly status: CompanyStatus
}

const FILES_ACCOUNTS: ReadonlySet<FormKind> = new Set(["company", "public", "cooperative", "foundation"])

const shareCapitalFor = (rng: Rng, kind: FormKind, scale: number): number | null => {
  if (kind === "public") return Math.round(rng.int(1, 500) * 1_000_000 * scale)
  if (kind === "company")
    return Math.round(rng.pick([30_000, 30_000, 50_000, 100_000, 200_000, 1_000_000]) * scale)
  return null
}

const yearOf = (
  rng: Rng,
  year: number,
  revenue: number,
  headCount: number,
  scale: number,
  losing: boolean
) => {
  const salesRevenues = Math.round(revenue)
  const otherRevenues = Math.round(revenue * rng.next() * 0.03)
  const totalRevenues = salesRevenues + otherRevenues
  const costOfGoodsSold = Math.round(totalRevenues * (0.15 + rng.next() * 0.25))
  const inventoryChanges = Math.round(totalRevenues * (rng.next() - 0.5) * 0.02)
  const salaryCosts = Math.round(
    Math.min(headCount * 650_000 * scale, totalRevenues * 0.4) * (losing ? 1.8 : 1)
  )
  const depreciations = Math.round(totalRevenues * (0.01 + rng.next() * 0.04))
  const amortizations = Math.round(totalRevenues * rng.next() * 0.005)
  const otherOperatingCosts = Math.round(totalRevenues * (0.04 + rng.next() * 0.08))
  const operatingProfits =
    totalRevenues -
    costOfGoodsSold -
    inventoryChanges -
    salaryCosts -
    depreciations -
    amortizations -
    otherOperatingCosts
  const financialIncome = Math.round(totalRevenues * rng.next() * 0.01)
  const financialCosts = Math.round(totalRevenues * rng.next() * 0.02)
  const ordinaryProfits = operatingProfits + financialIncome - financialCosts
  const resultBeforeTax = ordinaryProfits
  const taxes = resultBeforeTax > 0 ? Math.round(resultBeforeTax * 0.22) : 0
  return {
    year,
    financialIncome,
    incomeStatement: {
      salesRevenues,
      otherRevenues,
      totalRevenues,
      costOfGoodsSold,
      inventoryChanges,
      salaryCosts,
      financialCosts,
      depreciations,
      amortizations,
      otherOperatingCosts,
      operatingProfits,
      ordinaryProfits,
      taxes,
      extraordinaryRevenues: 0,
      extraordinaryCosts: 0,
      minorityInterests: 0,
      resultBeforeTax,
      netProfits: resultBeforeTax - taxes
    }
  }
}

const balanceOf = (rng: Rng, totalRevenues: number, equity: number): Record<string, number> => {
  const debt = Math.max(Math.round(totalRevenues * (0.2 + rng.next() * 0.6)), 10_000)
  const sumAssets = Math.max(equity + debt, debt)
  const fixedAssets = Math.round(sumAssets * (0.2 + rng.next() * 0.5))
  const adjustedDebt = sumAssets - equity
  return {
    currentAssets: sumAssets - fixedAssets,
    fixedAssets,
    sumAssets,
    equity,
    debt: adjustedDebt,
    sumEquityAndDebt: equity + adjustedDebt
  }
}

/** Three filed years ending with LATEST_ACCOUNTING_YEAR; forms that do not file public accounts get none. */
export const makeAccounts = (rng: Rng, input: AccountsInput): Accounts => {
  const scale = CURRENCY_SCALE[input.country]
  const shareCapital = shareCapitalFor(rng, input.kind, scale)
  if (!FILES_ACCOUNTS.has(input.kind) || input.status === "BANKRUPT_ESTATE")
    return { shareCapital, years: [] }
  const [from, to] = input.employees
  const headCount = Math.round((from + (to ?? from * 2)) / 2)
  let revenue = (headCount === 0 ? rng.int(50_000, 800_000) : headCount * rng.int(900_000, 1_800_000)) * scale
  let equity = Math.round((shareCapital ?? 100_000) + revenue * rng.next() * 0.3)
  const troubled = input.status !== "ACTIVE"
  const years: AccountingYear[] = []
  for (let year = LATEST_ACCOUNTING_YEAR - 2; year <= LATEST_ACCOUNTING_YEAR; year++) {
    const losing = troubled && year === LATEST_ACCOUNTING_YEAR
    const base = yearOf(rng, year, revenue, headCount, scale, losing)
    const net = base.incomeStatement.netProfits
    equity += net > 0 ? Math.round(net * 0.5) : net
    years.push({ ...base, balanceSheet: balanceOf(rng, base.incomeStatement.totalRevenues, equity) })
    revenue *= 0.85 + rng.next() * 0.35
  }
  return { shareCapital, years: years.reverse() }
}
