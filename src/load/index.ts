// Barrel of the load layer: re-export its public functions here.
export {};
