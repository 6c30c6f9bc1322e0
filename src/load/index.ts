// Barrel of the load layer: re-export its public functions here.
export { type ParseDateOptions, parseDate } from './dates';
export { normalizeId } from './ids';
export { normalizeGender } from './labels';
export { type ParseNumberOptions, parseNumber } from './numbers';
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
