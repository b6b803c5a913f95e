import { isRecord } from "../../internal/http.js"
import { labelFor } from "./labels.js"
import type { Writer } from "./Writer.js"

type Value = unknown

const entries = (value: Value): Array<[string, unknown]> => (isRecord(value) ? Object.entries(value) : [])

const field = (value: Value, key: string): unknown => (isRecord(value) ? value[key] : undefined)

const str = (value: Value): string | null => (typeof value === "string" && value !== "" ? value : null)

// Fields that read well without their label inside a one-line summary (addresses, codes, names).
const BARE_KEYS = new Set([
  "code",
  "description",
  "name",
  "address",
  "address2",
  "street",
  "postalCode",
  "postCode",
  "postalcode",
  "city",
  "country",
  "countryName",
  "countryCode"
])

const isFlat = (value: Value): boolean =>
  isRecord(value) &&
  Object.entries(value).every(
    ([k, v]) =>
      k === "metadata" ||
      k === "metaData" ||
      v === null ||
      typeof v !== "object" ||
      (Array.isArray(v) && !v.some(isRecord))
  )

const isBlank = (value: Value): boolean =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)

const norwegian = (language: string): boolean => ["no", "nb", "nn"].includes(language.toLowerCase())

export class ChapterRenderer {
  constructor(
    private readonly w: Writer,
    private readonly language: string
  ) {}

  private label(key: string): string {
    return labelFor(this.language, key)
  }

  private number(value: number): string {
    if (!Number.isInteger(value))
      return value.toLocaleString(norwegian(this.language) ? "nb-NO" : "en-GB", { maximumFractionDigits: 2 })
    const grouped = String(Math.abs(value)).replace(
      /\B(?=(\d{3})+(?!\d))/g,
      norwegian(this.language) ? " " : ","
    )
    return value < 0 ? `-${grouped}` : grouped
  }

  /** One-line text for a scalar, a list of scalars or a small object. */
  private text(value: Value): string {
    if (value === null || value === undefined || value === "") return "—"
    if (typeof value === "number") return this.number(value)
    if (typeof value === "boolean")
      return norwegian(this.language) ? (value ? "Ja" : "Nei") : value ? "Yes" : "No"
    if (typeof value === "string") return value
    if (Array.isArray(value)) return value.length === 0 ? "—" : value.map((v) => this.text(v)).join(", ")
    const parts = entries(value)
      .filter(([k, v]) => k !== "metadata" && k !== "metaData" && v !== null && v !== undefined)
      .map(([k, v]) => (BARE_KEYS.has(k) ? this.text(v) : `${this.label(k)}: ${this.text(v)}`))
    return parts.length === 0 ? "—" : parts.join(", ")
  }

  private sources(value: Value, indent: number): void {
    const sources = field(value, "sources")
    if (Array.isArray(sources) && sources.length > 0)
      this.w.field(norwegian(this.language) ? "Kilder" : "Sources", this.text(sources), indent)
  }

  private isEmptyNode(value: Value): boolean {
    if (value === null || value === undefined) return true
    if (Array.isArray(value)) return value.length === 0
    if (!isRecord(value)) return false
    return entries(value).every(([k, v]) => k === "metadata" || k === "metaData" || this.isEmptyNode(v))
  }

  /** Generic rendering of any JSON value: objects as label/value rows, lists of objects as blocks. */
  value(key: string, value: Value, indent = 0): void {
    if (key === "metadata" || key === "metaData") {
      this.sources(value, indent)
      return
    }
    if (Array.isArray(value) && value.length > 0 && value.every(isFlat)) {
      for (const item of value) this.w.field(this.label(key), this.text(item), indent)
      return
    }
    if (Array.isArray(value) && value.some(isRecord)) {
      this.w.subheading(this.label(key), indent)
      value.forEach((item, i) => {
        if (i > 0) this.w.gap(3)
        this.object(item, indent + 12)
      })
      return
    }
    if (
      isRecord(value) &&
      Object.values(value).some((v) => isRecord(v) || (Array.isArray(v) && v.some(isRecord)))
    ) {
      this.w.subheading(this.label(key), indent)
      this.object(value, indent + 12)
      return
    }
    this.w.field(this.label(key), this.text(value), indent)
  }

  object(value: Value, indent = 0): void {
    if (this.isEmptyNode(value)) {
      this.w.paragraph(this.label("noData"), indent)
      return
    }
    for (const [k, v] of entries(value)) this.value(k, v, indent)
  }

