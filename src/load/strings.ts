/**
 * Internal: a copy of `s` that does not keep alive the text it was cut from. V8 represents a
 * substring of 13 or more characters as a view into its parent, so one kept customer id could
 * pin a whole 1 MiB chunk of a file in memory (a streaming summary keeps one id per customer).
 * Values the loaders keep (ids, text fields, date-cache keys) go through here; shorter strings
 * are already copies. Concatenating and slicing back makes V8 flatten into a fresh string.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : `${s} `.slice(0, -1);
}
