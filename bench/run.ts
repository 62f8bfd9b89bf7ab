/**
 * Benchmark dispatcher: `npm run bench -- <name> [options]` runs `bench/<name>.ts`.
 *
 * A benchmark is a module in bench/ that exports `run(args: string[]): Promise<number>` (the exit
 * code) and, for the listing, `description`. Other modules here (servers, bench/lib/) are not
 * benchmarks; they are recognised by not exporting `run`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

type Benchmark = { run: (args: string[]) => Promise<number> | number; description?: string }

const dir = import.meta.dirname

/** Benchmarks by name, found without importing them (importing loads pg, autocannon, …). */
function available(): { name: string; description: string }[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'run.ts')
    .map((file) => ({ file, source: fs.readFileSync(path.join(dir, file), 'utf8') }))
    .filter(({ source }) => /^export\s+(async\s+)?function\s+run\s*\(|^export\s+const\s+run\s*=/m.test(source))
    .map(({ file, source }) => ({
      name: file.slice(0, -'.ts'.length),
      description: /^export\s+const\s+description\s*=\s*(['"`])(.*)\1/m.exec(source)?.[2] ?? '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

function usage(): string {
  const list = available()
  const width = Math.max(0, ...list.map((b) => b.name.length))
  return [
    'usage: npm run bench -- <name> [options]    (npm run bench -- <name> --help for its options)',
    '',
    'available benchmarks:',
    ...(list.length ? list.map((b) => `  ${b.name.padEnd(width)}  ${b.description}`) : ['  (none)']),
  ].join('\n')
}

const [name, ...args] = process.argv.slice(2)
if (!name || name === '--help' || name === '-h' || name === 'help') {
  console.log(usage())
  process.exit(name ? 0 : 2)
}
if (!available().some((b) => b.name === name)) {
  console.error(`unknown benchmark "${name}"\n\n${usage()}`)
  process.exit(2)
}

const benchmark = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as Benchmark
const code = await benchmark.run(args)
// Pools, sockets or timers left behind by a benchmark must not keep the process alive.
process.exit(code)