  chapter(key: string, value: Value): void {
    this.w.chapter(this.label(key))
    if (this.isEmptyNode(value)) {
      this.w.paragraph(this.label("noData"))
      return
    }
    switch (key) {
      case "roles":
        this.roles(value)
        return
      case "ownership":
        this.ownership(value)
        return
      case "signatureRights":
      case "procuration":
        this.authority(value)
        return
      case "financials":
        this.financials(value)
        return
      case "aml":
        this.aml(value)
        return
      default:
        this.object(value)
        return
    }
  }

  private roles(value: Value): void {
    if (!Array.isArray(value)) {
      this.object(value)
      return
    }
    for (const role of value) {
      const name = str(field(role, "name")) ?? str(field(role, "organizationName")) ?? "—"
      const detail = str(field(role, "dateOfBirth")) ?? str(field(role, "organizationNumber"))
      this.w.field(str(field(role, "role")) ?? "—", detail === null ? name : `${name} (${detail})`)
    }
  }

  private list(key: string, value: Value, render: (item: Value, index: number) => void): void {
    this.w.subheading(this.label(key))
    if (!Array.isArray(value) || value.length === 0) {
      this.w.paragraph(this.label("noData"), 12)
      return
    }
    value.forEach((item, i) => {
      if (i > 0) this.w.gap(3)
      render(item, i)
    })
  }

  private ownership(value: Value): void {
    for (const [key, v] of entries(value)) {
      if (key === "beneficials") {
        this.list(key, v, (b) => {
          this.w.field(
            str(field(b, "name")) ?? "—",
            str(field(b, "reasonPhrase")) ?? str(field(b, "reason")) ?? "—",
            12
          )
          this.object(
            Object.fromEntries(
              entries(b).filter(
                ([k]) => !["name", "firstName", "lastName", "reason", "reasonPhrase"].includes(k)
              )
            ),
            24
          )
        })
      } else if (key === "shareholders" || key === "subsidiaries") {
        this.list(key, v, (s) => {
          const id = str(field(s, "organizationNumber")) ?? str(field(s, "dateOfBirth"))
          const name = str(field(s, "name")) ?? "—"
          this.w.field(id === null ? name : `${name} (${id})`, `${this.text(field(s, "percentage"))} %`, 12)
        })
      } else this.value(key, v)
    }
  }

  private authority(value: Value): void {
    for (const [key, v] of entries(value)) {
      if (key === "options" && Array.isArray(v)) {
        v.forEach((option, i) => {
          const required = field(option, "required")
          const signers = Array.isArray(required)
            ? required
                .map((r) => `${str(field(r, "name")) ?? "—"} (${str(field(r, "role")) ?? "—"})`)
                .join(" + ")
            : "—"
          this.w.field(`${this.label("options")} ${i + 1}`, signers)
        })
      } else if (key === "remarks" && Array.isArray(v)) {
        for (const remark of v)
          this.w.field(
            this.label("remarks"),
            `${this.text(field(remark, "category"))}: ${this.text(field(remark, "comment"))}`
          )
      } else this.value(key, v)
    }
  }

  private financials(value: Value): void {
    for (const [key, v] of entries(value)) {
      const years = field(v, "years")
      if (key === "accounting" && Array.isArray(years) && years.length > 0) {
        this.w.subheading(this.label("accounting"))
        const header = [this.label("year"), ...years.map((y) => String(field(y, "year") ?? "—"))]
        for (const part of ["incomeStatement", "balanceSheet"]) {
          const keys = entries(field(years[0], part)).map(([k]) => k)
          this.w.table(
            [labelFor(this.language, part), ...header.slice(1)],
            keys.map((k) => [
              labelFor(this.language, k),
              ...years.map((y) => this.text(field(field(y, part), k)))
            ])
          )
          this.w.gap(6)
        }
        this.sources(field(v, "metadata"), 0)
      } else {
        this.w.subheading(this.label(key))
        this.object(v, 12)
      }
    }
  }

  private hits(key: string, value: Value): void {
    this.list(key, value, (hit, i) => {
      const name = str(field(hit, "name")) ?? "—"
      this.w.subheading(
        `${this.label("hit")} ${i + 1}: ${name} — ${this.label("matchIndicator")} ${this.text(field(hit, "matchIndicator"))}`,
        12
      )
      // Lists leave many fields empty; a hit shows only what the list holds.
      this.object(
        Object.fromEntries(
          entries(hit).filter(([k, v]) => k !== "name" && k !== "matchIndicator" && !isBlank(v))
        ),
        24
      )
    })
  }

  private aml(value: Value): void {
    for (const [key, v] of entries(value)) {
      if (key === "pepResults" || key === "sanctionResults") this.hits(key, v)
      else this.value(key, v)
    }
  }
}
