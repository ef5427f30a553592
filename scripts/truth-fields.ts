// The reader against the hand truths, field by field (issue 68; test/support/truth-fields.ts): the real tables of
// ../shared/fixtures/other-provinces and more-provinces, the corpus documents with a truth in
// ../shared/corpus/truth/truth.json and test/documents/corpus-truth/*.json. Prints each document's fields right of
// fields, its differences (with --wrong), and the totals per set.
//
// Run: node --import tsx scripts/truth-fields.ts [--wrong] [--only TEXT]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentsBytes } from '../src/server/importers/read-document';
import { DocumentReadError } from '../src/server/importers/errors';
import { scoreDocument, type TruthDocument } from '../test/support/truth-fields';

const SHARED = join('..', 'shared');
const sets: { name: string; dir: string; truths: string[] }[] = [
  { name: '其他省份（6）', dir: join(SHARED, 'fixtures', 'other-provinces'), truths: [join(SHARED, 'fixtures', 'other-provinces', 'truth.json')] },
  { name: '更多省份（9）', dir: join(SHARED, 'fixtures', 'more-provinces'), truths: [join(SHARED, 'fixtures', 'more-provinces', 'truth.json')] },
  {
    name: '真实预算文档（手写真值）',
    dir: join(SHARED, 'corpus', 'budgets-2026'),
    truths: [join(SHARED, 'corpus', 'truth', 'truth.json'), ...readdirSync(join('test', 'documents', 'corpus-truth')).filter((f) => f.endsWith('.json')).map((f) => join('test', 'documents', 'corpus-truth', f))],
  },
];
const showWrong = process.argv.includes('--wrong');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]! : null;

for (const set of sets) {
  let fields = 0;
  let right = 0;
  for (const truthFile of set.truths) {
    if (!existsSync(truthFile)) continue;
    const truths = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, TruthDocument>;
    for (const [file, truth] of Object.entries(truths)) {
      if (only !== null && !file.includes(only)) continue;
      let doc = null;
      let refused = '';
      try {
        doc = (await parseDocumentsBytes(readFileSync(join(set.dir, file)), file))[0] ?? null;
      } catch (e) {
        if (!(e instanceof DocumentReadError)) throw e;
        refused = `（未读取：${e.message}）`;
      }
      const s = scoreDocument(doc, truth);
      fields += s.fields;
      right += s.right;
      console.log(`${(s.right / Math.max(1, s.fields) * 100).toFixed(1).padStart(6)}%  ${s.right}/${s.fields}  ${file}${refused}${s.extra.length ? `  另读出 ${s.extra.length} 张表` : ''}`);
      if (showWrong) for (const w of [...s.wrong, ...s.extra]) console.log(`          ${w}`);
    }
  }
  console.log(`== ${set.name}：${right}/${fields} = ${(right / Math.max(1, fields) * 100).toFixed(1)}%\n`);
}
