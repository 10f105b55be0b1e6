/** Plain-text table with left-aligned columns; numbers right-aligned. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  return cells
    .map((row, index) =>
      row
        .map((cell, column) => {
          const isNumeric = index > 0 && typeof rows[index - 1]?.[column] === "number";
          return isNumeric ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0);
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function formatAge(fromIso: string | undefined, now: Date): string {
  if (!fromIso) return "-";
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(fromIso)) / 1000));
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)}m`;
  if (seconds < 129_600) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}
