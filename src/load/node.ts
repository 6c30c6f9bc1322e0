// Node-only parts of the load layer (file and stream I/O).
export {};
