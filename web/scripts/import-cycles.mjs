// Fails when the web sources import in a circle (run by `npm run typecheck`): config/ must not reach a view
// (the menu names pages by path, the router loads them), and no module may reach itself again at run time.
// Static, dynamic and import.meta.glob imports count; `import type` does not (TypeScript erases it).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src')

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) return sources(file)
    return /\.(ts|vue)$/.test(name) ? [file] : []
  })
}

/** The file an import names ('@/' is src), or null for a package. */
function resolve(from, spec) {
  const base = spec.startsWith('@/') ? path.join(SRC, spec.slice(2))
    : spec.startsWith('.') ? path.join(path.dirname(from), spec) : null
  if (!base) return null
  return [base, `${base}.ts`, `${base}.vue`, path.join(base, 'index.ts')]
    .find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null
}

const files = sources(SRC)
const known = new Set(files)
const IMPORT = /\b(?:import|export)\s+(type\s+)?(?:[\w*{}\s,]+\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g
const GLOB = /import\.meta\.glob(?:<[^>]*>)?\(\s*['"]([^'"]+)['"]/g

const graph = new Map(files.map((file) => {
  const text = readFileSync(file, 'utf8')
  const edges = new Set()
  for (const [, typeOnly, spec, dynamic] of text.matchAll(IMPORT)) {
    if (typeOnly) continue
    const target = resolve(file, spec ?? dynamic)
    if (target && known.has(target)) edges.add(target)
  }
  // A glob such as '../views/**/index.vue': every file under its folder with that name.
  for (const [, pattern] of text.matchAll(GLOB)) {
    const folder = path.join(path.dirname(file), pattern.split('/**')[0])
    const name = path.basename(pattern)
    for (const other of files) if (other.startsWith(folder + path.sep) && path.basename(other) === name) edges.add(other)
  }
  return [file, [...edges]]
}))

// Strongly connected components (Tarjan): each with more than one file is a cycle.
const index = new Map()
const low = new Map()
const stack = []
const onStack = new Set()
const cycles = []
function visit(file) {
  index.set(file, index.size)
  low.set(file, index.get(file))
  stack.push(file)
  onStack.add(file)
  for (const next of graph.get(file)) {
    if (!index.has(next)) {
      visit(next)
      low.set(file, Math.min(low.get(file), low.get(next)))
    } else if (onStack.has(next)) {
      low.set(file, Math.min(low.get(file), index.get(next)))
    }
  }
  if (low.get(file) !== index.get(file)) return
  const component = []
  let member
  do {
    member = stack.pop()
    onStack.delete(member)
    component.push(member)
  } while (member !== file)
  if (component.length > 1) cycles.push(component)
}
for (const file of files) if (!index.has(file)) visit(file)

const rel = (file) => path.relative(SRC, file)
const configToViews = [...graph].flatMap(([file, edges]) => (rel(file).startsWith('config/')
  ? edges.filter((e) => rel(e).startsWith('views/')).map((e) => `${rel(file)} → ${rel(e)}`) : []))

for (const cycle of cycles) console.error(`import cycle: ${cycle.map(rel).sort().join(', ')}`)
for (const edge of configToViews) console.error(`config imports a view: ${edge}`)
if (cycles.length || configToViews.length) process.exit(1)
console.log(`imports: ${files.length} files, no cycle`)
