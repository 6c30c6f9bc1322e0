// Barrel of the load layer: re-export its public functions here.
export {
  CUSTOMER_FIELDS,
  type CustomerField,
  type CustomerLoadOptions,
  loadCustomers,
} from './customers';
export { type ParseDateOptions, parseDate } from './dates';
export { normalizeId } from './ids';
export {
  INTERACTION_FIELDS,
  type InteractionField,
  type InteractionLoadOptions,
  loadInteractions,
} from './interactions';
export { normalizeGender } from './labels';
export { type ParseNumberOptions, parseNumber } from './numbers';
export {
  loadSurveyResponses,
  SURVEY_FIELDS,
  type SurveyField,
  type SurveyLoadOptions,
} from './surveys';
export {
  loadTransactions,
  streamTransactions,
  TRANSACTION_FIELDS,
  type TransactionField,
  type TransactionLoadOptions,
} from './transactions';
export type {
  ColumnSource,
  CommonLoadOptions,
  IdNormalization,
  LoadResult,
  LoadStats,
  RawRecord,
  RecordStream,
  RejectedRow,
} from './types';
export { LOAD_DEFAULTS } from './types';
