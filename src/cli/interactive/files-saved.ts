/** A folder inventory's decisions may touch hundreds of files: the line names a few, then counts. */
export function filesSaved(files: readonly string[]): string {
  const SHOWN = 3;
  return files.length <= SHOWN
    ? files.join(', ')
    : `${files.slice(0, SHOWN).join(', ')} and ${files.length - SHOWN} more files`;
}
