/**
 * The command that prints a finished release's report. A release in the user's state directory is found by its
 * id; the demo keeps its releases apart (under its world's directory), so there the journal file is named.
 */
export function reportCommand(release: { readonly id: string; readonly journal: string; readonly isDemo: boolean }): string {
  return `cockpit report ${release.isDemo ? shellWord(release.journal) : release.id}`;
}

/** Quoted only when a shell would split or expand it, so the usual path stays easy to read and copy. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
