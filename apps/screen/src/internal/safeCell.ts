// Control characters other than tab, CR and LF: XML 1.0 (the XLSX sheets) cannot hold the C0
// ones and a NUL cuts a CSV short in many readers. U+FFFD shows where the damaged character was.
const CONTROL = /[^\P{Cc}\t\n\r]/gu

/** `value` with the control characters no output file can carry replaced by U+FFFD. */
export const replaceControls = (value: string): string => value.replace(CONTROL, "\uFFFD")

/**
 * Neutralises a value that a spreadsheet would run as a formula (CWE-1236): a leading `=`, `+`,
 * `-`, `@`, tab or carriage return gets a `'` in front, which Excel and LibreOffice show as text.
 * Control characters a file cannot carry become U+FFFD. Applied to every string cell of CSV and
 * XLSX outputs, whoever wrote the value.
 */
export const safeCell = (value: string): string => {
  const clean = replaceControls(value)
  return /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean
}
