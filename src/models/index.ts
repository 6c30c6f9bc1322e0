// Barrel of the models layer: re-export its public functions here.

export {
  type BgBbHistory,
  type BgBbParams,
  type BgBbRow,
  bgBb,
  bgBbConditionalExpectedPurchases,
  bgBbExpectedPurchases,
  bgBbFit,
  bgBbLogLikelihood,
  bgBbLogLikelihoodGradient,
  bgBbProbabilityAlive,
  bgBbProbabilityOfPurchases,
} from './bgBb';
export * from './bgNbd';
export {
  type ClvCustomer,
  type ClvOptions,
  customerLifetimeValue,
  type SummaryUnit,
  type TransactionModelName,
  UNITS_PER_MONTH,
} from './clv';
export * from './gammaGamma';
export {
  type ExpectedPurchasesMatrixOptions,
  expectedPurchasesMatrix,
  type MatrixModelName,
  type MatrixOptions,
  probabilityAliveMatrix,
} from './matrices';
export * from './mbgNbd';
export * from './paretoNbd';
export {
  type SbgParams,
  sbg,
  sbgChurnProbability,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedExpectedResidualLifetime,
  sbgFit,
  sbgLogLikelihood,
  sbgRetentionRate,
  sbgSurvival,
  sbgSurvivalCurve,
} from './sbg';
export {
  type SimulatedCustomer,
  type SimulatedProcess,
  type SimulateOptions,
  simulateCustomers,
} from './simulate';
export { type SimulateBgBbOptions, type SimulatedBgBbCustomer, simulateBgBb } from './simulateBgBb';
export { type SimulateSbgOptions, simulateSbg } from './simulateSbg';
export {
  type SimulatedTransactions,
  type SimulateTransactionsOptions,
  simulateTransactions,
} from './simulateTransactions';
export * from './types';
export {
  type FrequencyBucket,
  type HoldoutRow,
  type HoldoutValidation,
  type HoldoutValidationOptions,
  holdoutValidation,
} from './validation';
export { type TrackingOptions, type TrackingPoint, trackingCurves } from './validationTracking';
