// Node-only parts of the report layer (SVG rendering, file writers).
export {};
