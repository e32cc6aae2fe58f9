/**
 * GET /: the local "spreadsheet front end". A self-contained page (no CDN, no external assets)
 * listing the spreadsheets and showing a tab as a grid with row numbers, column letters and the
 * frozen header kept in view. Clicking a cell edits it like typing into Sheets (USER_ENTERED,
 * through /_emulator/edit). Charts anchored to the tab are drawn below the grid as inline SVG
 * (chart-view.ts). Every piece of sheet text is HTML-escaped.
 */
import { columnLetters, formatRange } from './a1-notation.js'
import { formatScalar, parseUserEnteredText, ValueReader } from './cell-values.js'
import { renderCharts } from './chart-view.js'
import type { EmulatorStore } from './emulator-store.js'
import { escapeMarkup } from './escape-markup.js'
import { isDateTimeFormat } from './number-format.js'
import type { Cell, SheetModel, SpreadsheetModel } from './spreadsheet-model.js'

/** Rows per page; frozen rows are shown on every page. */
export const PAGE_ROWS = 200
const MAX_COLUMNS_SHOWN = 200
const ROW_PX = 24
const HEADER_PX = 24
const ROWNUM_PX = 48
const COL_PX = 120

const STYLE = `
body{font:13px/1.4 system-ui,sans-serif;margin:0;color:#202124;background:#f8f9fa}
header{padding:8px 16px;background:#fff;border-bottom:1px solid #dadce0;display:flex;gap:16px;align-items:center}
header h1{font-size:16px;margin:0}
main{padding:12px 16px}
a{color:#1a73e8;text-decoration:none}a:hover{text-decoration:underline}
ul.files{list-style:none;padding:0}ul.files li{background:#fff;border:1px solid #dadce0;border-radius:6px;margin:6px 0;padding:8px 12px}
.tabs{display:flex;gap:4px;flex-wrap:wrap;margin:8px 0}
.tabs a{padding:4px 10px;border:1px solid #dadce0;border-bottom-width:3px;border-radius:4px 4px 0 0;background:#fff}
.tabs a.active{font-weight:600;background:#e8f0fe}
.tabs a.hidden{opacity:.55;font-style:italic}
.grid-wrap{overflow:auto;max-height:calc(100vh - 170px);border:1px solid #dadce0;background:#fff}
table.grid{border-collapse:separate;border-spacing:0;table-layout:fixed}
table.grid th,table.grid td{height:${ROW_PX - 1}px;border-right:1px solid #e2e3e3;border-bottom:1px solid #e2e3e3;padding:0 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:${COL_PX}px;width:${COL_PX}px}
table.grid thead th{position:sticky;top:0;z-index:3;background:#f1f3f4;font-weight:500;text-align:center}
table.grid th.rownum{position:sticky;left:0;z-index:2;background:#f1f3f4;width:${ROWNUM_PX - 9}px;min-width:${ROWNUM_PX - 9}px;text-align:center;font-weight:400}
table.grid thead th.corner{z-index:4;left:0}
table.grid tr.frozen td,table.grid tr.frozen th.rownum{position:sticky;z-index:2;background:#fef7e0}
table.grid tr.frozen th.rownum{z-index:3}
table.grid td.frozen-col{position:sticky;z-index:1;background:#fef7e0}
table.grid td{cursor:cell}
table.grid td.num{text-align:right}
table.grid td.editing{padding:0}
table.grid td input{width:100%;box-sizing:border-box;border:2px solid #1a73e8;font:inherit;height:${ROW_PX - 1}px}
.meta{color:#5f6368}
.pager a{margin-right:12px}
section.charts{margin-top:12px}section.charts h2{font-size:14px;margin:8px 0}
figure.chart{display:inline-block;margin:0 12px 12px 0;vertical-align:top}figure.chart figcaption{color:#5f6368;font-size:12px}
`

