// Barrel of the metrics layer: re-export its public functions here.
export * from './ces';
export * from './churnByPeriod';
export * from './clv';
export * from './cohortRetention';
export * from './conversion';
export * from './csat';
export * from './engagement';
export * from './historicalClv';
export * from './loyalty';
export * from './metricsByPeriod';
export * from './nps';
export * from './reach';
export * from './retention';
export * from './value';
