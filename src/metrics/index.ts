// Barrel of the metrics layer: re-export its public functions here.
export {};
