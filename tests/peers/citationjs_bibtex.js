// Read BibTeX/BibLaTeX on stdin with citation-js (@citation-js/plugin-bibtex), print CSL-JSON on stdout.
const path = require('path')
const peers = path.resolve(__dirname, '..', '..', '.peers', 'node_modules')
const { Cite, plugins } = require(path.join(peers, '@citation-js/core'))
require(path.join(peers, '@citation-js/plugin-bibtex'))
let input = ''
process.stdin.on('data', d => { input += d })
process.stdin.on('end', () => {
  const cite = new Cite(input, { forceType: '@biblatex/text', generateGraph: false })
  process.stdout.write(JSON.stringify(cite.data.map(({ _graph, ...item }) => item)))
})
