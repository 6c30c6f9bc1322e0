import { fsum } from '../src/_lib/sum';
import { defineBench } from './_lib';

const values = Float64Array.from({ length: 5_000_000 }, (_, i) => (i % 100) * 0.01);

await defineBench([
  {
    name: 'naive sum 5M',
    run: () => {
      let s = 0;
      for (const v of values) s += v;
      return { rows: values.length, note: `sum ${s}` };
    },
    repeat: 3,
  },
  {
    name: 'compensated fsum 5M',
    run: () => ({ rows: values.length, note: `sum ${fsum(values)}` }),
    baseline: 'naive sum 5M',
    repeat: 3,
  },
]);
