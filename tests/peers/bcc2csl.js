// Read a bibliography on stdin with biblatex-csl-converter (Fidus Writer) and print its CSL-JSON.
// argv[2]: biblatex (also BibTeX) | ris | endnote-json (EndNote XML already turned into the
// fast-xml-parser-shaped object the library's EndNoteParser takes; see tests/test_peers_bcc.py).
// Output: {"csl": {key: item}, "order": [keys in input order], "errors": n, "warnings": n}.
const path = require('path')
const bcc = require(path.resolve(__dirname, '..', '..', '.peers', 'node_modules', 'biblatex-csl-converter'))
const kind = process.argv[2]
let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', d => { input += d })
process.stdin.on('end', () => {
  let result
  if (kind === 'biblatex') result = bcc.parse(input, { processUnexpected: true, processUnknown: true })
  else if (kind === 'ris') result = bcc.parseRIS(input)
  else if (kind === 'endnote-json') result = bcc.parseEndNote(JSON.parse(input))
  else throw new Error('unknown input kind ' + kind)
  const db = result.entries
  const ids = Object.keys(db)
  const csl = new bcc.CSLExporter(db, ids, { exportUnexpectedFields: true }).parse()
  const order = ids.map(id => db[id].entry_key)
  // fields the parser set aside (not in its per-type field list): its CSL export never reads them
  for (const id of ids) {
    if (csl[id]) csl[id]._set_aside = Object.keys(Object.assign({}, db[id].unexpected_fields, db[id].unknown_fields))
  }
  process.stdout.write(JSON.stringify({ csl, order, ids, errors: (result.errors || []).length,
    warnings: (result.warnings || []).length }))
})
