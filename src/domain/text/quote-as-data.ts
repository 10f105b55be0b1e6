/**
 * Source or model text placed inside a prompt as data: one JSON value. JSON.stringify escapes
 * quotes and newlines but not "</", so a source containing "</source_data>" could close the data
 * block early and have its next lines read as instructions; "<\/" is the same string to any JSON
 * reader and can no longer match a closing tag.
 */
export function quoteAsData(value: unknown): string {
  return JSON.stringify(value).replace(/<\//g, "<\\/");
}
