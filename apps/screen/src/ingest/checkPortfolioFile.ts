import type { Stats } from "node:fs"
import { lstat, stat } from "node:fs/promises"
import { PortfolioFileError } from "./PortfolioFileError.js"

const kindOf = (info: Stats): string =>
  info.isDirectory()
    ? "a directory"
    : info.isFIFO()
      ? "a named pipe (FIFO)"
      : info.isCharacterDevice()
        ? "a character device"
        : info.isBlockDevice()
          ? "a block device"
          : info.isSocket()
            ? "a socket"
            : "not a regular file"

const codeOf = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "code" in error ? error.code : undefined

/**
 * Refuses, before anything opens the file, a portfolio that is not a regular file: opening a FIFO
 * blocks until a writer comes, and a device such as /dev/zero never ends, so hashing or reading
 * either would hang. Follows a symbolic link (a link to a regular file is fine) and says when the
 * target was reached through one. Gives the file's size.
 */
export const checkPortfolioFile = async (
  path: string,
  file: string = path
): Promise<{ readonly size: number }> => {
  let info: Stats
  try {
    info = await stat(path)
  } catch (error) {
    const code = codeOf(error)
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new PortfolioFileError({ file, reason: "NOT_FOUND", message: `${file} does not exist.` })
    if (code === "EACCES" || code === "EPERM")
      throw new PortfolioFileError({
        file,
        reason: "UNREADABLE",
        message: `${file} cannot be opened: permission denied.`
      })
    if (code === "ELOOP")
      throw new PortfolioFileError({
        file,
        reason: "NOT_FOUND",
        message: `${file} is a symbolic link that leads in a circle.`
      })
    throw new PortfolioFileError({ file, reason: "UNREADABLE", message: `${file} cannot be opened.` })
  }
  if (info.isFile()) return { size: info.size }
  const link = await lstat(path).then(
    (l) => l.isSymbolicLink(),
    () => false
  )
  throw new PortfolioFileError({
    file,
    reason: "NOT_A_FILE",
    message: `${file} is ${link ? `a symbolic link to ${kindOf(info)}` : kindOf(info)}, not a regular file; give a CSV or XLSX file.`
  })
}
