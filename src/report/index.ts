// Barrel of the report layer: re-export its public functions here.
export * from './charts/index';
export * from './csv';
export * from './deltas';
export * from './escape';
export * from './expression';
export * from './thresholds';
