import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape';

describe('escapeHtml', () => {
  it('runs its documented example', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes the five OWASP rule-1 characters and stringifies other values', () => {
    expect(escapeHtml(`a&b"c'd<e>`)).toBe('a&amp;b&quot;c&#39;d&lt;e&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(3.5)).toBe('3.5');
    // already-escaped text is escaped again (no double-decoding surprises)
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  fcTest.prop([fc.string()])(
    'output never contains a raw < > " or quote, and decodes back',
    (s) => {
      const out = escapeHtml(s);
      expect(out).not.toMatch(/[<>"']/);
      const decoded = out
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
      expect(decoded).toBe(s);
    },
  );
});
