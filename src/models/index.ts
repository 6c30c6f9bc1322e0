// Barrel of the models layer: re-export its public functions here.
export * from './simulate';
export * from './simulateTransactions';
