// Barrel of the prep layer: re-export its public functions here.
export {};
