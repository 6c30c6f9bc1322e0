/**
 * customer-analytics/node: everything in the core plus file and stream loaders and report
 * writers that need Node.js.
 * @packageDocumentation
 */
export * from './index';
// Explicit names win over the core's same-named in-memory loaders from `export *` above.
export {
  type CustomerFileOptions,
  type FileFormat,
  type FileInput,
  type FileReadOptions,
  type InteractionFileOptions,
  type LoadInput,
  loadCustomers,
  loadInteractions,
  loadSurveyResponses,
  loadTransactions,
  type SurveyFileOptions,
  streamTransactions,
  type TransactionFileOptions,
} from './load/node';
export * from './report/node';
