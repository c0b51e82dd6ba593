import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/** A file of the repository, by its path from the root. */
const repoFile = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

/** The option types' files: one per group of options. */
const optionsDir = new URL('../../src/runtime/types/options/', import.meta.url)
const optionFiles = readdirSync(optionsDir).filter(file => file.endsWith('.ts')).map(file => readFileSync(new URL(file, optionsDir), 'utf8'))

/** Dot paths of every leaf option in `AxiosJwtOptions`, read from the source the way users see them. */
function optionPaths(): string[] {
  const paths: string[] = []
  const interfaces = new Map<string, ts.InterfaceDeclaration>()
  for (const text of optionFiles) {
    ts.createSourceFile('options.ts', text, ts.ScriptTarget.Latest, true).forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node)
    })
  }
  // An option group is an inline object type, or an interface of the options' files (`refresh: RefreshOptions`).
  const groupOf = (type: ts.TypeNode | undefined) => {
    if (type && ts.isTypeLiteralNode(type) && type.members.some(ts.isPropertySignature)) return type.members
    if (type && ts.isTypeReferenceNode(type)) return interfaces.get(type.typeName.getText())?.members
    return undefined
  }
  const walk = (members: ts.NodeArray<ts.TypeElement>, prefix: string) => {
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.name) continue
      const path = `${prefix}${member.name.getText()}`
      const group = groupOf(member.type)
      if (group) walk(group, `${path}.`)
      else paths.push(path)
    }
  }
  walk(interfaces.get('AxiosJwtOptions')!.members, '')
  return paths
}

describe('the options reference (docs/reference/options.md)', () => {
  const reference = repoFile('docs/reference/options.md')
  const documented = [...reference.matchAll(/^\| `([\w.]+)` \|/gm)].map(m => m[1])
  const options = optionPaths()

  it('finds the options in the source', () => {
    expect(options).toContain('baseURL')
    expect(options).toContain('tokens.refresh.bodyFormat')
    expect(options.length).toBeGreaterThan(25)
  })

  it('documents every option', () => {
    expect(options.filter(option => !documented.includes(option))).toEqual([])
  })

  it('documents no option that does not exist', () => {
    const optionRows = documented.filter((name): name is string => Boolean(name))
    expect(optionRows.filter(name => !options.includes(name))).toEqual([])
  })

  it('documents every option with a @default in the source', () => {
    // The own sessions' options are the main API's, documented once.
    const defaults = optionFiles.map(text => text.slice(0, text.includes('export interface OwnSessionOptions') ? text.indexOf('/** What an API of `axiosJwt.apis`') : undefined))
    expect(defaults.join('').match(/@default/g)?.length).toBe(options.length)
  })

  it('keeps each options type under 150 lines', () => {
    for (const text of optionFiles) {
      const lines = text.split('\n')
      lines.forEach((line, start) => {
        if (!line.startsWith('export interface ')) return
        const length = lines.slice(start).findIndex(end => end === '}') + 1
        expect(length, line).toBeGreaterThan(1)
        expect(length, line).toBeLessThan(150)
      })
    }
  })
})

describe('the public surface (docs/reference/public-surface.md)', () => {
  it('documents every composable the module auto-imports, with its call', () => {
    const module = repoFile('src/module.ts')
    const surface = repoFile('docs/reference/public-surface.md')
    const composables = [...module.matchAll(/name: '(use\w+)'/g)].map(m => m[1]!)
    expect(composables).toEqual(expect.arrayContaining(['useApi', 'useAuth', 'useApiData', 'useServerApi']))
    expect(composables.filter(name => !surface.includes(`\`${name}(`))).toEqual([])
  })
})

