// Barrel of the report layer: re-export its public functions here.
export {};
