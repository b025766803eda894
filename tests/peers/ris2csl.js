// Read RIS on stdin with citation-js (@citation-js/plugin-ris), print CSL-JSON on stdout.
const path = require('path')
const peers = path.resolve(__dirname, '..', '..', '.peers', 'node_modules')
const { Cite } = require(path.join(peers, '@citation-js/core'))
require(path.join(peers, '@citation-js/plugin-ris'))
let input = ''
process.stdin.on('data', d => { input += d })
process.stdin.on('end', () => {
  const cite = new Cite(input, { forceType: '@ris/file' })
  process.stdout.write(JSON.stringify(cite.data))
})
