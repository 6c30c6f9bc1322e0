// Barrel of the segment layer: re-export its public functions here.

export * from './kmeans';
export * from './kmeansAgreement';
export * from './rfm';
export * from './segments';
export * from './silhouette';
