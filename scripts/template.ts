// `npm run template`: writes sheets-template/template.json and sheets-template/csv/*.csv from the
// domain schemas. Deterministic: running it twice changes nothing; test/template fails when the
// committed files differ from what the schemas generate.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildTemplate } from '../sheets-template/build-template'
import { templateFiles } from '../sheets-template/template-files'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const template = buildTemplate()
let changed = 0
for (const file of templateFiles(template)) {
  const path = join(root, file.path)
  let current: string | undefined
  try {
    current = readFileSync(path, 'utf8')
  } catch {
    current = undefined
  }
  if (current === file.content) continue
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, file.content)
  changed++
  console.log(`wrote ${file.path}`)
}
console.log(
  `template v${template.version}: ${template.tabs.length} tabs, ${template.requests.length} requests; ${changed} file(s) changed`,
)
