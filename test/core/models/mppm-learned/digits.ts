/** The first n images of one digit of the `mnist` package (28×28 grey, [0, 1]), for the MPPM network tests. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function digits(digit: number, n: number, skip = 0): Float64Array {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  const data = (JSON.parse(readFileSync(join(dir, `${digit}.json`), 'utf8')) as { data: number[] }).data;
  if (data.length < (skip + n) * 784) throw new Error(`digit ${digit} has fewer than ${skip + n} images`);
  return Float64Array.from(data.slice(skip * 784, (skip + n) * 784));
}
