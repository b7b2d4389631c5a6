import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The workspace version under development: package.json's `version`. It is always the next version to
 * release; once released (npm run release), it is raised before the template changes again.
 */
export const WORKSPACE_VERSION: string = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).version;
