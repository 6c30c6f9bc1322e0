// Barrel of the segment layer: re-export its public functions here.
export {};
export * from './rfm';
export * from './segments';
