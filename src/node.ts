/**
 * customer-analytics/node: everything in the core plus file and stream loaders and report
 * writers that need Node.js.
 * @packageDocumentation
 */
export * from './index';
export * from './load/node';
export * from './report/node';
