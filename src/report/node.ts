// Node-only parts of the report layer (SVG rendering, file writers, the report pipeline).
export * from './node/document';
export * from './node/html';
export * from './node/input';
export * from './node/pipeline';
export * from './node/reportModel';
export * from './node/svg';
export * from './node/write';