describe('the layout (docs/contributing.md)', () => {
  it('names every file of the runtime', () => {
    const contributing = repoFile('docs/contributing.md')
    const layout = contributing.slice(contributing.indexOf('### Layout'), contributing.indexOf('## Dependencies'))
    const runtime = new URL('../../src/runtime/', import.meta.url)
    const files = readdirSync(runtime, { recursive: true }).map(String).filter(file => /\.ts$/.test(file) && !file.endsWith('tsconfig.json'))
    expect(files.length).toBeGreaterThan(50)
    // A few folders are named as a whole: the routes, the DevTools tab, the composables and middleware by their names.
    const wholeFolders = ['server/api/_axios-jwt', 'server/devtools', 'app/composables', 'app/middleware']
    const named = (file: string) => layout.includes(basename(file)) || (wholeFolders.includes(dirname(file)) && layout.includes(`${basename(dirname(file))}/`))
    expect(files.filter(file => !named(file))).toEqual([])
  })
})

describe('the README and the site', () => {
  const readme = repoFile('README.md')
  const docs = new URL('../../docs/', import.meta.url)
  const pages = readdirSync(docs, { recursive: true }).map(String)
    .filter(file => file.endsWith('.md') && !file.startsWith('node_modules') && !file.startsWith('snippets'))

  it('keeps the README under 300 lines', () => {
    expect(readme.split('\n').length).toBeLessThan(300)
  })

  it('links the README only to pages the site has', () => {
    const links = [...readme.matchAll(/\]\(\.\/docs\/([^)#]+\.md)/g)].map(m => m[1]!)
    expect(links.length).toBeGreaterThan(10)
    expect(links.filter(link => !pages.includes(link))).toEqual([])
  })

  it('takes every configuration and page of the guides from a type-checked snippet, none written inline', () => {
    const inline = pages.filter(page => page.startsWith('guide/')).flatMap((page) => {
      const text = readFileSync(new URL(page, docs), 'utf8')
      const configs = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].filter(m => /\baxiosJwt\s*:/.test(m[1]!))
      const vuePages = [...text.matchAll(/```vue\n/g)]
      return [...configs, ...vuePages].map(() => page)
    })
    expect(inline).toEqual([])
  })
})

describe('the security page (docs/guide/security.md)', () => {
  it('names a test that exists for every row of the threat model that has one', () => {
    const page = repoFile('docs/guide/security.md')
    const table = page.slice(page.indexOf('## Threat model'), page.indexOf('\n## ', page.indexOf('## Threat model') + 1))
    const rows = table.split('\n').filter(line => line.startsWith('| ') && !line.startsWith('| Threat'))
    expect(rows.length).toBeGreaterThan(30)
    const named = rows.flatMap(row => [...row.split(' | ').at(-1)!.matchAll(/`((?:utils\/)?[\w-]+\.(?:test\.)?ts)`/g)].map(m => m[1]!))
    const exists = (file: string) => ['e2e', 'unit', ''].some(dir => existsSync(new URL(`../${dir ? `${dir}/` : ''}${file}`, import.meta.url)))
    expect(named.length).toBeGreaterThan(30)
    expect(named.filter(file => !exists(file))).toEqual([])
  })
})

describe('the hooks and errors of the public surface (docs/reference/public-surface.md)', () => {
  const surface = repoFile('docs/reference/public-surface.md')
  const source = (path: string) => repoFile(`src/runtime/${path}`)

  it('lists every runtime hook the module calls, and no other', () => {
    const declared = [...`${source('core/client/hooks.ts')}${source('app/augments.ts')}`.matchAll(/'(axios-jwt:[\w-]+)':/g)].map(m => m[1]!)
    const listed = [...surface.matchAll(/^\| `(axios-jwt:[\w-]+)` \|/gm)].map(m => m[1]!)
    expect(new Set(declared).size).toBeGreaterThanOrEqual(7)
    expect([...new Set(declared)].sort()).toEqual([...new Set(listed)].sort())
  })

  it('names every error class the module exports', () => {
    const errors = [...source('core/errors.ts').matchAll(/^export class (\w+)/gm)].map(m => m[1]!)
    expect(errors.length).toBeGreaterThanOrEqual(5)
    expect(errors.filter(name => !surface.includes(`\`${name}\``))).toEqual([])
  })
})
