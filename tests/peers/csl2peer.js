// Write CSL-JSON (stdin) with citation-js in the format named by argv[2]: ris, bibtex, biblatex or data (CSL-JSON).
const path = require('path')
const peers = path.resolve(__dirname, '..', '..', '.peers', 'node_modules')
const { Cite } = require(path.join(peers, '@citation-js/core'))
require(path.join(peers, '@citation-js/plugin-bibtex'))
require(path.join(peers, '@citation-js/plugin-ris'))
let input = ''
process.stdin.on('data', d => { input += d })
process.stdin.on('end', () => {
  const cite = new Cite(JSON.parse(input), { forceType: '@csl/list+object', generateGraph: false })
  const fmt = process.argv[2]
  process.stdout.write(fmt === 'data' ? cite.format('data', { format: 'text' }) : cite.format(fmt, { format: 'text' }))
})