const SCRIPT = `
(function(){
  var grid=document.querySelector('table.grid');if(!grid)return;
  var sid=grid.getAttribute('data-spreadsheet');
  grid.addEventListener('click',function(ev){
    var td=ev.target.closest('td[data-range]');if(!td||td.classList.contains('editing'))return;
    var old=td.getAttribute('data-edit')||'';var input=document.createElement('input');input.value=old;
    td.classList.add('editing');td.textContent='';td.appendChild(input);input.focus();input.select();
    var done=false;
    function cancel(){if(done)return;done=true;location.reload()}
    function save(){if(done)return;done=true;
      fetch('/_emulator/edit',{method:'POST',headers:{'content-type':'application/json'},
        body:JSON.stringify({spreadsheetId:sid,range:td.getAttribute('data-range'),values:[[input.value]]})})
      .then(function(r){if(!r.ok)return r.json().then(function(j){alert((j.error&&j.error.message)||('HTTP '+r.status))})})
      .finally(function(){location.reload()})}
    input.addEventListener('keydown',function(e){if(e.key==='Enter')save();else if(e.key==='Escape')cancel()});
    input.addEventListener('blur',function(){if(!done)save()});
  });
})();
`

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeMarkup(title)}</title><style>${STYLE}</style></head><body>${body}<script>${SCRIPT}</script></body></html>`
}

const header = (extra = ''): string =>
  `<header><h1><a href="/">Local Google Sheets (emulator)</a></h1>${extra}</header>`

export function renderIndexPage(store: EmulatorStore): string {
  const items = [...store.spreadsheets.values()]
    .sort((a, b) => a.properties.title.localeCompare(b.properties.title))
    .map((ss) => {
      const tabs = ss.sheets
        .map(
          (s) =>
            `<a href="/?spreadsheet=${encodeURIComponent(ss.spreadsheetId)}&amp;sheet=${s.properties.sheetId}">${escapeMarkup(s.properties.title)}</a>`,
        )
        .join(' · ')
      return `<li><strong>${escapeMarkup(ss.properties.title)}</strong> <span class="meta">${escapeMarkup(ss.spreadsheetId)}</span><div>${tabs}</div></li>`
    })
    .join('')
  const body = items === '' ? '<p class="meta">No spreadsheets yet.</p>' : `<ul class="files">${items}</ul>`
  return page('Local Google Sheets', `${header()}<main>${body}</main>`)
}

/** What a person sees in the edit bar: formula text, or the value re-typeable as entered. */
function editText(reader: ValueReader, sheet: SheetModel, r: number, c: number, cell: Cell | undefined): string {
  const v = cell?.value
  if (v === undefined) return ''
  if ('formulaValue' in v) return v.formulaValue
  if ('stringValue' in v) {
    const reparsed = parseUserEnteredText(v.stringValue, reader.locale).value
    const plain = reparsed !== undefined && 'stringValue' in reparsed && reparsed.stringValue === v.stringValue
    return plain ? v.stringValue : `'${v.stringValue}`
  }
  if ('boolValue' in v) return v.boolValue ? 'TRUE' : 'FALSE'
  const format = cell?.format?.numberFormat
  if (isDateTimeFormat(format)) return formatScalar(reader.effective(sheet, r, c, cell), format, reader.locale)
  // Typed back as shown to the locale: 2.5 is "2,5" in in_ID, where "2.5" would be read as text.
  return String(v.numberValue).replace('.', reader.locale.decimal)
}

function tabColor(sheet: SheetModel): string {
  const c = sheet.properties.tabColorStyle?.rgbColor ?? sheet.properties.tabColor
  if (!c) return ''
  const ch = (x: number | null | undefined): number => Math.round((x ?? 0) * 255)
  return ` style="border-bottom-color:rgb(${ch(c.red)},${ch(c.green)},${ch(c.blue)})"`
}

