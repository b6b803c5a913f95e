export type Json = string | number | boolean | null | ReadonlyArray<Json> | JsonObject
export interface JsonObject {
  readonly [key: string]: Json
}

/** Report language: the Norwegian variants give Norwegian texts, everything else English. */
export const isNorwegian = (language: string): boolean => ["no", "nb", "nn"].includes(language.toLowerCase())

export const text = (language: string, norwegian: string, english: string): string =>
  isNorwegian(language) ? norwegian : english

export interface Metadata {
  readonly sources: ReadonlyArray<string>
  readonly urls?: ReadonlyArray<string>
  readonly lastChanged: string | null
  readonly accountingYear?: number
}

export const metadata = (meta: Metadata): JsonObject => ({
  sources: meta.sources,
  urls: meta.urls ?? [],
  lastChanged: meta.lastChanged,
  ...(meta.accountingYear === undefined ? {} : { accountingYear: meta.accountingYear })
})
