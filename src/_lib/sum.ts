/**
 * Compensated (Neumaier) summation: exact to the last bit for sums of money where naive
 * addition drifts, e.g. ten 0.1s add to exactly 1.
 */
export function fsum(values: Iterable<number>): number {
  let sum = 0;
  let c = 0;
  for (const v of values) {
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) c += sum - t + v;
    else c += v - t + sum;
    sum = t;
  }
  return sum + c;
}

/** Running compensated sum, for accumulating inside loops. */
export class Adder {
  private s = 0;
  private c = 0;
  add(v: number): this {
    const t = this.s + v;
    if (Math.abs(this.s) >= Math.abs(v)) this.c += this.s - t + v;
    else this.c += v - t + this.s;
    this.s = t;
    return this;
  }
  valueOf(): number {
    return this.s + this.c;
  }
}
