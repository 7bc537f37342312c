/** The one table `npm run bench` prints: Markdown, so it pastes into README as it is. */
export function markdownTable(rows) {
  const met = (m) => (m === null || m === undefined ? '—' : m ? 'yes' : '**no**');
  const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
  const lines = ['| figure | measured | target | met |', '| --- | --- | --- | --- |'];
  for (const row of rows) lines.push(`| ${cell(row.figure)} | ${cell(row.measured)} | ${cell(row.target)} | ${met(row.met)} |`);
  return `${lines.join('\n')}\n`;
}
