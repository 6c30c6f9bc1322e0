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
export {
  type SimulatedTransactions,
  type SimulateTransactionsOptions,
  simulateTransactions,
} from './simulateTransactions';
export * from './types';
