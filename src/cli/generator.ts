import { version } from './version.js';

export const generator = (): string => `tierplan ${version()}`;
