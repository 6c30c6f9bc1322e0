/**
 * HTML escaping for every data-derived string the report writes (customer ids, segment names,
 * column names, file names).
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes a value for HTML text and attribute positions.
 *
 * Rule: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`, `"` → `&quot;`, `'` → `&#39;` (the five
 * characters the OWASP XSS prevention cheat sheet, rule 1, lists for element content and
 * quoted attributes). Non-string values are converted with `String` first; `null` and
 * `undefined` become the empty string. Safe inside double- or single-quoted attributes, never
 * inside `<script>`, `<style>` or unquoted attributes (the report uses none of those for data).
 *
 * Complexity O(length).
 *
 * @param value - Any value; usually a string from the input data.
 * @returns The escaped text.
 * @example
 * escapeHtml('<img src=x onerror=alert(1)>'); // => '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}
