import { defineConfig, type Options } from 'tsup';

const library: Options = {
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    danfo: 'src/danfo.ts',
    duckdb: 'src/duckdb.ts',
    sql: 'src/sql.ts',
  },
  dts: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
};

export default defineConfig([
  { ...library, format: ['esm'] },
  { ...library, format: ['cjs'] },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
