/** A block of a report, rendered alike to Markdown and to HTML. */
export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3 | 4; readonly text: string; readonly anchor?: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

const markdownCell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The blocks as GitHub-flavoured Markdown. */
export function toMarkdown(blocks: readonly Block[]): string {
  return blocks.map((block) => {
    switch (block.kind) {
      case 'heading': return `${'#'.repeat(block.level)} ${block.text}${block.anchor ? ` <a id="${block.anchor}"></a>` : ''}`;
      case 'paragraph': return block.text;
      case 'list': return block.items.map((item) => `- ${item}`).join('\n');
      case 'table': return [
        `| ${block.columns.map(markdownCell).join(' | ')} |`,
        `| ${block.columns.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
      ].join('\n');
    }
  }).join('\n\n') + '\n';
}

/** Text escaped for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px;width:100%}th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f8fa}h2{border-bottom:1px solid #d0d7de;margin-top:2.5rem}h4{margin-bottom:.25rem}
td.compliant,td.pass{background:#dafbe1}td.non-compliant,td.fail{background:#ffebe9}td.not-automated,td.not-applicable{background:#f6f8fa}`;

/** Status words that colour a table cell in the HTML page. */
const STATUS_CLASSES = ['compliant', 'non-compliant', 'not-applicable', 'not-automated', 'pass', 'fail'];

function htmlCell(text: string, tag: 'td' | 'th'): string {
  const status = STATUS_CLASSES.includes(text) ? ` class="${text}"` : '';
  return `<${tag}${status}>${escapeHtml(text)}</${tag}>`;
}

/** The blocks as one self-contained HTML page (inline style, no scripts, no external resources). */
export function toHtml(title: string, blocks: readonly Block[]): string {
  const body = blocks.map((block) => {
    switch (block.kind) {
      case 'heading': return `<h${block.level}${block.anchor ? ` id="${escapeHtml(block.anchor)}"` : ''}>${escapeHtml(block.text)}</h${block.level}>`;
      case 'paragraph': return `<p>${escapeHtml(block.text)}</p>`;
      case 'list': return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
      case 'table': return `<table><thead><tr>${block.columns.map((c) => htmlCell(c, 'th')).join('')}</tr></thead><tbody>${
        block.rows.map((row) => `<tr>${row.map((cell) => htmlCell(cell, 'td')).join('')}</tr>`).join('\n')}</tbody></table>`;
    }
  }).join('\n');
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}
