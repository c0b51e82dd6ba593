import { execFileSync } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The module as `npm publish` would ship it, put into `destination`; resolves to its file name there. CI packs once
 * from the fresh clone and lints that tarball (PACKED_TARBALL): the plain-app tests then install that very file.
 */
export function packedTarball(destination: string): string {
  const packed = process.env.PACKED_TARBALL
  if (packed) {
    copyFileSync(packed, `${destination}/${basename(packed)}`)
    return basename(packed)
  }
  return execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1)!
}
