/**
 * Neutralises a value that a spreadsheet would run as a formula (CWE-1236): a leading `=`, `+`,
 * `-`, `@`, tab or carriage return gets a `'` in front, which Excel and LibreOffice show as text.
 * Applied to every string cell of CSV and XLSX outputs, whoever wrote the value.
 */
export const safeCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)
