/**
 * customer-analytics: the browser-safe core. No `node:` imports anywhere below this entry.
 * @packageDocumentation
 */
export * from './errors';
export * from './load/index';
export * from './metrics/index';
export * from './models/index';
export * from './prep/index';
export * from './report/index';
export * from './schema/index';
export * from './segment/index';
export * from './summarize/index';
