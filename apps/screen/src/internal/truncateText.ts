/**
 * `text` itself when it has at most `max` characters; else its first `max` characters and a
 * marker with the full length, so that a stored or reported value stays small however large the
 * cell was (a shared string referenced by 100,000 cells must not be written 100,000 times).
 */
export const truncateText = (text: string, max: number, length: number = text.length): string =>
  length <= max && text.length <= max
    ? text
    : `${text.slice(0, max)}… [truncated: ${length.toLocaleString("en")} characters]`