export function renderSheetPage(ss: SpreadsheetModel, sheetId: number | undefined, offset: number): string {
  const sheet =
    ss.sheets.find((s) => s.properties.sheetId === sheetId) ??
    ss.sheets.find((s) => !s.properties.hidden) ??
    ss.sheets[0]
  if (!sheet) return page(ss.properties.title, `${header()}<main><p>No sheets.</p></main>`)
  const reader = new ValueReader(ss)
  const grid = sheet.properties.gridProperties
  const frozenRows = Math.min(grid.frozenRowCount ?? 0, grid.rowCount)
  const frozenCols = Math.min(grid.frozenColumnCount ?? 0, grid.columnCount)
  const cols = Math.min(grid.columnCount, MAX_COLUMNS_SHOWN)
  const start = Math.max(frozenRows, Math.min(offset, Math.max(grid.rowCount - 1, 0)))
  const end = Math.min(grid.rowCount, start + PAGE_ROWS)
  const id = encodeURIComponent(ss.spreadsheetId)
  const tabs = ss.sheets
    .map((s) => {
      const cls = [s === sheet ? 'active' : '', s.properties.hidden ? 'hidden' : ''].filter(Boolean).join(' ')
      return `<a class="${cls}"${tabColor(s)} href="/?spreadsheet=${id}&amp;sheet=${s.properties.sheetId}">${escapeMarkup(s.properties.title)}</a>`
    })
    .join('')
  let head = '<tr><th class="rownum corner"></th>'
  for (let c = 0; c < cols; c++) head += `<th>${columnLetters(c)}</th>`
  head += '</tr>'
  const rowHtml = (r: number, frozenIndex: number | undefined): string => {
    const cls = frozenIndex === undefined ? '' : ` class="frozen" style="top:${HEADER_PX + frozenIndex * ROW_PX}px"`
    const frozenStyle = frozenIndex === undefined ? '' : ` style="top:${HEADER_PX + frozenIndex * ROW_PX}px"`
    let html = `<tr${cls}><th class="rownum"${frozenStyle}>${r + 1}</th>`
    const row = sheet.rows[r]
    for (let c = 0; c < cols; c++) {
      const cell = row?.[c]
      const eff = cell?.value === undefined ? undefined : reader.effective(sheet, r, c, cell)
      const shown = formatScalar(eff, cell?.format?.numberFormat, reader.locale)
      const classes = [typeof eff === 'number' ? 'num' : '', c < frozenCols ? 'frozen-col' : ''].filter(Boolean)
      const left = c < frozenCols ? ` style="left:${ROWNUM_PX + c * (COL_PX + 9)}px"` : ''
      const range = formatRange(sheet.properties.title, { startRow: r, endRow: r + 1, startCol: c, endCol: c + 1 })
      const note = cell?.note === undefined ? '' : ` title="${escapeMarkup(cell.note)}"`
      html += `<td${classes.length ? ` class="${classes.join(' ')}"` : ''}${left}${note} data-range="${escapeMarkup(range)}" data-edit="${escapeMarkup(editText(reader, sheet, r, c, cell))}">${escapeMarkup(shown)}</td>`
    }
    return `${html}</tr>`
  }
  let bodyRows = ''
  for (let r = 0; r < frozenRows; r++) bodyRows += rowHtml(r, r)
  for (let r = start; r < end; r++) bodyRows += rowHtml(r, undefined)
  const base = `/?spreadsheet=${id}&amp;sheet=${sheet.properties.sheetId}`
  const prev =
    start > frozenRows
      ? `<a href="${base}&amp;offset=${Math.max(frozenRows, start - PAGE_ROWS)}">← rows ${Math.max(frozenRows, start - PAGE_ROWS) + 1}…</a>`
      : ''
  const next = end < grid.rowCount ? `<a href="${base}&amp;offset=${end}">rows ${end + 1}… →</a>` : ''
  const info = `${grid.rowCount} rows × ${grid.columnCount} columns${frozenRows ? `, ${frozenRows} frozen row(s)` : ''}${cols < grid.columnCount ? `, first ${cols} columns shown` : ''}`
  const body = `${header(`<span>${escapeMarkup(ss.properties.title)}</span>`)}<main><div class="tabs">${tabs}</div><p class="meta">${escapeMarkup(info)}. Click a cell to edit it (as typed into Sheets); Enter saves, Esc cancels.</p><div class="pager">${prev}${next}</div><div class="grid-wrap"><table class="grid" data-spreadsheet="${escapeMarkup(ss.spreadsheetId)}"><thead>${head}</thead><tbody>${bodyRows}</tbody></table></div>${renderCharts(ss, sheet, reader)}</main>`
  return page(`${ss.properties.title} – ${sheet.properties.title}`, body)
}
