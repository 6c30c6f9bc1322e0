// Barrel of the summarize layer: re-export its public functions here.

export * from './columns';
export * from './customers';
export * from './holdout';
