// Barrel of the summarize layer: re-export its public functions here.
export {};
