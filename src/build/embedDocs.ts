/** `npm run docs:embed`: rewrites the generated embed reference in README.md (see src/embed/docs.ts). */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { embedReference, withReference } from '../embed/docs';

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));
const readme = fs.readFileSync(readmePath, 'utf8');
const updated = withReference(readme, embedReference());
if (updated === readme) console.log('README.md embed reference is up to date.');
else {
  fs.writeFileSync(readmePath, updated);
  console.log('README.md embed reference rewritten.');
}
