// npm run bench: runs every benchmark and prints a Markdown table to paste into bench/README.md.
import os from 'node:os';
import { run as gateway } from './gateway.bench.mjs';
import { run as importRegister } from './import.bench.mjs';
import { run as plan } from './plan.bench.mjs';
import { run as review } from './review.bench.mjs';

const rows = [...plan(), ...gateway(), ...importRegister(), ...(await review())];
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`,
);
console.log('| benchmark | result | note |\n| --- | --- | --- |');
for (const [name, result, note] of rows) console.log(`| ${name} | ${result} | ${note} |`);
