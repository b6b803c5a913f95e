import { spawn } from "node:child_process"

/**
 * Opens the HTML report on an interactive desktop (a terminal, and DISPLAY/WAYLAND_DISPLAY or
 * macOS). Best effort: a missing opener or a headless machine is not an error.
 */
export const openInBrowser = (file: string): void => {
  if (process.stdout.isTTY !== true || process.env["NORDSCREEN_NO_OPEN"] !== undefined) return
  const mac = process.platform === "darwin"
  const desktop = mac || process.env["DISPLAY"] !== undefined || process.env["WAYLAND_DISPLAY"] !== undefined
  if (!desktop) return
  try {
    const child = spawn(mac ? "open" : "xdg-open", [file], { detached: true, stdio: "ignore" })
    child.on("error", () => {})
    child.unref()
  } catch {
    // Nothing to do: the path is printed anyway.
  }
}
