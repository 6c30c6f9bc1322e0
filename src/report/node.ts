// Node-only parts of the report layer (SVG rendering, file writers).
export * from './node/html';
export * from './node/svg';
