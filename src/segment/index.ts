// Barrel of the segment layer: re-export its public functions here.

export * from './churnRisk';
export * from './kmeans';
export * from './kmeansAgreement';
export * from './lifecycle';
export * from './productAffinity';
export * from './rfm';
export * from './segmentSummary';
export * from './segments';
export * from './silhouette';
export * from './tiers';
