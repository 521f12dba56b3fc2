/**
 * `npm run measure:slow-modes [-- --widths=512,1024 --seeds=1,2 --activations=relu]`: measures
 * ./slowModes.ts over widths, seeds and both activations on the WASM backend and records every
 * result in content/measured/slowModes.json, which content/claims.ts summarises for the prose.
 * Results are written after each measurement and points already recorded are skipped, so an
 * interrupted run resumes. At width 65 536 one run takes about two minutes on one core.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Activation } from '../../src/lib/ntk';
import { useNodeBackend } from '../bench/nodeBackend';
import { measureSlowModes, SLOW_MODES_SETTINGS, type SlowModesRecording } from './slowModes';

const OUTPUT = fileURLToPath(new URL('../../content/measured/slowModes.json', import.meta.url));

function listArgument<T>(name: string, fallback: T[], parse: (s: string) => T): T[] {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3).split(',').map(parse) : fallback;
}

async function main(): Promise<void> {
  const widths = listArgument('widths', [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536], Number);
  const seeds = listArgument('seeds', [1, 2, 3, 4, 5, 6], Number);
  const activations = listArgument<Activation>('activations', ['relu', 'erf'], (s) => s as Activation);
  const backend = await useNodeBackend('wasm');
  const recording: SlowModesRecording = existsSync(OUTPUT)
    ? JSON.parse(readFileSync(OUTPUT, 'utf8'))
    : { note: '', settings: SLOW_MODES_SETTINGS, measurements: [] };
  recording.note = `npm run measure:slow-modes, ${new Date().toISOString().slice(0, 10)}, tfjs ${backend} in Node ${process.version}, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`;
  for (const activation of activations) {
    for (const width of widths) {
      for (const seed of seeds) {
        if (recording.measurements.some((m) => m.activation === activation && m.width === width && m.seed === seed)) continue;
        const started = Date.now();
        const m = await measureSlowModes({ activation, width, seed });
        recording.measurements.push(m);
        recording.measurements.sort((a, b) => a.activation.localeCompare(b.activation) || a.width - b.width || a.seed - b.seed);
        writeFileSync(OUTPUT, JSON.stringify(recording, null, 1) + '\n');
        console.log(`${activation} width ${width} seed ${seed}: network ${m.network.toPrecision(5)}, linearised ${m.linearised.toPrecision(5)}, ratio ${(m.network / m.linearised).toFixed(3)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
    }
  }
}

await main();
